import { Inject, Injectable } from '@nestjs/common';
import { communeByCode, maskIdsInText, NEW_PROVINCES } from '@lgsp/domain';
import { MONITORING_OPTIONS, MonitoringOptions } from '../monitoring.options';
import { MonitorService } from './monitor.service';
import { SnapshotService } from './snapshot.service';
import { DeadLetterEntry } from '../dead-letter-entry';
import { fieldQualityOf, matchRateOf } from '../match-rate';
import { AlertsRepository, StoredAlert } from '../repositories/alerts.repository';
import { DeadLettersRepository } from '../repositories/dead-letters.repository';
import {
  MatchCountFilter,
  MatchGrouping,
  MatchMetricsRepository,
  WindowCountRow,
  WindowGrain,
} from '../repositories/match-metrics.repository';
import { SnapshotsRepository } from '../repositories/snapshots.repository';
import { MetricsSnapshot } from '../snapshot';

export interface MatchRateRow {
  source: string;
  provinceCode: string | null;
  provinceName: string | null;
  communeCode: string | null;
  communeName: string | null;
  outcomes: Record<string, number>;
  matched: number;
  total: number;
  rate: number | null;
  report: string;
}

export interface FieldQualityRow {
  source: string;
  field: string;
  total: number;
  missing: number;
  differing: number;
  completeness: number | null;
  validity: number | null;
  kinds: Record<string, number>;
}

export interface SeriesPoint {
  at: string;
  sources: { source: string; offsetLag: number; eventTimeLagSeconds: number; throughput: number | null; rate: number | null }[];
}

const PROVINCE_NAMES = new Map(NEW_PROVINCES.map((p) => [p.code as string, p.name]));

/** What the REST API and the dashboard show, read from the monitoring tables and the live measurement. */
@Injectable()
export class MonitoringQueries {
  constructor(
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringOptions,
    private readonly matchMetrics: MatchMetricsRepository,
    private readonly stored: SnapshotsRepository,
    private readonly alertsRepository: AlertsRepository,
    private readonly deadLetterRepository: DeadLettersRepository,
    private readonly snapshots: SnapshotService,
    private readonly monitor: MonitorService,
  ) {}

  async matchRates(filter: MatchCountFilter, grouping: MatchGrouping): Promise<MatchRateRow[]> {
    const rows = await this.matchMetrics.matchCounts(filter, grouping);
    const groups = new Map<string, MatchRateRow>();
    for (const r of rows) {
      const key = `${r.source}|${r.provinceCode}|${r.communeCode}`;
      const g = groups.get(key) ?? {
        source: r.source,
        provinceCode: r.provinceCode,
        provinceName: r.provinceCode === null ? null : (PROVINCE_NAMES.get(r.provinceCode) ?? null),
        communeCode: r.communeCode,
        communeName: r.communeCode === null ? null : (communeByCode(r.communeCode)?.name ?? null),
        outcomes: {},
        matched: 0,
        total: 0,
        rate: null,
        report: '',
      };
      g.outcomes[r.outcome] = r.count;
      groups.set(key, g);
    }
    return [...groups.values()].map((g) => ({ ...g, ...matchRateOf(g.outcomes, g.source) }));
  }

  async fieldQuality(filter: { source?: string; provinceCode?: string }): Promise<FieldQualityRow[]> {
    const [fields, totals] = await Promise.all([
      this.matchMetrics.fieldCounts(filter),
      this.matchMetrics.matchCounts({ source: filter.source, provinceCode: filter.provinceCode }, 'source'),
    ]);
    const totalOf = new Map<string, number>();
    for (const t of totals) totalOf.set(t.source, (totalOf.get(t.source) ?? 0) + t.count);
    const groups = new Map<string, FieldQualityRow>();
    for (const f of fields) {
      const key = `${f.source}|${f.field}`;
      const total = totalOf.get(f.source) ?? 0;
      const g = groups.get(key) ?? {
        source: f.source,
        field: f.field,
        total,
        missing: 0,
        differing: 0,
        completeness: null,
        validity: null,
        kinds: {},
      };
      g.kinds[f.kind] = f.count;
      groups.set(key, g);
    }
    return [...groups.values()].map((g) => ({
      ...g,
      missing: g.kinds.MISSING ?? 0,
      differing: Object.values(g.kinds).reduce((s, n) => s + n, 0),
      ...fieldQualityOf(g.kinds, g.total),
    }));
  }

  windows(grain: WindowGrain, since: Date, source?: string): Promise<WindowCountRow[]> {
    return this.matchMetrics.windowCounts(grain, since, source);
  }

  /** Lag, throughput, dead letters and latency measured now. */
  lag(): Promise<MetricsSnapshot> {
    return this.snapshots.take(this.monitor.latest);
  }

  async series(minutes: number): Promise<SeriesPoint[]> {
    const snapshots = await this.stored.since(new Date(Date.now() - minutes * 60_000));
    return snapshots.map((s) => ({
      at: s.takenAt,
      sources: s.sources.map((x) => ({
        source: x.source,
        offsetLag: x.offsetLag,
        eventTimeLagSeconds: x.eventTimeLagSeconds,
        throughput: x.throughput,
        rate: x.rate,
      })),
    }));
  }

  alerts(state: 'open' | 'all', limit: number): Promise<StoredAlert[]> {
    return this.alertsRepository.list(state, limit);
  }

  /**
   * The dead letters, newest first. Open like every aggregate: a record key that is a citizen ID (the population
   * source's) is shown masked, and can only be matched exactly.
   */
  async deadLetters(
    limit: number,
    filter: { source?: string; eventId?: string; traceId?: string; entityId?: string } = {},
  ): Promise<DeadLetterEntry[]> {
    const { source, ...identifiers } = filter;
    const topic = source ? this.options.topics.sources[source as keyof MonitoringOptions['topics']['sources']] : undefined;
    const entries = await this.deadLetterRepository.recent(limit, { sourceTopic: topic, ...identifiers });
    return entries.map((e) => ({ ...e, entityId: e.entityId === null ? null : maskIdsInText(e.entityId) }));
  }
}
