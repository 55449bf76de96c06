import { LatencyPercentiles } from './latency-histogram';
import { PartitionLag } from './lag';

/** One source (topic) at one moment: its results, volumes and lag. */
export interface SourceSnapshot {
  source: string;
  /** Current results per outcome (sectoral sources only). */
  outcomes: Record<string, number>;
  /** Current results and how many of them are MATCHED. */
  total: number;
  matched: number;
  rate: number | null;
  /** Cumulative messages processed and dead-lettered by the consumer group. */
  processed: number;
  deadLettered: number;
  offsetLag: number;
  eventTimeLagSeconds: number;
  /** Messages per second since the previous snapshot (null for the first). */
  throughput: number | null;
  latency: LatencyPercentiles;
}

export interface PartitionSnapshot extends PartitionLag {
  source: string;
  eventTimeLagSeconds: number;
  /** Since when messages have waited on the partition, as the snapshots saw it (null: none wait). */
  waitingSince?: string | null;
  newestCommittedAt: string | null;
  processed: number;
  deadLettered: number;
}

export interface ProvinceMatchRate {
  source: string;
  provinceCode: string;
  matched: number;
  total: number;
  rate: number | null;
}

/** What the monitor publishes to the metrics topic and stores, every interval. */
export interface MetricsSnapshot {
  takenAt: string;
  consumerGroup: string;
  sources: SourceSnapshot[];
  partitions: PartitionSnapshot[];
  provinces: ProvinceMatchRate[];
}

/** Messages per second of each source between two snapshots. */
export function throughputOf(previous: MetricsSnapshot | undefined, source: string, processed: number, at: Date): number | null {
  const before = previous?.sources.find((s) => s.source === source);
  if (!previous || !before) return null;
  const seconds = (at.getTime() - Date.parse(previous.takenAt)) / 1000;
  if (seconds <= 0) return null;
  return Math.max(0, processed - before.processed) / seconds;
}
