import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { eventually, freePort } from '../support/environment';
import { embeddedDefaultEnv, runLgsp, StartedLgsp } from '../support/lgsp-cli';

async function count(url: string, table: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

/** The second terminal of the first ten minutes: the lab's commands feed the running `lgsp start`. */
describe('commands find the running lgsp start', () => {
  let lgsp: StartedLgsp | undefined;
  let dataDir: string;
  let port: number;
  const file = () => join(dataDir, 'lgsp-instance.json');
  const databaseUrl = () => `postgres://lgsp:lgsp@127.0.0.1:${port + 1}/lgsp`;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lgsp-instance-'));
    port = await freePort();
    lgsp = new StartedLgsp(['--no-demo'], embeddedDefaultEnv(dataDir, port));
    await lgsp.waitFor(/running-instance file written/);
  });
  afterAll(async () => {
    await lgsp?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes its address to the data directory, readable by its owner only, and logs no password', () => {
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    const instance = JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;
    expect(instance).toMatchObject({
      pid: expect.any(Number),
      databaseUrl: databaseUrl(),
      httpUrl: `http://127.0.0.1:${port}`,
      transport: 'embedded',
    });
    expect(lgsp!.output).toContain(`postgres://lgsp@127.0.0.1:${port + 1}/lgsp`);
    expect(lgsp!.output).not.toContain('lgsp:lgsp@');
  });

  it('lgsp generate --citizens 500 feeds it (no second PostgreSQL) and the records are reconciled', async () => {
    // Another HTTP and PostgreSQL port: were a second server started, it would not be the one checked below.
    const result = runLgsp(['generate', '--citizens', '500', '--no-progress'], embeddedDefaultEnv(dataDir, await freePort()));
    expect(result.stderr).not.toContain('undefined');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^digest: [0-9a-f]{64}$/m);
    expect(result.stderr).toContain('using the running lgsp start');
    expect(result.stderr).not.toContain('lgsp:lgsp@');
    // Every sectoral record the generator wrote (its ground truth) gets its result from the running pipeline.
    const expected = await count(databaseUrl(), 'evaluation.ground_truth');
    expect(expected).toBeGreaterThan(0);
    await eventually(
      async () => ((await count(databaseUrl(), 'reconciliation.results')) >= expected ? true : undefined),
      120_000,
      `${expected} results of the generated records in the running instance`,
    );
    // Sectoral records may be decided before their citizens arrive (and decided again then).
    await eventually(
      async () => ((await count(databaseUrl(), 'registry.citizens')) > 0 ? true : undefined),
      60_000,
      'the generated citizens in the running instance',
    );
  });

  it('lgsp ground-truth reads the running instance too', () => {
    const result = runLgsp(['ground-truth', '--json'], embeddedDefaultEnv(dataDir, port));
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { dataset: { parameters: { citizens: number } } }).dataset.parameters.citizens).toBe(
      500,
    );
  });

  it('lgsp reset refuses while it runs, saying so and what to do', () => {
    const result = runLgsp(['reset', '--yes'], embeddedDefaultEnv(dataDir, port));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`an lgsp start is running on ${dataDir}`);
    expect(result.stderr).toContain('stop it first');
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  });

  it('answers every HTTP error as problem+json, an unknown route included, and never says X-Powered-By', async () => {
    const nope = await fetch(`http://127.0.0.1:${port}/api/nope`);
    expect(nope.status).toBe(404);
    expect(nope.headers.get('content-type')).toContain('application/problem+json');
    expect(await nope.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /api/nope',
      instance: '/api/nope',
    });
    expect(nope.headers.get('x-powered-by')).toBeNull();
    const bad = await fetch(`http://127.0.0.1:${port}/api/match-rates?province=Hanoi`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    for (const path of ['/dashboard', '/metrics', '/ready'])
      expect((await fetch(`http://127.0.0.1:${port}${path}`)).headers.get('x-powered-by')).toBeNull();
  });

  it('says "stopping…" and "stopped" on SIGTERM, exits 0 and removes the file', async () => {
    expect(await lgsp!.stop()).toBe(0);
    expect(lgsp!.output).toMatch(/^stopping…/m);
    expect(lgsp!.output).toMatch(/^stopped$/m);
    expect(existsSync(file())).toBe(false);
  });

  it('a stale file (its process gone) is ignored with a word; reset asks, and deletes only on yes', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(
      file(),
      JSON.stringify({
        pid: Number(gone.stdout),
        databaseUrl: databaseUrl(),
        httpUrl: 'http://127.0.0.1:1',
        transport: 'embedded',
      }),
    );
    const env = embeddedDefaultEnv(dataDir, port);
    const declined = runLgsp(['reset'], env, 'no\n');
    expect(declined.stdout).toContain(`the lgsp start that wrote it (pid ${gone.stdout}) is no longer running`);
    expect(declined.stdout).toContain('Type "yes" to delete it');
    expect(declined.stdout).toContain('nothing deleted');
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    // The instance archived what it consumed beside its data (ADR 0017); a segment stands for it if it consumed nothing.
    const archive = join(dirname(resolve(dataDir)), 'archive');
    mkdirSync(join(archive, 'lgsp.land.v1', '2026-12-03'), { recursive: true });
    writeFileSync(join(archive, 'lgsp.land.v1', '2026-12-03', 'manifest.jsonl'), '');
    const confirmed = runLgsp(['reset'], env, 'yes\n');
    expect(confirmed.status).toBe(0);
    expect(confirmed.stdout).toContain(`deleted ${dataDir}`);
    expect(confirmed.stdout).toContain(`deleted the event archive ${archive} with it`);
    expect(existsSync(dataDir)).toBe(false);
    expect(existsSync(archive)).toBe(false);
    expect(runLgsp(['reset', '--yes'], env).stdout).toContain('nothing to reset');
  });
});
