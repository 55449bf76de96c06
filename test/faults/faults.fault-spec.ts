import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { examples, MESSAGE_HEADERS, topicNames } from '@lgsp/contracts';
import { KafkaTransport, partitionFor, produceRequests, sendInRequests } from '@lgsp/transport';
import { landParcel, namesakesOf, personOf, publish, registryEvents, syncEvent } from '../support/sync-events';
import { fuzzPlan } from './fuzz-payloads';
import { OwnBroker, OwnPostgres, ROOT, WorkerProcess } from './own-infrastructure';
import { testPool } from '../support/test-pool';

/**
 * The fault suite: real worker processes on a broker and a PostgreSQL this suite owns, each
 * fault injected while they drain a load, then: every event accounted for (lgsp verify-accounting
 * exits 0: nothing missing, no decision sequence twice, every decision published, no stuck
 * partition), every worker alive and healthy, and the recovery time measured.
 */
const PG_PORT = Number(process.env.LGSP_FAULTS_PG_PORT ?? 5540);
const KAFKA_PORT = Number(process.env.LGSP_FAULTS_KAFKA_PORT ?? 19140);
const HTTP_PORTS = [3140, 3141];
/** A third worker, started only while the group grows to three. */
const EXTRA_HTTP_PORT = 3142;
const PARTITIONS = 4;
const EVENTS_PER_FAULT = Number(process.env.LGSP_FAULTS_EVENTS ?? 4000);
/** Payloads of the fuzz run through the consumer (100,000 by hand; docs/guarantees.md has the figures). */
const FUZZ_PAYLOADS = Number(process.env.LGSP_FAULTS_FUZZ ?? 100000);
/** Records moved to another holder (another partition) in the holder-change case. */
const HOLDER_CHANGES = 400;
/** Population events of the registry re-sync the registry-first case strikes in: far above its hold threshold. */
const REGISTRY_RESYNC = Number(process.env.LGSP_FAULTS_RESYNC ?? 20000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => process.stderr.write(`[faults] ${line}\n`);

/** Polls until the probe gives a value; a probe that throws an Error named 'Fatal' ends the wait at once. */
async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch((e: unknown) => {
      if (e instanceof Error && e.message.startsWith('the worker on')) throw e;
      return undefined;
    });
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

describe('fault tolerance: real processes, a broker and a PostgreSQL of the suite', () => {
  const pg = new OwnPostgres(PG_PORT);
  const broker = new OwnBroker(KAFKA_PORT);
  const prefix = `faults-${Date.now().toString(36)}`;
  const topics = topicNames(prefix);
  const groupId = `${prefix}.pipeline`;
  let transport: KafkaTransport;
  let pool: Pool;
  let workers: WorkerProcess[] = [];
  let workerEnv: NodeJS.ProcessEnv = {};
  const recovery: { fault: string; recoveryMs: number; note: string }[] = [];
  let parcelSerial = 0;
  let citizens: ReturnType<typeof namesakesOf> = [];

  /** Per source partition: the group's committed offset and the log end. */
  async function progress(): Promise<Map<string, { committed: bigint; end: bigint }>> {
    const out = new Map<string, { committed: bigint; end: bigint }>();
    for (const topic of Object.values(topics.sources)) {
      const [ends, committed] = await Promise.all([transport.topicOffsets(topic), transport.groupOffsets(groupId, topic)]);
      for (const e of ends) {
        const c = BigInt(committed.find((x) => x.partition === e.partition)?.offset ?? '-1');
        out.set(`${topic}/${e.partition}`, { committed: c < 0n ? 0n : c, end: BigInt(e.high) });
      }
    }
    return out;
  }
  const lagOf = (p: Map<string, { committed: bigint; end: bigint }>) =>
    [...p.values()].reduce((n, x) => n + Number(x.end - x.committed), 0);

  async function idle(timeoutMs = 240_000): Promise<void> {
    await until(async () => (lagOf(await progress()) === 0 ? true : undefined), timeoutMs, 'the workers to drain');
  }

  function verifyAccounting(): { status: number | null; answer: Record<string, unknown> } {
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin', 'lgsp.js'),
        'verify-accounting',
        '--json',
        '--wait',
        '120',
        '--transport',
        'kafka',
        '--brokers',
        broker.brokers.join(','),
        '--database-url',
        pg.url,
        '--topic-prefix',
        prefix,
      ],
      { encoding: 'utf8', timeout: 240_000, env: { ...process.env, LOG_LEVEL: 'warn' } },
    );
    return { status: r.status, answer: JSON.parse(r.stdout.trim().split('\n').pop() || 'null') };
  }

  async function startWorker(w: WorkerProcess): Promise<void> {
    w.start();
    await until(
      async () => {
        if (!w.alive) throw new Error(`the worker on ${w.port} exited (${w.exits.join(', ')}): ${w.output.slice(-3000)}`);
        return (await w.health()) === 200 ? true : undefined;
      },
      120_000,
      `worker on ${w.port} to answer`,
    );
  }

  /** New land records for citizens of the registry: a load the workers drain while the fault strikes. */
  async function publishLoad(count = EVENTS_PER_FAULT): Promise<void> {
    const events = Array.from({ length: count }, () => {
      const n = ++parcelSerial;
      // Parcel numbers from 1: the contract refuses a parcel 0.
      const id = `07954.${Math.floor(n / 999) + 1}.${(n % 999) + 1}`;
      return syncEvent('land', id, landParcel(id, personOf(citizens[n % citizens.length])));
    });
    for (let i = 0; i < events.length; i += 1000) await publish(transport, topics.sources.land, events.slice(i, i + 1000));
  }

  const committedTotal = (p: Map<string, { committed: bigint; end: bigint }>) =>
    [...p.values()].reduce((n, x) => n + Number(x.committed), 0);

  /** What each worker says of itself, printed when a wait fails: the test's error alone does not say why. */
  async function diagnose(why: string, running: WorkerProcess[] = workers): Promise<void> {
    say(`diagnosis (${why}):`);
    for (const w of running) {
      const ready = w.alive
        ? await fetch(`${w.url}/ready`, { signal: AbortSignal.timeout(3000) })
            .then(async (r) => `${r.status} ${await r.text()}`)
            .catch((e: unknown) => `no answer (${(e as Error).message})`)
        : 'not running';
      say(`  worker on ${w.port}: alive ${w.alive}, exits [${w.exits.join(', ')}], /ready ${ready}\n${w.tail(25)}`);
    }
  }

  /** Waits until `count` events were processed (committed) since `committedBefore`. */
  async function processed(
    committedBefore: number,
    count: number,
    what: string,
    running: WorkerProcess[] = workers,
  ): Promise<void> {
    await until(
      async () => (committedTotal(await progress()) - committedBefore >= count ? true : undefined),
      120_000,
      what,
    ).catch(async (e: unknown) => {
      await diagnose(what, running);
      throw e;
    });
  }

  /** From the fault's end until every partition still behind then has moved on (or reached its end). */
  async function measureRecovery(fault: string, ended: number): Promise<number> {
    const atEnd = await until(() => progress(), 120_000, 'the broker to answer again');
    const behind = [...atEnd.entries()].filter(([, x]) => x.committed < x.end);
    await until(
      async () => {
        const p = await progress();
        return behind.every(([k, x]) => p.get(k)!.committed > x.committed || p.get(k)!.committed === p.get(k)!.end)
          ? true
          : undefined;
      },
      180_000,
      `every partition behind after ${fault} to move again`,
    );
    const recoveryMs = Date.now() - ended;
    recovery.push({ fault, recoveryMs, note: '' });
    say(`${fault}: partitions moving again ${recoveryMs} ms after the fault ended (${behind.length} were behind)`);
    return recoveryMs;
  }

  /** Drained, then: verify-accounting clean (nothing missing, no decision twice), every running worker alive and healthy. */
  async function expectAccountedFor(
    fault: string,
    running: WorkerProcess[] = workers,
    drainMs = 240_000,
  ): Promise<Record<string, unknown>> {
    await idle(drainMs);
    const { status, answer } = verifyAccounting();
    const report = answer?.report as Record<string, unknown[]> | undefined;
    expect({ fault, status: answer?.status, missing: report?.missing, duplicated: report?.duplicated }).toEqual({
      fault,
      status: 'clean',
      missing: [],
      duplicated: [],
    });
    expect(status).toBe(0);
    for (const w of running) {
      // Healthy within a few seconds: on 2 shared cores one answer may wait behind a busy event loop.
      const health = await until(async () => ((await w.health()) === 200 ? 200 : undefined), 10_000, 'health').catch(() =>
        w.health(),
      );
      if (health !== 200) await diagnose(`${fault}: the worker on ${w.port} is not healthy`, [w]);
      expect({ fault, port: w.port, alive: w.alive, health }).toEqual({ fault, port: w.port, alive: true, health: 200 });
    }
    return answer;
  }

  /**
   * Publishes a load, strikes once a tenth of it is processed, and measures the recovery: from the
   * fault's end until every partition still behind then has moved on. Then checks the outcome.
   */
  async function underLoad(fault: string, strike: () => Promise<void>, restart?: WorkerProcess): Promise<void> {
    const committedBefore = committedTotal(await progress());
    await publishLoad();
    await processed(committedBefore, EVENTS_PER_FAULT / 10, 'a tenth of the load to be processed');
    await strike();
    await measureRecovery(fault, Date.now());
    // The stopped worker comes back, as its orchestrator would bring it, and joins the group again.
    if (restart) await startWorker(restart);
    await expectAccountedFor(fault);
  }

  /** Polls a worker's /ready every 250 ms until stopped: every call's time and status. */
  function pollReady(w: WorkerProcess): { stop: () => Promise<{ ms: number; status: number }[]> } {
    let polling = true;
    const calls: { ms: number; status: number }[] = [];
    const loop = (async () => {
      while (polling) {
        const t = Date.now();
        const status = await fetch(`${w.url}/ready`, { signal: AbortSignal.timeout(5000) })
          .then((r) => r.status)
          .catch(() => 0);
        calls.push({ ms: Date.now() - t, status });
        await sleep(250);
      }
    })();
    return {
      stop: async () => {
        polling = false;
        await loop;
        return calls;
      },
    };
  }

  /** Every /ready call answered (none timed out), the outage reported, and most within the second the checks allow. */
  function expectReadyAnswered(calls: { ms: number; status: number }[]): void {
    const sorted = calls.map((c) => c.ms).sort((a, b) => a - b);
    const p90 = sorted[Math.floor(sorted.length * 0.9)];
    const max = sorted[sorted.length - 1];
    const unavailable = calls.filter((c) => c.status === 503).length;
    say(`/ready during the broker outage: ${calls.length} calls (${unavailable} answered 503), p90 ${p90} ms, slowest ${max} ms`);
    recovery[recovery.length - 1].note = `(/ready: ${calls.length} calls, ${unavailable} 503, p90 ${p90} ms, slowest ${max} ms)`;
    expect(calls.every((c) => c.status === 200 || c.status === 503)).toBe(true);
    expect(unavailable).toBeGreaterThan(0);
    expect(p90).toBeLessThan(1000);
  }

  beforeAll(async () => {
    // dist/ up to date: the workers and the CLI run the compiled code.
    const built = spawnSync(process.execPath, [join(ROOT, 'bin', 'lgsp.js'), '--help'], { encoding: 'utf8', timeout: 300_000 });
    if (built.status !== 0) throw new Error(`building dist/ failed: ${built.stderr}`);
    pg.init();
    await broker.start();
    transport = new KafkaTransport({ brokers: broker.brokers, clientId: 'lgsp-faults' });
    pool = testPool(pg.url, 2);
    workerEnv = {
      LGSP_TRANSPORT: 'kafka',
      KAFKA_BROKERS: broker.brokers.join(','),
      DATABASE_URL: pg.url,
      LGSP_TOPIC_PREFIX: prefix,
      LGSP_TOPIC_PARTITIONS: String(PARTITIONS),
      LGSP_MAX_BATCH_SIZE: '250',
      LOG_LEVEL: 'warn',
    };
    workers = HTTP_PORTS.map((port) => new WorkerProcess(port, workerEnv));
    // One after the other: the first applies the migrations.
    for (const w of workers) await startWorker(w);
    citizens = namesakesOf(examples.TRAN_THI_MAI, 1000, 100000);
    await publish(transport, topics.sources.population, registryEvents(citizens));
    await idle();
  }, 600_000);

  afterAll(async () => {
    for (const w of workers) if (w.alive) await w.kill('SIGKILL');
    await transport?.close().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await broker.destroy();
    pg.destroy();
    if (recovery.length > 0) {
      say('recovery times (fault end -> every partition behind moving again):');
      for (const r of recovery) say(`  ${r.fault.padEnd(42)} ${String(r.recoveryMs).padStart(6)} ms ${r.note}`);
    }
  }, 180_000);

  it('survives kill -9 of a worker under load (its partitions go to the other; restarted afterwards)', async () => {
    await underLoad(
      'kill -9 of a worker',
      async () => {
        expect(await workers[0].kill('SIGKILL')).toBe('SIGKILL');
      },
      workers[0],
    );
  });

  it('survives SIGTERM of a worker under load (it finishes its batches and leaves the group, exit 0)', async () => {
    await underLoad(
      'SIGTERM of a worker',
      async () => {
        expect(await workers[1].kill('SIGTERM')).toBe(0);
      },
      workers[1],
    );
  });

  it('survives the broker stopping and starting under load, /ready answering within a second throughout', async () => {
    const ready = pollReady(workers[0]);
    await underLoad('broker stop and start', async () => {
      await broker.stop();
      await sleep(3000);
      await broker.start();
    });
    expectReadyAnswered(await ready.stop());
  });

  it('survives an immediate PostgreSQL restart under load', async () => {
    await underLoad('PostgreSQL immediate restart', async () => {
      pg.stopImmediately();
      await sleep(2000);
      pg.start();
    });
  });

  it('survives the termination of every pipeline connection (pg_terminate_backend) under load', async () => {
    await underLoad('pg_terminate_backend of all', async () => {
      const r = await pool.query(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      expect(r.rows[0].n).toBeGreaterThan(0);
    });
  });

  it('survives the broker stopping and starting while registry-first holds the sectoral topics, /ready polled throughout', async () => {
    const ofTopic = (p: Map<string, { committed: bigint; end: bigint }>, topic: string) => {
      const mine = [...p.entries()].filter(([k]) => k.startsWith(`${topic}/`)).map(([, x]) => x);
      return {
        committed: mine.reduce((n, x) => n + Number(x.committed), 0),
        lag: mine.reduce((n, x) => n + Number(x.end - x.committed), 0),
      };
    };
    const ready = pollReady(workers[1]);
    try {
      // A registry re-sync far above LGSP_REGISTRY_FIRST_LAG (500), then sectoral records behind it.
      const resync = namesakesOf(examples.TRAN_THI_MAI, REGISTRY_RESYNC, 300000);
      const producer = await transport.producer();
      try {
        // All requests at once: a re-sync arrives faster than the workers take it, so the lag builds up.
        const messages = resync.map((c) => {
          const e = syncEvent('population', c.citizenId, c);
          return { key: c.citizenId, value: JSON.stringify(e), headers: { [MESSAGE_HEADERS.schemaVersion]: '1' } };
        });
        await Promise.all([...produceRequests(messages)].map((chunk) => producer.send(topics.sources.population, chunk)));
      } finally {
        await producer.disconnect();
      }
      const landBefore = ofTopic(await progress(), topics.sources.land).committed;
      await publishLoad(EVENTS_PER_FAULT / 2);
      // Held: the registry drains while the land records, published after it, wait.
      const seen: string[] = [];
      let held = 0;
      await until(
        async () => {
          const p = await progress();
          const population = ofTopic(p, topics.sources.population);
          const land = ofTopic(p, topics.sources.land);
          seen.push(`population lag ${population.lag}, land lag ${land.lag} processed ${land.committed - landBefore}`);
          held = population.lag > 2000 && land.lag > 0 && land.committed === landBefore ? held + 1 : 0;
          return held >= 2 ? true : undefined;
        },
        30_000,
        'registry-first to hold the land topic while the population topic drains',
      ).catch((e: Error) => {
        throw new Error(`${e.message}; seen: ${seen.slice(-20).join('; ')}`);
      });
      say(`registry-first holding the land topic (${seen[seen.length - 1]}): broker stopped`);
      await broker.stop();
      await sleep(3000);
      await broker.start();
      await measureRecovery('broker stop and start in registry-first', Date.now());
      expectReadyAnswered(await ready.stop());
      await expectAccountedFor('broker stop and start in registry-first');
      // The land records were decided: no hold outlived the outage.
      expect(ofTopic(await progress(), topics.sources.land).lag).toBe(0);
      citizens = [...citizens, ...resync];
    } finally {
      await ready.stop();
    }
  }, 300_000);

  it('ends with the event committed last across holder changes, redelivered and out of order, through a kill -9', async () => {
    const topic = topics.sources.land;
    // Per parcel two holders whose keys land on different partitions: the record moves between them.
    const moves = Array.from({ length: HOLDER_CHANGES }, (_, i) => {
      const oldHolder = citizens[i % citizens.length];
      const newHolder = citizens.find(
        (c, j) => j > i && partitionFor(topic, c.citizenId, PARTITIONS) !== partitionFor(topic, oldHolder.citizenId, PARTITIONS),
      )!;
      const parcelId = `07955.${Math.floor(i / 999) + 1}.${(i % 999) + 1}`;
      const older = syncEvent('land', parcelId, landParcel(parcelId, personOf(oldHolder)));
      const newer = syncEvent('land', parcelId, landParcel(parcelId, personOf(newHolder)), older.after);
      older.committedAt = new Date(Date.UTC(2026, 5, 1, 8, 0, 0, i)).toISOString();
      newer.committedAt = new Date(Date.UTC(2026, 5, 1, 9, 0, 0, i)).toISOString();
      return { parcelId, older, newer, newHolder };
    });
    // Half the parcels see the newer event first (the old holder's partition lags), half in order.
    const first = moves.map((m, i) => (i % 2 === 0 ? m.newer : m.older));
    const second = moves.map((m, i) => (i % 2 === 0 ? m.older : m.newer));
    const committedBefore = committedTotal(await progress());
    await publishLoad();
    await publish(transport, topic, first);
    await processed(committedBefore, EVENTS_PER_FAULT / 10, 'a tenth of the load to be processed');
    expect(await workers[1].kill('SIGKILL')).toBe('SIGKILL');
    // While a worker is down: the second events, then every event of the moves again (a producer's retry).
    await publish(transport, topic, second);
    await publish(transport, topic, [...first, ...second]);
    await measureRecovery('kill -9 across holder changes', Date.now());
    await startWorker(workers[1]);
    await expectAccountedFor('holder changes, redelivered and out of order');
    const results = await pool.query<{ entity_id: string; citizen_id: string | null; event_id: string }>(
      `SELECT entity_id, citizen_id, event_id::text FROM reconciliation.results WHERE source = 'land' AND entity_id = ANY($1)`,
      [moves.map((m) => m.parcelId)],
    );
    const byParcel = new Map(results.rows.map((r) => [r.entity_id, r]));
    const wrong = moves.filter((m) => {
      const r = byParcel.get(m.parcelId);
      return r?.event_id !== m.newer.eventId || r.citizen_id !== m.newHolder.citizenId;
    });
    expect({ parcels: results.rows.length, wrong: wrong.map((m) => m.parcelId) }).toEqual({ parcels: HOLDER_CHANGES, wrong: [] });
  }, 300_000);

  it('stays accounted for as a third worker joins and workers leave and come back under load', async () => {
    const extra = new WorkerProcess(EXTRA_HTTP_PORT, workerEnv);
    try {
      const load = EVENTS_PER_FAULT * 2;
      const committedBefore = committedTotal(await progress());
      await publishLoad(load);
      // Each change of the group strikes while the load drains: 2 -> 3 -> 2 (SIGTERM) -> 3 -> 2 (kill -9).
      const steps: [number, string, () => Promise<void>][] = [
        [0.1, 'a third worker joins', () => startWorker(extra)],
        [0.3, 'SIGTERM of one of three', async () => expect(await workers[0].kill('SIGTERM')).toBe(0)],
        [0.5, 'the stopped worker joins again', () => startWorker(workers[0])],
        [0.7, 'kill -9 of one of three', async () => expect(await extra.kill('SIGKILL')).toBe('SIGKILL')],
      ];
      for (const [share, what, step] of steps) {
        await processed(committedBefore, load * share, `${share * 100} % of the load to be processed`, [...workers, extra]);
        await step();
        say(`group change under load: ${what}`);
      }
      await expectAccountedFor('workers joining and leaving');
      expect(extra.exits).toEqual(['SIGKILL']);
    } finally {
      if (extra.alive) await extra.kill('SIGKILL');
    }
  }, 400_000);

  it(
    `takes ${FUZZ_PAYLOADS.toLocaleString('en')} fuzzed payloads on a source topic: workers up, every payload accounted for, valid events after them decided`,
    async () => {
      const plan = fuzzPlan(FUZZ_PAYLOADS, citizens);
      const exitsBefore = workers.map((w) => w.exits.length);
      say(
        `fuzz: ${Object.entries(plan.kinds)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}`,
      );
      const started = Date.now();
      const producer = await transport.producer();
      try {
        await sendInRequests(producer, topics.sources.land, plan.messages);
      } finally {
        await producer.disconnect();
      }
      const produced = Date.now();
      // Valid events after the fuzz: each must be decided (no partition held up by what came before).
      const after = Array.from({ length: 400 }, (_, i) => {
        const id = `07957.1.${i + 1}`;
        return syncEvent('land', id, landParcel(id, personOf(citizens[i % citizens.length])));
      });
      await publish(transport, topics.sources.land, after);
      const answer = await expectAccountedFor('fuzzed payloads', workers, FUZZ_PAYLOADS * 3 + 120_000);
      const drained = Date.now();
      const summary = answer.summary as { deadLettered: number; consumed: number };
      say(
        `fuzz: ${FUZZ_PAYLOADS} payloads produced in ${produced - started} ms, all accounted for ${drained - produced} ms later ` +
          `(${summary.deadLettered} dead-lettered in the whole run; accounting ${JSON.stringify(summary)})`,
      );
      const decided = await pool.query<{ event_id: string }>(
        `SELECT event_id::text FROM reconciliation.results WHERE source = 'land' AND entity_id = ANY($1)`,
        [after.map((e) => e.entityId)],
      );
      expect(new Set(decided.rows.map((r) => r.event_id))).toEqual(new Set(after.map((e) => e.eventId)));
      // The workers stayed up through all of it: not one exit.
      expect(workers.map((w) => w.exits.length)).toEqual(exitsBefore);
    },
    FUZZ_PAYLOADS * 6 + 300_000,
  );

  it('dead-letters what PostgreSQL refuses and leaves no citizen data in the server log', async () => {
    const more = namesakesOf(examples.TRAN_THI_MAI, 20, 200000);
    const refused = more[7].citizenId;
    // A constraint the database enforces and the contract cannot know: the poison path into PostgreSQL.
    await pool.query(`ALTER TABLE registry.citizens ADD CONSTRAINT faults_refuse CHECK (citizen_id <> '${refused}')`);
    await publish(
      transport,
      topics.sources.population,
      more.map((c) => syncEvent('population', c.citizenId, c)),
    );
    await idle();
    const { status, answer } = verifyAccounting();
    expect({ status, verdict: answer?.status }).toEqual({ status: 0, verdict: 'clean' });
    expect((answer?.summary as { deadLettered: number }).deadLettered).toBeGreaterThanOrEqual(1);
    const stored = await pool.query(`SELECT count(*)::int AS n FROM registry.citizens WHERE citizen_id = $1`, [refused]);
    expect(stored.rows[0].n).toBe(0);

    const log = readFileSync(pg.log, 'utf8');
    // The refusal reached the server log (the scan looks where the data would be)...
    expect(log).toContain('faults_refuse');
    // ...and no ID, name or date of birth of any citizen of the run is in it.
    const found = [...citizens, ...more].flatMap((c) =>
      [c.citizenId, c.fullName, c.dateOfBirth].filter((v): v is string => typeof v === 'string' && log.includes(v)),
    );
    expect([...new Set(found)]).toEqual([]);
  });
});
