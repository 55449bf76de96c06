import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ReplayRun } from '@lgsp/audit';
import type { TopicNames } from '@lgsp/contracts';
import type { EventTransport } from '@lgsp/transport';
import type { Pool } from 'pg';
import { pipelineGroupOf } from '@lgsp/reconciliation';
import { OutboxRelay } from '@lgsp/lab';
import { baselineRate } from './baseline/baseline-app';
import { loadAndRelay } from './bench-data';
import { BenchReport, ratiosOf, ScalePoint } from './bench-report';
import { BenchInfrastructure, withScratch } from './bench-scratch';
import { percentile, ratePerSecond } from './bench-stats';
import { copyWriteRate } from './copy-ceiling';
import { drainRate, PipelineWorkers } from './pipeline-run';
import { rawConsumeRate } from './raw-consume';
import { resultLatencies } from './result-latencies';
import { offerSteadyLoad } from './steady-load';

export interface BenchOptions {
  citizens: number;
  seed: number;
  province: string;
  /** Offered load of the latency phase, events per second, for durationMs. */
  rate: number;
  durationMs: number;
  /** Longest the (slow) baseline runs, from its first message. */
  baselineMs: number;
  partitions: number;
  /** Pipeline processes in the consumer group. */
  workers: number;
  idleTimeoutMs: number;
}

type Say = (line: string) => void;

/** The whole comparison on one generated dataset, in one scratch database and one set of topics. */
export async function runBench(infra: BenchInfrastructure, o: BenchOptions, say: Say): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  return withScratch(infra, o.partitions, say, async ({ runtime, databaseUrl, prefix, topics }) => {
    const sourceTopics = Object.values(topics.sources);
    say(
      `generating ${o.citizens} citizens (seed ${o.seed}, province ${o.province}), loading them through the outbox and relaying…`,
    );
    const data = await loadAndRelay(runtime.pool, runtime.transport, topics, o);
    say(
      `  ${data.total} events on ${prefix}.* (load ${(data.loadMs / 1000).toFixed(1)} s, relay ${(data.relayMs / 1000).toFixed(1)} s)`,
    );

    say('ceiling 1/2: raw kafkajs consume, eachBatch no-op…');
    const raw = await rawConsumeRate(infra.brokers, sourceTopics, data.total, o.idleTimeoutMs);
    say(`  ${Math.round(raw.rps)} rec/s`);

    say(`baseline: NestJS Kafka transport + TypeORM, one message at a time (at most ${o.baselineMs / 1000} s)…`);
    const baseline = await baselineRate(databaseUrl, infra.brokers, topics, data.total, o.baselineMs);
    say(`  ${Math.round(baseline.rps)} rec/s (${baseline.messages} messages)`);

    say(`pipeline: ${o.workers === 1 ? 'its own process' : `${o.workers} processes in one group`}, draining the backlog…`);
    const pipeline = new PipelineWorkers(databaseUrl, infra.brokers, prefix, o.partitions, o.workers);
    try {
      const drained = await drainRate(pipeline, runtime.transport, pipelineGroupOf(prefix), sourceTopics, o.idleTimeoutMs, say);
      say(`  ${Math.round(drained.rps)} rec/s`);

      say('audit replay: the drained sectoral backlog, decided again as of each event, against the live digest…');
      const replay = await replayRate(runtime, topics);
      say(`  phases began at ${JSON.stringify(replay.phaseStartsMs)} ms of ${Math.round(replay.seconds * 1000)}`);
      say(
        `  ${Math.round(replay.rps)} ev/s (${replay.events} events, digest ${replay.digestEqual ? '= live' : `≠ live: ${replay.changedRecords} records differ in outcome, differences or candidates, ${replay.otherChangedRecords} in evidence only, ${replay.liveMissing} without a live decision`})`,
      );

      say('ceiling 2/2: PostgreSQL COPY of the same result rows…');
      const copy = await copyWriteRate(runtime.pool);
      say(`  ${Math.round(copy.rps)} rows/s (${copy.rows} rows)`);

      say(`latency: a steady ${o.rate} events/s for ${o.durationMs / 1000} s through the sources' outbox and the relay…`);
      const relay = new OutboxRelay(runtime.pool, runtime.transport, { topics: topics.sources });
      relay.start();
      let load;
      try {
        load = await offerSteadyLoad(runtime.pool, topics, { ...o, rate: o.rate, durationMs: o.durationMs });
        await relay.stop();
        await relay.drain();
      } finally {
        await relay.close();
      }
      await drainRate(pipeline, runtime.transport, pipelineGroupOf(prefix), sourceTopics, o.idleTimeoutMs, say);
      const latencies = await resultLatencies(infra.brokers, topics.results, load.eventIds);
      if (latencies.length === 0) throw new Error('no result of the steady load was found on the results topic');
      const workerPeakRssMiB = pipeline.peakRssMiB();
      const rates = {
        rawConsumeRps: raw.rps,
        copyRps: copy.rps,
        baselineRps: baseline.rps,
        pipelineRps: drained.rps,
      };
      const replayed = { replay };
      return {
        startedAt,
        machine: machine(),
        citizens: o.citizens,
        seed: o.seed,
        province: o.province,
        events: data.total,
        workers: o.workers,
        loadSeconds: (data.loadMs + data.relayMs) / 1000,
        ...rates,
        ...replayed,
        baselineMessages: baseline.messages,
        offeredRate: o.rate,
        achievedRate: ratePerSecond(load.sent, load.elapsedMs),
        latencySamples: latencies.length,
        p50LatencyMs: percentile(latencies, 50),
        p95LatencyMs: percentile(latencies, 95),
        p99LatencyMs: percentile(latencies, 99),
        workerPeakRssMiB,
        ratios: ratiosOf(rates),
      };
    } finally {
      await pipeline.stop();
    }
  });
}

