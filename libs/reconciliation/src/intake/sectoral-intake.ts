import { Injectable } from '@nestjs/common';
import type { SyncEventOf } from '@lgsp/contracts';
import { MessageBatch } from '@lgsp/transport';
import type { PoolClient } from 'pg';
import { decideSlice } from '../decide/decide-slice';
import { changedGroups, groupMatesToDecide } from '../decide/duplicate-groups';
import { resolveCitizens } from '../decide/registry-lookups';
import { SliceLoader } from '../load/slice-loader';
import { Decision } from '../results/decision';
import { IncomingRecord, SectoralRecord, SectoralSource } from '../results/sectoral-records.repository';
import { SliceOutcome, SliceTransactions } from '../slice-transactions';
import { SliceWriter } from '../write/slice-writer';
import { BatchValidator } from './batch-validator';
import { FindingCounts } from './validated-batch';
import { duplicateIdentityOf, isActive, lookupIdOf, personOf } from '@lgsp/contracts';

export interface IntakeReport {
  received: number;
  deadLettered: number;
  skipped: number;
  decisions: Decision[];
  /** Per kind, the messages whose producer got something wrong (PRODUCER_FINDINGS). */
  producerFindings: FindingCounts;
}

/**
 * Consumes the sync events of one sectoral source (land, insurance, business): validates,
 * stores the record, reconciles it against the registry, records the decision and
 * publishes it; all before the batch's offsets are committed. It only sequences the steps
 * and the locks: reading is the loader's, deciding is pure, writing is the writer's.
 */
@Injectable()
export class SectoralIntake {
  constructor(
    private readonly validator: BatchValidator,
    private readonly transactions: SliceTransactions,
    private readonly loader: SliceLoader,
    private readonly writer: SliceWriter,
  ) {}

  async handle(source: SectoralSource, batch: MessageBatch): Promise<IntakeReport> {
    const { valid, rejected, findings } = await this.validator.validate(source, batch);
    // The last event of an entity in the batch wins: a partition is in order.
    const latest = new Map<string, (typeof valid)[number]>();
    for (const v of valid) latest.set(v.event.entityId, v);

    const incoming = [...latest.values()].map(({ event, ref }) => toRecord(source, event as SyncEventOf<SectoralSource>, ref));
    const { decisions, skipped } = await this.transactions.inSlices(incoming, (tx, slice) =>
      this.reconcileSlice(tx, source, slice),
    );
    return { received: batch.messages.length, deadLettered: rejected, skipped, decisions, producerFindings: findings };
  }

  /**
   * One transaction per slice of the batch: it bounds the advisory locks a transaction holds
   * (PostgreSQL's lock table is shared and finite) and how long other workers wait on them.
   */
  private async reconcileSlice(tx: PoolClient, source: SectoralSource, slice: IncomingRecord[]): Promise<SliceOutcome> {
    await this.transactions.lockCitizensOfSource(
      tx,
      source,
      slice.map((r) => r.lookupId ?? ''),
    );
    const lookups = await this.loader.lookUp(tx, slice);
    // Resolved before they are stored, so each record is written once, citizen included.
    const resolved = resolveCitizens(slice, lookups);
    // A record naming its citizen by a legacy number competes with one naming the new ID for
    // which is the duplicate: it waits for that citizen too (a deadlock this order may cause is retried).
    await this.transactions.lockCitizensOfSource(
      tx,
      source,
      resolved.filter((r) => r.citizenId !== null && r.citizenId !== r.lookupId).map((r) => r.citizenId!),
    );
    // A redelivered event, or an older one delivered again after a newer one, is not stored again.
    const marks = await this.writer.storeRecords(tx, resolved);
    const stored = resolved
      .filter((r) => marks.has(r.entityId))
      .map((r) => {
        const mark = marks.get(r.entityId)!;
        return {
          // The store reserved this version's sequence number; the decide step counts on from the last.
          record: { ...r, firstSeen: mark.firstSeen, decisionSequence: mark.decisionSequence - 1 },
          cause: 'record-event' as const,
          causeEventId: r.ref.eventId,
          isNew: mark.isNew,
          previousGroup: mark.previousGroup,
        };
      });
    // A record joining or leaving a duplicate group may change what the group's other members are.
    // The group a record joins is its citizen's, locked above; the one it left may be another's.
    const changed = changedGroups(stored);
    const locked = new Set(resolved.flatMap((r) => [r.lookupId, r.citizenId]));
    await this.transactions.lockCitizensOfSource(
      tx,
      source,
      changed.map((g) => g.citizenId).filter((c) => !locked.has(c)),
    );
    const mates = await this.loader.groupMates(
      tx,
      source,
      changed,
      stored.map((s) => s.record.entityId),
    );
    const matesDue = groupMatesToDecide(mates, stored);
    for (const [key, lookup] of await this.loader.lookUpEntries(
      tx,
      matesDue.map((m) => m.record),
    ))
      lookups.set(key, lookup);
    const due = [...stored, ...matesDue];
    const context = await this.loader.context(tx, due, { lookups, groupsRead: { groups: changed, members: mates } });
    const recorded = await this.writer.writeDecisions(tx, decideSlice(due, context));
    return { recorded, skipped: slice.length - stored.length };
  }
}

/** The record an event of a sectoral source carries, as the intake stores it (the replay reads events the same way). */
export function toRecord(source: SectoralSource, event: SyncEventOf<SectoralSource>, ref: SectoralRecord['ref']): IncomingRecord {
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
    duplicateIdentity: event.operation === 'delete' ? null : duplicateIdentityOf(source, payload),
    traceId: event.traceId,
  };
}
