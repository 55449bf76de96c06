import type { Pool } from 'pg';
import { RECORD_KEY_FIELD, SOURCE_NAMES, SyncEventValidator, TOPICS, type SourceName } from '@lgsp/contracts';
import { EventDigest } from '../events/event-digest';
import { streamNameFor } from '../events/event-identity';
import { buildUncommittedEvent, committedEvent, type RecordChange } from '../events/sync-event-factory';
import type { Dataset, GroundTruth } from '../generator';
import { DatasetRepository } from '../store/dataset-repository';
import { GroundTruthRepository } from '../evaluation/ground-truth-repository';
import { OutboxRepository } from '../store/outbox-repository';
import { SourceRecordRepository } from '../store/source-record-repository';
import { inTransaction } from '@lgsp/database';
import { SnapshotBatch } from './snapshot-batch';

export interface SnapshotProgress {
  source: SourceName;
  /** Citizens of the dataset processed for this source. */
  citizensDone: number;
  citizens: number;
  /** Events committed to this source's outbox so far. */
  events: number;
}

export interface SnapshotOptions {
  /** Records per transaction. */
  batchSize?: number;
  /** Validate every n-th event against the contract (1 = all); 0 turns it off. */
  validateEvery?: number;
  validator?: SyncEventValidator;
  onProgress?: (progress: SnapshotProgress) => void;
}

export interface SnapshotResult {
  /** See EventDigest: sha256 of the events in publication order, committedAt excluded. */
  digest: string;
  events: Record<SourceName, number>;
  groundTruth: number;
}

/** The parameters that determine a dataset's content, hence its events. */
export interface DatasetParameters {
  seed: number;
  citizens: number;
  province: string;
  dirt: Readonly<Record<string, number>>;
}

const CITIZENS_PER_CHUNK = 2000;
/** Batches in flight: one being written by PostgreSQL while the next is generated. */
const IN_FLIGHT = 2;

/**
 * Loads a generated dataset into the four mock national databases as their initial
 * snapshot: each record with its `snapshot` event in the same transaction (transactional
 * outbox), in bulk. Sources are loaded one after the other, registry first, so the events
 * are committed in the order the digest covers.
 */
export class SnapshotLoader {
  private readonly records = new SourceRecordRepository();
  private readonly outbox = new OutboxRepository();
  private readonly truths = new GroundTruthRepository();
  private readonly datasets = new DatasetRepository();
  private readonly batchSize: number;
  private readonly validateEvery: number;
  private readonly validator?: SyncEventValidator;

  constructor(
    private readonly pool: Pool,
    private readonly options: SnapshotOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 5000;
    this.validateEvery = options.validateEvery ?? 1000;
    if (this.validateEvery > 0) this.validator = options.validator ?? new SyncEventValidator();
  }

  static parametersOf(dataset: Dataset): DatasetParameters {
    return { seed: dataset.seed, citizens: dataset.to - dataset.from, province: dataset.province, dirt: { ...dataset.dirt } };
  }

  /** Replaces whatever the sources held with the dataset. */
  async load(dataset: Dataset): Promise<SnapshotResult> {
    if (dataset.from !== 0) throw new Error('a snapshot loads a whole dataset, not a range');
    const parameters = SnapshotLoader.parametersOf(dataset);
    await inTransaction(this.pool, async (client) => {
      for (const source of SOURCE_NAMES) await this.records.clear(client, source);
      await this.truths.clear(client);
      await this.datasets.start(client, { ...parameters });
    });
    const stream = streamNameFor(parameters);
    const digest = new EventDigest();
    const events = { population: 0, land: 0, insurance: 0, business: 0 } as Record<SourceName, number>;
    for (const source of SOURCE_NAMES) {
      events[source] = await this.loadSource(dataset, source, stream, digest);
    }
    const hex = digest.hex();
    await this.datasets.complete(this.pool, hex, events);
    const groundTruth = events.land + events.insurance + events.business;
    return { digest: hex, events, groundTruth };
  }

  private async loadSource(dataset: Dataset, source: SourceName, stream: string, digest: EventDigest): Promise<number> {
    const citizens = dataset.to - dataset.from;
    let sequence = 0;
    let committed = 0;
    let batch = new SnapshotBatch(source, 0);
    let previous: Promise<void> = Promise.resolve();
    const inFlight: Promise<void>[] = [];

    const flush = async (citizensDone: number) => {
      const full = batch;
      batch = new SnapshotBatch(source, sequence);
      const after = previous;
      const written = this.write(full, after).then(() => {
        committed += full.size;
        this.options.onProgress?.({ source, citizensDone, citizens, events: committed });
      });
      // Marked handled now: it is awaited later, and by the next batch before its events.
      written.catch(() => undefined);
      previous = written;
      inFlight.push(written);
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    };

    const add = (record: unknown, truth?: GroundTruth) => {
      const entityId = (record as Record<string, string>)[RECORD_KEY_FIELD[source]];
      const change = { source, operation: 'snapshot', entityId, before: null, after: record } as RecordChange;
      const event = buildUncommittedEvent(change, { stream, sequence });
      if (this.validator && sequence % this.validateEvery === 0) this.check(source, event);
      digest.add(event);
      batch.add(record, event, truth);
      sequence++;
    };

    for (let from = dataset.from; from < dataset.to; from += CITIZENS_PER_CHUNK) {
      const chunk = dataset.range(from, Math.min(dataset.to, from + CITIZENS_PER_CHUNK));
      if (source === 'population') {
        for (const citizen of chunk.citizens()) add(citizen);
      } else {
        for (const item of chunk.items()) if (item.kind === source) add(item.record, item.truth);
      }
      if (batch.size >= this.batchSize) await flush(chunk.to - dataset.from);
    }
    if (batch.size > 0) await flush(citizens);
    await Promise.all(inFlight);
    this.options.onProgress?.({ source, citizensDone: citizens, citizens, events: committed });
    return sequence;
  }

  /** One transaction: records and truths, then (in order after the previous batch) the events. */
  private write(batch: SnapshotBatch, previous: Promise<void>): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      await this.records.insertMany(client, batch.source, batch.firstSeq, batch.recordsJson());
      const truths = batch.truthsJson();
      if (truths !== undefined) await this.truths.insertMany(client, truths);
      await previous;
      await this.outbox.append(client, batch.source, TOPICS[batch.source], batch.keys, batch.eventsJson());
    });
  }

  private check(source: SourceName, event: ReturnType<typeof buildUncommittedEvent>): void {
    const result = this.validator!.validate(source, committedEvent(event, new Date().toISOString()));
    if (!result.ok) {
      // Paths and messages only: the offending values may be personal data.
      const problems = result.errors.map((e) => `${e.path} ${e.message}`).join('; ');
      throw new Error(`generated ${source} event breaks the contract: ${problems}`);
    }
  }
}
