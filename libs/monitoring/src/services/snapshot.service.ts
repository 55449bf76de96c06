import { Inject, Injectable } from '@nestjs/common';
import { SourceName } from '@lgsp/contracts';
import { EventTransport } from '@lgsp/transport';
import { MONITORING_OPTIONS, MONITORING_TRANSPORT, MonitoringOptions } from '../monitoring.options';
import { eventTimeLagSeconds, offsetLags, waitingSince } from '../lag';
import { percentilesOf } from '../latency-histogram';
import { matchRateOf } from '../match-rate';
import { MatchMetricsRepository } from '../repositories/match-metrics.repository';
import { ProgressRepository } from '../repositories/progress.repository';
import { MetricsSnapshot, PartitionSnapshot, ProvinceMatchRate, SourceSnapshot, throughputOf } from '../snapshot';

/** Latency percentiles are over this many recent minutes. */
const LATENCY_MINUTES = 5;

/**
 * Measures the pipeline now, cluster-wide: match counts from the incremental tables, offset
 * lag from the transport, event time and volumes from what every worker reported.
 */
@Injectable()
export class SnapshotService {
  constructor(
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringOptions,
    @Inject(MONITORING_TRANSPORT) private readonly transport: EventTransport,
    private readonly matchMetrics: MatchMetricsRepository,
    private readonly progress: ProgressRepository,
  ) {}

  async take(previous?: MetricsSnapshot): Promise<MetricsSnapshot> {
    const { topics, consumerGroup } = this.options;
    const sources = Object.keys(topics.sources) as SourceName[];
    const [bySource, byProvince, progress, latency, lags] = await Promise.all([
      this.matchMetrics.matchCounts({}, 'source'),
      this.matchMetrics.matchCounts({}, 'province'),
      this.progress.progressOf(consumerGroup),
      this.progress.latencyBuckets(LATENCY_MINUTES),
      Promise.all(
        sources.map(async (s) => {
          const topic = topics.sources[s];
          const [ends, committed] = await Promise.all([
            this.transport.topicOffsets(topic),
            this.transport.groupOffsets(consumerGroup, topic),
          ]);
          return offsetLags(topic, ends, committed);
        }),
      ),
    ]);
    const now = new Date();
    const progressOf = new Map(progress.map((p) => [`${p.topic}:${p.partition}`, p]));
    const before = new Map((previous?.partitions ?? []).map((p) => [`${p.topic}:${p.partition}`, p]));
    const partitions: PartitionSnapshot[] = lags.flat().map((lag) => {
      const p = progressOf.get(`${lag.topic}:${lag.partition}`);
      const waiting = waitingSince(lag.offsetLag, before.get(`${lag.topic}:${lag.partition}`), previous?.takenAt, now);
      return {
        ...lag,
        source: sources.find((s) => topics.sources[s] === lag.topic)!,
        eventTimeLagSeconds: eventTimeLagSeconds(p?.newestCommittedAt ?? null, lag.offsetLag, now, waiting),
        waitingSince: waiting,
        newestCommittedAt: p?.newestCommittedAt?.toISOString() ?? null,
        processed: p?.processed ?? 0,
        deadLettered: p?.deadLettered ?? 0,
      };
    });
    const sourceSnapshots: SourceSnapshot[] = sources.map((source) => {
      const outcomes = Object.fromEntries(bySource.filter((r) => r.source === source).map((r) => [r.outcome, r.count]));
      const rate = matchRateOf(outcomes, source);
      const own = partitions.filter((p) => p.source === source);
      const processed = sum(own.map((p) => p.processed));
      return {
        source,
        outcomes,
        total: rate.total,
        matched: rate.matched,
        rate: rate.rate,
        processed,
        deadLettered: sum(own.map((p) => p.deadLettered)),
        offsetLag: sum(own.map((p) => p.offsetLag)),
        eventTimeLagSeconds: Math.max(0, ...own.map((p) => p.eventTimeLagSeconds)),
        throughput: throughputOf(previous, source, processed, now),
        latency: percentilesOf(latency.get(source) ?? new Map()),
      };
    });
    return {
      takenAt: now.toISOString(),
      consumerGroup,
      sources: sourceSnapshots,
      partitions,
      provinces: provinceRates(byProvince),
    };
  }
}

function provinceRates(
  rows: { source: string; provinceCode: string | null; outcome: string; count: number }[],
): ProvinceMatchRate[] {
  const groups = new Map<string, ProvinceMatchRate>();
  for (const r of rows) {
    const key = `${r.source}:${r.provinceCode}`;
    const g = groups.get(key) ?? {
      source: r.source,
      provinceCode: r.provinceCode ?? 'unknown',
      matched: 0,
      total: 0,
      rate: null,
    };
    g.total += r.count;
    if (r.outcome === 'MATCHED') g.matched += r.count;
    g.rate = g.total === 0 ? null : g.matched / g.total;
    groups.set(key, g);
  }
  return [...groups.values()];
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