/** The pipeline alone at one registry size: its backlog rate and the worker's peak memory. */
export async function runScalePoint(infra: BenchInfrastructure, o: BenchOptions, say: Say): Promise<ScalePoint> {
  return withScratch(infra, o.partitions, say, async ({ runtime, databaseUrl, prefix, topics }) => {
    say(`scale: ${o.citizens} citizens…`);
    const data = await loadAndRelay(runtime.pool, runtime.transport, topics, o);
    say(`  ${data.total} events relayed in ${((data.loadMs + data.relayMs) / 1000).toFixed(1)} s`);
    const pipeline = new PipelineWorkers(databaseUrl, infra.brokers, prefix, o.partitions, o.workers);
    try {
      const drained = await drainRate(
        pipeline,
        runtime.transport,
        pipelineGroupOf(prefix),
        Object.values(topics.sources),
        o.idleTimeoutMs,
        say,
      );
      const point = {
        citizens: o.citizens,
        events: data.total,
        workers: o.workers,
        pipelineRps: drained.rps,
        workerPeakRssMiB: pipeline.peakRssMiB(),
      };
      say(`  ${Math.round(point.pipelineRps)} rec/s, worker peak ${point.workerPeakRssMiB.toFixed(1)} MiB`);
      return point;
    } finally {
      await pipeline.stop();
    }
  });
}

function machine(): BenchReport['machine'] {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    note: 'broker, database, pipeline and load generator all on this machine',
  };
}

/** The audit replay of every sectoral event the topics hold (lgsp audit replay over all time), timed end to end. */
async function replayRate(runtime: { pool: Pool; transport: EventTransport }, topics: TopicNames) {
  const { land, insurance, business } = topics.sources;
  const sectoral = { land, insurance, business };
  const started = performance.now();
  // When each phase began: where a replay's time goes (reading, deciding, writing, comparing).
  const phases: Record<string, number> = {};
  const r = await new ReplayRun(runtime.pool, runtime.transport).run(
    { sources: sectoral, from: new Date(0), to: new Date() },
    (p) => (phases[p.phase] ??= Math.round(performance.now() - started)),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    rps: r.eventsInWindow / seconds,
    events: r.eventsInWindow,
    seconds,
    digestEqual: r.digest === r.liveDigest,
    changedRecords: r.changes.length,
    otherChangedRecords: r.otherChanges.length,
    liveMissing: r.liveMissing,
    phaseStartsMs: phases,
  };
}
