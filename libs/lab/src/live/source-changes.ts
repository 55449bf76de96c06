import type { Pool, PoolClient } from 'pg';
import {
  eventKey,
  personOf,
  PERSON_FIELD,
  RECORD_KEY_FIELD,
  SECTORAL_SOURCES,
  TOPICS,
  type AnySyncEvent,
  type CitizenRecord,
  type SectoralRecords,
  type SectoralSource,
  type SourceName,
} from '@lgsp/contracts';
import { canonicalJson } from '../events/canonical-json';
import { streamNameFor } from '../events/event-identity';
import { buildUncommittedEvent, type RecordChange, type RecordOf } from '../events/sync-event-factory';
import { DatasetRepository } from '../store/dataset-repository';
import { OutboxRepository } from '../store/outbox-repository';
import { SourceRecordRepository } from '../store/source-record-repository';
import { inTransaction } from '@lgsp/database';
import { AppliedChange, ChangeKind, drawChangeKind } from './change-kinds';
import { ChangeRandom } from './change-random';
import {
  correctedPerson,
  deceasedCitizen,
  enterpriseCodeCandidate,
  insuranceNumberCandidate,
  movedCitizen,
  newEnterprise,
  newInsuranceCard,
  newParcel,
} from './live-records';

export interface SourceChangesOptions {
  /** Same seed and same starting sources: the same changes, in the same order. */
  seed: number;
  /** Changes (hence events) per second in continuous mode. */
  rate?: number;
  /** The day changes happen on; the wall clock by default. */
  today?: () => string;
  /**
   * INVALID_EVENT, the event dirt of live mode: the share of changes whose event a faulty producer
   * publishes without its entityId, so it breaks the contract and the pipeline dead-letters it
   * (CONTRACT_VIOLATION). 0 unless asked for (the demo asks); drawn apart from the changes' own
   * randomness, so the same seed makes the same changes whatever this rate.
   */
  invalidEventRate?: number;
  onChange?: (change: AppliedChange) => void;
  onError?: (error: unknown) => void;
}

/** Seeds the INVALID_EVENT draws apart from the changes' own. */
const INVALID_EVENT_SEED_OFFSET = 0x1e7a11d;

/** How many records to try from a random start before giving up on a change (all dead, all clean…). */
const CANDIDATES = 20;

/**
 * Live mode: keeps the mock national databases changing like real ones (name corrections,
 * deaths, moves between communes, new parcels, insurance cards and companies). Each change
 * updates or creates one record and appends its event to that source's outbox in the same
 * transaction; the OutboxRelay publishes it. Events are `create` or `update`, numbered by a
 * per-source database sequence so their ids never repeat across runs.
 */
export class SourceChanges {
  private readonly records = new SourceRecordRepository();
  private readonly outbox = new OutboxRepository();
  private readonly today: () => string;
  private stream?: string;
  private changeNumber = 0;
  private running?: Promise<void>;
  private stopping = false;
  private wake?: () => void;

  constructor(
    private readonly pool: Pool,
    private readonly options: SourceChangesOptions,
  ) {
    this.today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  }

  /** Applies the next change; undefined when the sources hold nothing it could change. */
  async next(): Promise<AppliedChange | undefined> {
    const stream = await this.streamName();
    const random = new ChangeRandom(this.options.seed, this.changeNumber++);
    const kind = drawChangeKind(random.next());
    return inTransaction(this.pool, (client) => this.apply(client, kind, random, stream));
  }

