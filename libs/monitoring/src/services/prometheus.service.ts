import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CONSUMER_STATES, ConsumerState } from '@lgsp/transport';
import { LATENCY_BUCKETS_SECONDS } from '../latency-histogram';
import { StoredAlert } from '../repositories/alerts.repository';
import { MetricsSnapshot } from '../snapshot';

/**
 * The Prometheus metrics of this process. Counters and the latency histogram count what
 * this process's workers did (Prometheus sums instances); gauges show the cluster-wide
 * state the monitor last measured. Labels are sources, topics, partitions, outcomes,
 * provinces and alert kinds: never anything about a person.
 */
@Injectable()
export class PrometheusService {
  /** One registry per app: several pipelines may share a process (tests). */
  readonly registry = new Registry();
  readonly reconciled = new Counter({
    name: 'lgsp_records_reconciled_total',
    help: 'Reconciliation decisions recorded by this process',
    labelNames: ['source', 'outcome'],
    registers: [this.registry],
  });
  readonly processed = new Counter({
    name: 'lgsp_messages_processed_total',
    help: 'Sync-event messages processed by this process',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: 'lgsp_dead_letters_total',
    help: 'Messages this process sent to the dead-letter topic',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly producerFindings = new Counter({
    name: 'lgsp_producer_findings_total',
    help: 'Messages whose producer got something wrong (kind: PRODUCER_FINDINGS, e.g. KEY_NOT_CITIZEN_ID), reconciled or refused',
    labelNames: ['source', 'kind'],
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'lgsp_result_latency_seconds',
    help: 'Time from the source commit of an event to its recorded result',
    labelNames: ['source'],
    buckets: LATENCY_BUCKETS_SECONDS.filter((b) => Number.isFinite(b)),
    registers: [this.registry],
  });
  readonly retries = new Counter({
    name: 'lgsp_consumer_retries_total',
    help: 'Batches handed to a handler again after a transient failure (kind: the failure class, e.g. deadlock)',
    labelNames: ['topic', 'kind'],
    registers: [this.registry],
  });
  readonly poisonMessages = new Counter({
    name: 'lgsp_poison_messages_total',
    help: 'Messages that failed processing on their own, isolated and dead-lettered (reason: processing:<kind>)',
    labelNames: ['topic', 'reason'],
    registers: [this.registry],
  });
  readonly consumerCrashes = new Counter({
    name: 'lgsp_consumer_crashes_total',
    help: 'Times the consumer stopped by itself; restarting=false: for good',
    labelNames: ['restarting'],
    registers: [this.registry],
  });
  private consumerStateOf: () => ConsumerState | undefined = () => undefined;
  private readonly consumerState = (() => {
    const stateOf = () => this.consumerStateOf();
    return new Gauge({
      name: 'lgsp_consumer_state',
      help: "1 for the state this process's consumer is in (running, paused, retrying, crashed…), 0 for the others",
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const current = stateOf();
        for (const state of CONSUMER_STATES) this.set({ state }, current === state ? 1 : 0);
      },
    });
  })();
  private readonly consumerLag = this.gauge(
    'lgsp_consumer_lag_messages',
    'Log-end offset minus committed offset of the pipeline group',
    ['topic', 'partition'],
  );
  private readonly eventTimeLag = this.gauge(
    'lgsp_event_time_lag_seconds',
    'Now minus the source commit time of the newest processed event, while messages wait',
    ['topic', 'partition'],
  );
  private readonly results = this.gauge('lgsp_results', 'Current reconciliation results', ['source', 'outcome']);
  private readonly matchRate = this.gauge('lgsp_match_rate_ratio', 'MATCHED results over all results', ['source', 'province']);
  private readonly alertsOpen = this.gauge('lgsp_alerts_open', 'Open alerts', ['kind']);

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the consumer-state gauge reads the state at each scrape. */
  watchConsumerState(stateOf: () => ConsumerState | undefined): void {
    this.consumerStateOf = stateOf;
  }

  /** Replaces the gauges with what the monitor measured last. */
  showSnapshot(snapshot: MetricsSnapshot, openAlerts: StoredAlert[]): void {
    for (const g of [this.consumerLag, this.eventTimeLag, this.results, this.matchRate, this.alertsOpen]) g.reset();
    for (const p of snapshot.partitions) {
      this.consumerLag.set({ topic: p.topic, partition: String(p.partition) }, p.offsetLag);
      this.eventTimeLag.set({ topic: p.topic, partition: String(p.partition) }, p.eventTimeLagSeconds);
    }
    for (const s of snapshot.sources) {
      for (const [outcome, n] of Object.entries(s.outcomes)) this.results.set({ source: s.source, outcome }, n);
      if (s.rate !== null) this.matchRate.set({ source: s.source, province: 'all' }, s.rate);
    }
    for (const p of snapshot.provinces)
      if (p.rate !== null) this.matchRate.set({ source: p.source, province: p.provinceCode }, p.rate);
    for (const a of openAlerts) this.alertsOpen.inc({ kind: a.kind });
  }

  private gauge(name: string, help: string, labelNames: string[]): Gauge {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}
