import { topicNames } from '@lgsp/contracts';
import type { IntakeReport } from '@lgsp/reconciliation';
import type { MessageBatch } from '@lgsp/transport';
import type { Logger } from 'pino';
import type { ProgressRepository } from '../repositories/progress.repository';
import { FINDING_LOG_INTERVAL_MS, IntakeObserver, newestCommittedAt } from './intake-observer.service';
import type { PrometheusService } from './prometheus.service';

const topics = topicNames('t');

type Call = { metric: string; labels: Record<string, string>; value?: number };
/** The counters and histogram IntakeObserver uses, recording their calls. */
function fakeMetrics(calls: Call[]): PrometheusService {
  const counter = (metric: string) => ({
    inc: (labels: Record<string, string>, value?: number) => calls.push({ metric, labels, value }),
  });
  return {
    reconciled: counter('reconciled'),
    processed: counter('processed'),
    deadLettered: counter('deadLettered'),
    producerFindings: counter('producerFindings'),
    latency: { observe: (labels: Record<string, string>, value: number) => calls.push({ metric: 'latency', labels, value }) },
  } as unknown as PrometheusService;
}

function message(offset: number, value: string) {
  return {
    topic: topics.sources.land,
    partition: 2,
    offset: String(offset),
    key: null,
    value: Buffer.from(value),
    headers: {},
    timestamp: 0,
  };
}

const committedAt = new Date(Date.now() - 3000).toISOString();
const batch: MessageBatch = {
  topic: topics.sources.land,
  partition: 2,
  highWatermark: '12',
  messages: [message(10, JSON.stringify({ committedAt })), message(11, '{not json')],
};
const report = {
  received: 2,
  deadLettered: 1,
  skipped: 0,
  decisions: [
    { source: 'land', outcome: 'MATCHED', cause: 'record-event', input: { topic: topics.sources.land, committedAt } },
    // Re-decided by a registry change: counted, but not a sync latency.
    { source: 'land', outcome: 'MISMATCHED', cause: 'registry-change', input: { topic: topics.sources.land, committedAt } },
  ],
} as unknown as IntakeReport;

describe('IntakeObserver', () => {
  it("counts a batch's decisions, messages, dead letters and latencies, and records the partition's progress", async () => {
    const calls: Call[] = [];
    const recorded: unknown[][] = [];
    const progress = { recordBatch: async (...args: unknown[]) => void recorded.push(args) } as unknown as ProgressRepository;
    const observer = new IntakeObserver(
      { topics, consumerGroup: 'g', consume: true },
      progress,
      fakeMetrics(calls),
      {} as Logger,
    );

    await observer.observe(batch, report);

    expect(calls.filter((c) => c.metric === 'reconciled').map((c) => c.labels)).toEqual([
      { source: 'land', outcome: 'MATCHED' },
      { source: 'land', outcome: 'MISMATCHED' },
    ]);
    expect(calls.find((c) => c.metric === 'processed')).toEqual({ metric: 'processed', labels: { source: 'land' }, value: 2 });
    expect(calls.find((c) => c.metric === 'deadLettered')).toEqual({
      metric: 'deadLettered',
      labels: { source: 'land' },
      value: 1,
    });
    const latencies = calls.filter((c) => c.metric === 'latency');
    expect(latencies).toHaveLength(1);
    expect(latencies[0].value).toBeGreaterThanOrEqual(3);
    expect(recorded).toHaveLength(1);
    const [progressOf, source] = recorded[0];
    expect(source).toBe('land');
    expect(progressOf).toEqual({
      consumerGroup: 'g',
      topic: topics.sources.land,
      partition: 2,
      newestCommittedAt: new Date(committedAt),
      lastOffset: '11',
      processed: 2,
      deadLettered: 1,
      decisions: 2,
    });
  });

  it('logs a failure to record progress and does not throw: monitoring never holds the pipeline back', async () => {
    const warnings: unknown[][] = [];
    const progress = {
      recordBatch: () => Promise.reject(new Error('connection terminated')),
    } as unknown as ProgressRepository;
    const logger = { warn: (...args: unknown[]) => void warnings.push(args) } as unknown as Logger;
    const observer = new IntakeObserver({ topics, consumerGroup: 'g', consume: true }, progress, fakeMetrics([]), logger);

    await expect(observer.observe(batch, report)).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0][1]).toBe('could not record the progress of a batch');
  });

  it('counts producer findings per kind and logs each kind once per interval, with no message content', async () => {
    const calls: Call[] = [];
    const warnings: unknown[][] = [];
    const progress = { recordBatch: async () => undefined } as unknown as ProgressRepository;
    const logger = { warn: (...args: unknown[]) => void warnings.push(args) } as unknown as Logger;
    const observer = new IntakeObserver({ topics, consumerGroup: 'g', consume: true }, progress, fakeMetrics(calls), logger);
    const withFindings = { ...report, producerFindings: { KEY_NOT_CITIZEN_ID: 3, DATE_NOT_ISO: 1 } } as IntakeReport;

    await observer.observe(batch, withFindings);
    await observer.observe(batch, withFindings);

    expect(calls.filter((c) => c.metric === 'producerFindings')).toEqual([
      { metric: 'producerFindings', labels: { source: 'land', kind: 'KEY_NOT_CITIZEN_ID' }, value: 3 },
      { metric: 'producerFindings', labels: { source: 'land', kind: 'DATE_NOT_ISO' }, value: 1 },
      { metric: 'producerFindings', labels: { source: 'land', kind: 'KEY_NOT_CITIZEN_ID' }, value: 3 },
      { metric: 'producerFindings', labels: { source: 'land', kind: 'DATE_NOT_ISO' }, value: 1 },
    ]);
    // The second batch falls in the same interval: no second line per kind.
    expect(warnings.map((w) => w[0])).toEqual([
      { source: 'land', kind: 'KEY_NOT_CITIZEN_ID', messages: 3, intervalMs: FINDING_LOG_INTERVAL_MS },
      { source: 'land', kind: 'DATE_NOT_ISO', messages: 1, intervalMs: FINDING_LOG_INTERVAL_MS },
    ]);
  });

  it('takes the newest commit time from the last readable message of the batch', () => {
    expect(newestCommittedAt(batch)).toEqual(new Date(committedAt));
    expect(newestCommittedAt({ ...batch, messages: [message(1, 'x')] })).toBeNull();
  });
});