  /** Runs at the configured rate until stop(); a failed change is reported and skipped. */
  start(): void {
    if (this.running) return;
    const rate = this.options.rate ?? 10;
    if (!(rate > 0)) throw new Error('rate must be a positive number of changes per second');
    this.stopping = false;
    this.running = (async () => {
      const started = Date.now();
      for (let n = 0; !this.stopping; n++) {
        // Paced against the start, not the previous change, so the rate does not drift.
        const due = started + (n * 1000) / rate;
        if (due > Date.now()) await this.sleep(due - Date.now());
        if (this.stopping) break;
        try {
          const change = await this.next();
          if (change) this.options.onChange?.(change);
        } catch (e) {
          this.options.onError?.(e);
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  private async apply(
    client: PoolClient,
    kind: ChangeKind,
    random: ChangeRandom,
    stream: string,
  ): Promise<AppliedChange | undefined> {
    switch (kind) {
      case 'MOVE':
      case 'DEATH': {
        const citizen = await this.aliveCitizen(client, random);
        if (!citizen) return undefined;
        const after = kind === 'MOVE' ? movedCitizen(citizen, random) : deceasedCitizen(citizen, this.today());
        return this.commit(client, kind, stream, {
          source: 'population',
          operation: 'update',
          entityId: citizen.citizenId,
          before: citizen,
          after,
        });
      }
      case 'NAME_CORRECTION':
        return this.correctName(client, random, stream);
      case 'LAND_TRANSACTION': {
        const holder = await this.aliveCitizen(client, random);
        if (!holder) return undefined;
        const n = Number(await this.outbox.nextChangeSequence(client, 'land'));
        const parcel = newParcel(holder, n, random, this.today());
        return this.create(client, kind, stream, 'land', parcel.parcelId, parcel, n);
      }
      case 'INSURANCE_CARD': {
        const holder = await this.aliveCitizen(client, random);
        if (!holder) return undefined;
        const number = await this.unused(client, 'insurance', () => insuranceNumberCandidate(random));
        if (!number) return undefined;
        const card = newInsuranceCard(holder, number, this.today());
        return this.create(client, kind, stream, 'insurance', number, card);
      }
      case 'NEW_COMPANY': {
        const representative = await this.aliveCitizen(client, random);
        if (!representative) return undefined;
        const code = await this.unused(client, 'business', () => enterpriseCodeCandidate(representative.provinceCode, random));
        if (!code) return undefined;
        const enterprise = newEnterprise(representative, code, random, this.today());
        return this.create(client, kind, stream, 'business', code, enterprise);
      }
    }
  }

  /** A sectoral record whose person differs from the registry, corrected to match it. */
  private async correctName(client: PoolClient, random: ChangeRandom, stream: string): Promise<AppliedChange | undefined> {
    const source: SectoralSource = random.pick(SECTORAL_SOURCES);
    const size = await this.records.size(client, source);
    if (size === 0) return undefined;
    const start = random.int(size);
    for (let i = 0; i < CANDIDATES; i++) {
      const before = await this.records.lockBySeq(client, source, (start + i) % size);
      if (!before) continue;
      const person = personOf(source, before as SectoralRecords[typeof source]);
      if (!person.citizenId) continue;
      const registry = await this.records.findByKey(client, 'population', person.citizenId.trim());
      if (!registry) continue;
      const corrected = correctedPerson(person, registry);
      if (canonicalJson(corrected) === canonicalJson(person)) continue;
      const after = { ...before, [PERSON_FIELD[source]]: corrected } as RecordOf<typeof source>;
      const entityId = (before as unknown as Record<string, string>)[RECORD_KEY_FIELD[source]];
      return this.commit(client, 'NAME_CORRECTION', stream, {
        source,
        operation: 'update',
        entityId,
        before,
        after,
      } as RecordChange);
    }
    return undefined;
  }

  private async aliveCitizen(client: PoolClient, random: ChangeRandom): Promise<CitizenRecord | undefined> {
    const size = await this.records.size(client, 'population');
    if (size === 0) return undefined;
    const start = random.int(size);
    for (let i = 0; i < CANDIDATES; i++) {
      const citizen = await this.records.lockBySeq(client, 'population', (start + i) % size);
      if (citizen?.status === 'ALIVE') return citizen;
    }
    return undefined;
  }

  private async unused(client: PoolClient, source: SourceName, candidate: () => string | undefined): Promise<string | undefined> {
    for (let i = 0; i < CANDIDATES; i++) {
      const key = candidate();
      if (key !== undefined && !(await this.records.exists(client, source, key))) return key;
    }
    return undefined;
  }

  private async create<S extends SourceName>(
    client: PoolClient,
    kind: ChangeKind,
    stream: string,
    source: S,
    entityId: string,
    record: RecordOf<S>,
    sequence?: number,
  ): Promise<AppliedChange> {
    await this.records.insert(client, source, record);
    const change = { source, operation: 'create', entityId, before: null, after: record } as RecordChange;
    return this.appendEvent(client, kind, stream, change, sequence);
  }

  private async commit(client: PoolClient, kind: ChangeKind, stream: string, change: RecordChange): Promise<AppliedChange> {
    await this.records.update(client, change.source, change.entityId, change.after as RecordOf<typeof change.source>);
    return this.appendEvent(client, kind, stream, change);
  }

  private async appendEvent(
    client: PoolClient,
    kind: ChangeKind,
    stream: string,
    change: RecordChange,
    sequence?: number,
  ): Promise<AppliedChange> {
    const n = sequence ?? Number(await this.outbox.nextChangeSequence(client, change.source));
    const built = buildUncommittedEvent(change, { stream, sequence: n });
    const invalid = this.invalidEvent();
    const event = invalid ? { ...built, entityId: undefined } : built;
    await this.outbox.append(
      client,
      change.source,
      TOPICS[change.source],
      [eventKey(event as AnySyncEvent)],
      `[${canonicalJson(event)}]`,
    );
    return {
      kind,
      source: change.source,
      operation: change.operation as 'create' | 'update',
      eventId: event.eventId,
      ...(invalid ? { invalidEvent: true } : {}),
    };
  }

  private invalidEvent(): boolean {
    const rate = this.options.invalidEventRate ?? 0;
    return rate > 0 && new ChangeRandom(this.options.seed + INVALID_EVENT_SEED_OFFSET, this.changeNumber).next() < rate;
  }

  /** Live events of a dataset form their own stream, apart from its snapshot's. */
  private async streamName(): Promise<string> {
    if (this.stream === undefined) {
      const dataset = await new DatasetRepository().current(this.pool);
      this.stream = `live/${dataset ? streamNameFor(dataset.parameters) : 'empty'}/${this.options.seed}`;
    }
    return this.stream;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
