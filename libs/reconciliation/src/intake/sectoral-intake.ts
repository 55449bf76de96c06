import type { SyncEventOf } from '@lgsp/contracts';
import { SyncEventValidator } from '@lgsp/contracts';
import { EventProducer, MessageBatch } from '@lgsp/transport';
import { Pool, PoolClient } from 'pg';
import { Reconciler } from '../reconciler';
import { Decision } from '../results/decision';
import { ResultsRepository } from '../results/results.repository';
import { SectoralRecord, SectoralRecordsRepository, SectoralSource } from '../results/sectoral-records.repository';
import { inSlicedTransactions, lockCitizensOfSource } from '../sql';
import { TopicNames } from '../topic-names';
import { publishResults } from './results-publisher';
import { isActive, lookupIdOf, personOf } from './sectoral-person';
import { validateBatch } from './validated-batch';

export interface IntakeDependencies {
  pool: Pool;
  producer: EventProducer;
  topics: TopicNames;
  consumerGroup: string;
  validator?: SyncEventValidator;
}

export interface IntakeReport {
  received: number;
  deadLettered: number;
  skipped: number;
  decisions: Decision[];
}

/**
 * Consumes the sync events of one sectoral source (land, insurance, business): validates,
 * stores the record, reconciles it against the registry, records the decision and
 * publishes it; all before the batch's offsets are committed.
 */
export class SectoralIntake {
  private readonly validator: SyncEventValidator;
  private readonly records = new SectoralRecordsRepository();
  private readonly results = new ResultsRepository();
  private readonly reconciler = new Reconciler();

  constructor(private readonly deps: IntakeDependencies) {
    this.validator = deps.validator ?? new SyncEventValidator();
  }

  async handle(source: SectoralSource, batch: MessageBatch): Promise<IntakeReport> {
    const { valid, rejected } = await validateBatch(source, batch, this.validator, {
      producer: this.deps.producer,
      topic: this.deps.topics.deadLetter,
      consumerGroup: this.deps.consumerGroup,
    });
    // The last event of an entity in the batch wins: a partition is in order.
    const latest = new Map<string, (typeof valid)[number]>();
    for (const v of valid) latest.set(v.event.entityId, v);

    const incoming = [...latest.values()].map(({ event, ref }) => toRecord(source, event as SyncEventOf<SectoralSource>, ref));
    const { decisions, skipped } = await inSlicedTransactions(this.deps.pool, incoming, (client, slice) =>
      this.reconcileSlice(client, source, slice),
    );
    return { received: batch.messages.length, deadLettered: rejected, skipped, decisions };
  }

  /**
   * One transaction per slice of the batch: it bounds the advisory locks a transaction holds
   * (PostgreSQL's lock table is shared and finite) and how long other workers wait on them.
   * The slice's results are published before it commits, so a crash in between publishes
   * them again on redelivery rather than never (consumers de-duplicate on the decision id).
   */
  private async reconcileSlice(
    client: PoolClient,
    source: SectoralSource,
    incoming: Omit<SectoralRecord, 'firstSeen'>[],
  ): Promise<{ recorded: Decision[]; skipped: number }> {
    await lockCitizensOfSource(
      client,
      source,
      incoming.map((r) => r.lookupId ?? ''),
    );
    // Resolved before they are stored, so each record is written once, citizen included.
    const lookups = await this.reconciler.resolve(client, incoming);
    // A record naming its citizen by a legacy number competes with one naming the new ID for
    // which is the duplicate: it waits for that citizen too (a deadlock this order may cause is retried).
    await lockCitizensOfSource(
      client,
      source,
      incoming.filter((r) => r.citizenId !== null && r.citizenId !== r.lookupId).map((r) => r.citizenId!),
    );
    // A redelivered event, or an older one delivered again after a newer one, is not stored again.
    const marks = await this.records.upsertNewer(client, incoming);
    const fresh = incoming.filter((r) => marks.has(r.entityId));
    const stored: SectoralRecord[] = fresh.map((r) => ({ ...r, firstSeen: marks.get(r.entityId)!.firstSeen }));
    const decisions = await this.reconciler.reconcile(
      client,
      stored,
      { cause: 'record-event', causeEventId: (r) => r.ref.eventId },
      lookups,
    );
    const recorded = await this.results.record(client, decisions);
    await this.results.removeCurrent(
      client,
      source,
      stored.filter((r) => r.deleted).map((r) => r.entityId),
    );
    await this.records.replaceUnresolvedKeys(client, [
      ...this.reconciler.unresolvedKeys(decisions, stored, (entityId) => marks.get(entityId)!.isNew),
      ...stored
        .filter((r) => r.deleted)
        .map((r) => ({ source, entityId: r.entityId, keys: [], isNew: marks.get(r.entityId)!.isNew })),
    ]);
    await publishResults(this.deps.producer, this.deps.topics.results, recorded);
    return { recorded, skipped: incoming.length - fresh.length };
  }
}

function toRecord(
  source: SectoralSource,
  event: SyncEventOf<SectoralSource>,
  ref: SectoralRecord['ref'],
): Omit<SectoralRecord, 'firstSeen'> {
  const payload = (event.after ?? event.before)!;
  const person = personOf(source, payload);
  return {
    source,
    entityId: event.entityId,
    lookupId: lookupIdOf(person),
    citizenId: null,
    person,
    active: event.operation !== 'delete' && isActive(source, payload),
    deleted: event.operation === 'delete',
    ref,
  };
}
