import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Kafka, logLevel } from 'kafkajs';
import { topicNames } from '@lgsp/contracts';
import { createScratchDatabase, ScratchDatabase } from '@lgsp/database';
import { databaseServerUrl, eventually, freePort, kafkaBrokers, uniqueName } from '../support/environment';
import { LGSP, runLgsp } from '../support/lgsp-cli';

/** POST over a connection of its own (no keep-alive): the processes sharing the port take whole connections. */
function postNdjson(url: string, key: string, body: string): Promise<{ status: number; lines: Record<string, unknown>[] }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/records/land`,
      { method: 'POST', agent: false, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            lines: text
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l) as Record<string, unknown>),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The ids of a process's children, from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        // pid (comm) state ppid …: the command may hold spaces, so read after its closing parenthesis.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(name)] : [];
      } catch {
        return [];
      }
    });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const landLine = (idempotencyKey: string, parcel: number) =>
  JSON.stringify({
    idempotencyKey,
    operation: 'create',
    record: {
      parcelId: `24133.7.${parcel}`,
      communeCode: '24133',
      mapSheet: 7,
      parcelNumber: parcel,
      areaM2: 120,
      landUse: 'ODT',
      registeredAt: '2015-01-01',
      holder: {
        citizenId: `0661850${String(parcel).padStart(5, '0')}`,
        fullName: 'Trần Thị Mai',
        dateOfBirth: '1985-03-14',
        gender: 'F',
        address: '45 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk',
        provinceCode: '66',
        communeCode: '24133',
      },
    },
  });

/** `lgsp gateway` with LGSP_GATEWAY_PROCESSES=3: one port, keys kept across the processes, a clean stop of them all. */
describe('lgsp gateway as several processes', () => {
  let db: ScratchDatabase;
  let gateway: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    db = await createScratchDatabase(databaseServerUrl(), 'lgsp_gateway_processes');
  });
  afterAll(async () => {
    if (gateway && gateway.exitCode === null) gateway.kill('SIGKILL');
    await db.drop();
  });

  it('answers on one port from every process, replays a key another process took, and stops on SIGTERM with 0', async () => {
    const prefix = `${uniqueName('gwp')}.`;
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      LGSP_TRANSPORT: 'kafka',
      KAFKA_BROKERS: kafkaBrokers().join(','),
      LGSP_TOPIC_PREFIX: prefix,
      LGSP_TOPIC_PARTITIONS: '2',
      LGSP_GATEWAY_PORT: String(await freePort()),
      LGSP_GATEWAY_PROCESSES: '3',
      LGSP_GATEWAY_MAX_LAG: '0',
      LOG_LEVEL: 'info',
    };
    gateway = spawn(process.execPath, [LGSP, 'gateway'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    gateway.stdout!.on('data', (d) => (output += String(d)));
    gateway.stderr!.on('data', (d) => (output += String(d)));
    const url = await eventually(
      () => {
        if (gateway!.exitCode !== null) throw new Error(`lgsp gateway exited with ${gateway!.exitCode}:\n${output}`);
        return /gateway: (http:\/\/\S+)/.exec(output)?.[1];
      },
      120_000,
      'the gateway address',
    );
    const created = runLgsp(['credentials', 'create', 'land-66', '--scope', 'gateway:write'], env);
    expect(created.status).toBe(0);
    const key = /^lgsp_[0-9a-f]{12}_\S+$/m.exec(created.stdout)![0];

    // The CLI runs one process, which forks the three that serve (the first alone, the others once it listens).
    const [primary] = childrenOf(gateway.pid!);
    expect(primary).toBeDefined();
    await eventually(
      () => ((output.match(/"msg":"gateway started"/g) ?? []).length === 3 ? true : undefined),
      90_000,
      'three gateway processes started',
    );
    const serving = childrenOf(primary);
    expect(serving).toHaveLength(3);

    const body = `${landLine('one', 1)}\n${landLine('two', 2)}\n`;
    const first = await postNdjson(url, key, body);
    expect(first.status).toBe(200);
    expect(first.lines.slice(0, 2).map((l) => [l.status, l.replayed])).toEqual([
      [202, undefined],
      [202, undefined],
    ]);
    // The same keys on new connections, whichever process takes them: the first answers again, nothing published.
    for (let i = 0; i < 4; i++) {
      const again = await postNdjson(url, key, body);
      expect(again.lines.slice(0, 2).map((l) => [l.status, l.replayed, l.trackingId])).toEqual([
        [202, true, first.lines[0].trackingId],
        [202, true, first.lines[1].trackingId],
      ]);
    }
    const admin = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topicNames(prefix).sources.land);
      expect(offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0)).toBe(2);
      const exited = new Promise<number | null>((resolve) => gateway!.once('exit', (code) => resolve(code)));
      gateway.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`lgsp gateway exited with ${code} when stopped:\n${output}`);
      // No process of it is left, and the port is closed.
      expect([primary, ...serving].filter(alive)).toEqual([]);
      await expect(fetch(`${url}/records/land`)).rejects.toThrow();
      await admin.deleteTopics({ topics: Object.values(topicNames(prefix).sources) }).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  }, 240_000);
});
