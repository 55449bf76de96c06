import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { allTopicsOf, topicNames } from '@lgsp/contracts';
import { createScratchDatabase, ScratchDatabase } from '@lgsp/database';
import { databaseServerUrl, eventually, freePort, kafkaBrokers, uniqueName } from '../support/environment';
import { embeddedDefaultEnv, LGSP, StartedLgsp } from '../support/lgsp-cli';
import { EMBEDDED_PRODUCT_SCHEMAS, PRODUCT_SCHEMAS, schemasOf } from '../support/schemas';

/** The README's main command, as a user runs it: `npm start` is `lgsp start` on the embedded default. */
describe('lgsp start on the embedded default', () => {
  let lgsp: StartedLgsp | undefined;
  let dataDir: string;
  let firstPort: number;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lgsp-start-'));
  });
  afterAll(async () => {
    await lgsp?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts embedded PostgreSQL and the pipeline, prints the dashboard address and answers ready', async () => {
    const port = await freePort();
    firstPort = port;
    const env = embeddedDefaultEnv(dataDir, port);
    lgsp = new StartedLgsp(['--no-demo'], env);
    const address = await eventually(() => /dashboard: (http:\/\/\S+)/.exec(lgsp!.output)?.[1], 180_000, 'the dashboard address');
    expect(address).toBe(`http://127.0.0.1:${port}/`);
    expect(await lgsp.answer(port, '/ready')).toMatchObject({ status: 'ready', transport: 'embedded' });
    const page = await fetch(`http://127.0.0.1:${port}/dashboard`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('LGSP');
    // The database `lgsp start` serves holds the product's schemas and the embedded transport's, nothing of the lab.
    const schemas = await schemasOf(`postgres://lgsp:lgsp@127.0.0.1:${port + 1}/lgsp`);
    expect(schemas).toEqual(EMBEDDED_PRODUCT_SCHEMAS);
  });

  it('refuses a second lgsp start on the running data directory, naming the running one and what to do', async () => {
    // Runs while the first test's instance still holds the data directory.
    const port = await freePort();
    const result = spawnSync(process.execPath, [LGSP, 'start'], {
      env: embeddedDefaultEnv(dataDir, port),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`an lgsp start is already running on the data directory ${dataDir}`);
    expect(result.stderr).toContain(`dashboard http://127.0.0.1:${firstPort}/`);
    expect(result.stderr).toContain('lgsp generate --citizens 5000');
    expect(result.stderr).not.toContain('undefined');
  });

  it("without the running-instance file, PostgreSQL's own lock still refuses, in its own words and with a way out", async () => {
    const file = join(dataDir, 'lgsp-instance.json');
    renameSync(file, `${file}.aside`);
    try {
      const port = await freePort();
      const env = embeddedDefaultEnv(dataDir, port);
      const result = spawnSync(process.execPath, [LGSP, 'start'], { env, encoding: 'utf8', timeout: 120_000 });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(`could not start on port ${port + 1}`);
      // PostgreSQL's own words: the first server holds the lock file.
      expect(result.stderr).toMatch(/lock file .* already exists/);
      expect(result.stderr).toContain('Another `lgsp start` may be running on this data directory');
      expect(result.stderr).not.toContain('undefined');
    } finally {
      renameSync(`${file}.aside`, file);
    }
  });

  it('stops at start-up with a message naming a malformed setting', () => {
    const result = spawnSync(process.execPath, [LGSP, 'start'], {
      env: { ...process.env, HTTP_PORT: 'eighty', LGSP_TRANSPORT: 'pigeon' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('HTTP_PORT');
    expect(result.stderr).toContain('LGSP_TRANSPORT');
  });
});

/** The flags set what the variables would: a prefix gives the deployment a whole topic set and consumer group of its own. */
describe('lgsp start --topic-prefix on Kafka and a configured database', () => {
  const prefix = uniqueName('start');
  const kafka = () => new Kafka({ brokers: kafkaBrokers(), clientId: 'lgsp-start-test', logLevel: logLevel.NOTHING });
  let lgsp: StartedLgsp | undefined;
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase(databaseServerUrl());
  });
  afterAll(async () => {
    await lgsp?.stop();
    const admin = kafka().admin();
    await admin.connect();
    await admin.deleteTopics({ topics: allTopicsOf(topicNames(prefix)) }).catch(() => undefined);
    await admin.deleteGroups([`${prefix}.pipeline`]).catch(() => undefined);
    await admin.disconnect();
    await database.drop();
  });

  it('creates and consumes the <prefix>.* topics, never the default ones, and migrates only the product', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const v of ['DATABASE_URL', 'LGSP_TRANSPORT', 'KAFKA_BROKERS', 'LGSP_TOPIC_PREFIX', 'HTTP_PORT']) delete env[v];
    const flags = ['--transport', 'kafka', '--brokers', kafkaBrokers().join(','), '--database-url', database.url];
    lgsp = new StartedLgsp([...flags, '--topic-prefix', prefix, '--port', String(port)], env);
    // /health, not /ready: what this test asks is which topics and group the process uses.
    expect(await lgsp.answer(port, '/health')).toEqual({ status: 'ok' });

    const admin = kafka().admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      expect(topics.filter((t) => t.startsWith(`${prefix}.`)).sort()).toEqual(allTopicsOf(topicNames(prefix)).sort());
      const group = await eventually(
        async () => (await admin.listGroups()).groups.find((g) => g.groupId === `${prefix}.pipeline`),
        60_000,
        `the consumer group ${prefix}.pipeline`,
      );
      expect(group.groupId).toBe(`${prefix}.pipeline`);
    } finally {
      await admin.disconnect();
    }
    // Kafka carries the events: not even the embedded transport's tables.
    expect(await schemasOf(database.url)).toEqual(PRODUCT_SCHEMAS);
  });

  it('takes its pipeline process with it when it is killed with SIGKILL, which it cannot forward', async () => {
    const cli = lgsp!.child.pid!;
    const [app] = childrenOf(cli);
    expect(app).toBeGreaterThan(0);
    lgsp!.child.kill('SIGKILL');
    try {
      await eventually(() => (isRunning(app) ? undefined : true), 30_000, `the end of the orphaned pipeline process ${app}`);
      expect(isRunning(app)).toBe(false);
    } finally {
      if (isRunning(app)) process.kill(app, 'SIGKILL');
    }
  });
});

/** The processes whose parent is `pid` (Linux's /proc). */
function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
