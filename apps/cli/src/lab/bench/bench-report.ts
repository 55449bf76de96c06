import { RunStamp } from '../run-stamp';
import { formatNumber, formatRatio, formatTable, ratio } from './bench-stats';

export interface ScalePoint {
  citizens: number;
  events: number;
  /** Pipeline processes in the consumer group; workerPeakRssMiB is the largest of theirs. */
  workers: number;
  pipelineRps: number;
  workerPeakRssMiB: number;
}

/** Everything one `lgsp bench` run measured; written as JSON, the last line with --json. */
export interface BenchReport {
  startedAt: string;
  /** The commit, versions and server settings the figures were measured on. */
  stamp?: RunStamp;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; note: string };
  citizens: number;
  seed: number;
  province: string;
  /** Source events in the backlog every contender read (registry and sectoral). */
  events: number;
  /** Pipeline processes in the consumer group; workerPeakRssMiB is the largest of theirs. */
  workers: number;
  loadSeconds: number;
  rawConsumeRps: number;
  copyRps: number;
  baselineRps: number;
  baselineMessages: number;
  pipelineRps: number;
  /** The audit replay of the drained backlog's sectoral events (lgsp audit replay), after the drain. */
  replay?: {
    /** Sectoral events decided per second, reading the topics and writing the run's decisions included. */
    rps: number;
    events: number;
    seconds: number;
    /** Whether its digest equals the live decisions' of the same events, and how many records differ. */
    digestEqual: boolean;
    changedRecords: number;
    otherChangedRecords: number;
    liveMissing: number;
    /** Milliseconds from the start at which each phase reported first. */
    phaseStartsMs: Record<string, number>;
  };
  offeredRate: number;
  achievedRate: number;
  latencySamples: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
  p99LatencyMs: number;
  workerPeakRssMiB: number;
  ratios: { pipelineToRawConsume: number; pipelineToCopy: number; pipelineToBaseline: number };
  scale?: ScalePoint[];
  jsonFile?: string;
  chartFile?: string;
}

export function ratiosOf(
  r: Pick<BenchReport, 'pipelineRps' | 'rawConsumeRps' | 'copyRps' | 'baselineRps'>,
): BenchReport['ratios'] {
  return {
    pipelineToRawConsume: ratio(r.pipelineRps, r.rawConsumeRps),
    pipelineToCopy: ratio(r.pipelineRps, r.copyRps),
    pipelineToBaseline: ratio(r.pipelineRps, r.baselineRps),
  };
}

/** The table printed at the end of a run. */
export function benchTable(r: BenchReport): string {
  const rows: string[][] = [
    ['measure', 'value', 'pipeline is'],
    ['raw kafkajs consume (ceiling)', `${formatNumber(r.rawConsumeRps)} rec/s`, formatRatio(r.ratios.pipelineToRawConsume)],
    ['PostgreSQL COPY of the results (ceiling)', `${formatNumber(r.copyRps)} rec/s`, formatRatio(r.ratios.pipelineToCopy)],
    [
      'NestJS Kafka + TypeORM per message (baseline)',
      `${formatNumber(r.baselineRps)} rec/s`,
      formatRatio(r.ratios.pipelineToBaseline),
    ],
    [
      `pipeline, end to end (${r.workers === 1 ? 'one process' : `${r.workers} processes`})`,
      `${formatNumber(r.pipelineRps)} rec/s`,
      '',
    ],
    ...(r.replay
      ? [
          [
            `audit replay of the sectoral backlog (${r.replay.digestEqual ? 'digest = live' : `${r.replay.changedRecords + r.replay.otherChangedRecords + r.replay.liveMissing} records differ`})`,
            `${formatNumber(r.replay.rps)} ev/s`,
            formatRatio(ratio(r.replay.rps, r.pipelineRps)),
          ],
        ]
      : []),
    [`latency p50 at ${formatNumber(r.offeredRate)} ev/s offered`, `${formatNumber(r.p50LatencyMs)} ms`, ''],
    ['latency p95', `${formatNumber(r.p95LatencyMs)} ms`, ''],
    ['latency p99', `${formatNumber(r.p99LatencyMs)} ms`, ''],
    [
      r.workers === 1 ? 'worker peak memory (VmHWM)' : 'peak memory of a worker (VmHWM)',
      `${formatNumber(r.workerPeakRssMiB, 1)} MiB`,
      '',
    ],
  ];
  const lines = [
    `${formatNumber(r.citizens)} citizens, ${formatNumber(r.events)} events; steady load ${formatNumber(r.achievedRate)} ev/s achieved, ${formatNumber(r.latencySamples)} latency samples`,
    formatTable(rows),
  ];
  if (r.scale?.length) {
    lines.push(
      '',
      formatTable([
        ['citizens', 'events', 'workers', 'pipeline rec/s', 'worker peak MiB'],
        ...r.scale.map((p) => [
          formatNumber(p.citizens),
          formatNumber(p.events),
          formatNumber(p.workers),
          formatNumber(p.pipelineRps),
          formatNumber(p.workerPeakRssMiB, 1),
        ]),
      ]),
    );
  }
  return lines.join('\n');
}
