import { Injectable } from '@nestjs/common';
import type { PopulationEvent } from '@lgsp/contracts';
import { MessageBatch } from '@lgsp/transport';
import type { PoolClient } from 'pg';
import { decideSlice } from '../decide/decide-slice';
import { SliceLoader } from '../load/slice-loader';
import { applyCitizenChanges, CitizenChange } from '../registry/citizen-changes';
import { SliceOutcome, SliceTransactions } from '../slice-transactions';
import { SliceWriter } from '../write/slice-writer';
import { BatchValidator } from './batch-validator';
import { IntakeReport } from './sectoral-intake';

/**
 * Materialises the population topic into the registry view (current state, history,
 * legacy-ID mapping, blocking keys) and reconciles again every sectoral record that
 * depends on a changed citizen, so results follow the registry live.
 */
@Injectable()
export class RegistryIntake {
  constructor(
    private readonly validator: BatchValidator,
    private readonly transactions: SliceTransactions,
    private readonly loader: SliceLoader,
    private readonly writer: SliceWriter,
  ) {}

  async handle(batch: MessageBatch): Promise<IntakeReport> {
    const { valid, rejected, findings } = await this.validator.validate('population', batch);
    const changes = valid.map((v) => ({ event: v.event as PopulationEvent, ref: v.ref }));
    const { decisions, skipped } = await this.transactions.inSlices(changes, (tx, slice) => this.applySlice(tx, slice));
    return { received: batch.messages.length, deadLettered: rejected, skipped, decisions, producerFindings: findings };
  }

  /** Two rounds of load → decide → write: the registry view, then the records that depend on it. */
  private async applySlice(tx: PoolClient, changes: CitizenChange[]): Promise<SliceOutcome> {
    const citizenIds = [...new Set(changes.map((c) => c.event.entityId))];
    const legacy = changes.flatMap((c) => [c.event.after?.legacyId ?? '', c.event.before?.legacyId ?? '']);
    await this.transactions.lockCitizens(tx, [...citizenIds, ...legacy]);
    const stored = await this.loader.currentCitizens(tx, citizenIds);
    await this.transactions.lockCitizens(
      tx,
      [...stored.values()].map((s) => s.legacyId ?? ''),
    );
    const applied = await this.loader.appliedEventIds(
      tx,
      changes.map((c) => c.event.eventId),
    );
    const pending = changes.filter((c) => !applied.has(c.event.eventId));
    if (pending.length === 0) return { recorded: [], skipped: changes.length };
    const registryChanges = applyCitizenChanges(pending, stored);
    await this.writer.writeRegistryChanges(tx, registryChanges);

    // A record found through a blocking key names another citizen, whose change (or a sectoral
    // worker's decision on the record, under that citizen's shared lock) may be committing right
    // now: wait for it, then read the dependents again, so that neither the registry nor the
    // record's decision sequence is read stale (a stale sequence decided one number twice).
    let due = await this.loader.dependents(tx, registryChanges);
    const locked = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const toLock = due.flatMap(({ record: r }) => [r.citizenId ?? '', r.lookupId ?? '']).filter((id) => !locked.has(id));
      if (toLock.length === 0) break;
      await this.transactions.lockCitizens(tx, toLock);
      for (const id of toLock) locked.add(id);
      due = await this.loader.dependents(tx, registryChanges);
    }
    const context = await this.loader.context(tx, due);
    const recorded = await this.writer.writeDecisions(tx, decideSlice(due, context));
    return { recorded, skipped: changes.length - pending.length };
  }
}
