import type { PopulationEvent } from '@lgsp/contracts';
import { SyncEventValidator } from '@lgsp/contracts';
import { blockingKeys, changesTopCandidates } from '@lgsp/domain';
import { MessageBatch } from '@lgsp/transport';
import { PoolClient } from 'pg';
import { Decision } from '../results/decision';
import { CANDIDATES_KEPT, Reconciler } from '../reconciler';
import { AppliedChanges, applyCitizenChanges, CitizenChange } from '../registry/citizen-changes';
import { CitizenStateRow, RegistryRepository } from '../registry/registry.repository';
import { ResultsRepository } from '../results/results.repository';
import { SectoralRecord, SectoralRecordsRepository } from '../results/sectoral-records.repository';
import { inSlicedTransactions, lockCitizens } from '../sql';
import { publishResults } from './results-publisher';
import { IntakeDependencies, IntakeReport } from './sectoral-intake';
import { validateBatch } from './validated-batch';

/**
 * Materialises the population topic into the registry view (current state, history,
 * legacy-ID mapping, blocking keys) and reconciles again every sectoral record that
 * depends on a changed citizen, so results follow the registry live.
 */
export class RegistryIntake {
  private readonly validator: SyncEventValidator;
  private readonly registry = new RegistryRepository();
  private readonly records = new SectoralRecordsRepository();
  private readonly results = new ResultsRepository();
  private readonly reconciler = new Reconciler();

  constructor(private readonly deps: IntakeDependencies) {
    this.validator = deps.validator ?? new SyncEventValidator();
  }

  async handle(batch: MessageBatch): Promise<IntakeReport> {
    const { valid, rejected } = await validateBatch('population', batch, this.validator, {
      producer: this.deps.producer,
      topic: this.deps.topics.deadLetter,
      consumerGroup: this.deps.consumerGroup,
    });
    const changes = valid.map((v) => ({ event: v.event as PopulationEvent, ref: v.ref }));
    const { decisions, skipped } = await inSlicedTransactions(this.deps.pool, changes, (client, slice) =>
      this.applySlice(client, slice),
    );
    return { received: batch.messages.length, deadLettered: rejected, skipped, decisions };
  }

  private async applySlice(client: PoolClient, changes: CitizenChange[]): Promise<{ recorded: Decision[]; skipped: number }> {
    const citizenIds = [...new Set(changes.map((c) => c.event.entityId))];
    const legacy = changes.flatMap((c) => [c.event.after?.legacyId ?? '', c.event.before?.legacyId ?? '']);
    await lockCitizens(client, [...citizenIds, ...legacy]);
    const stored = await this.registry.findCurrent(client, citizenIds);
    await lockCitizens(
      client,
      [...stored.values()].map((s) => s.legacyId ?? ''),
    );
    const applied = await this.registry.appliedEventIds(
      client,
      changes.map((c) => c.event.eventId),
    );
    const pending = changes.filter((c) => !applied.has(c.event.eventId));
    if (pending.length === 0) return { recorded: [], skipped: changes.length };
    const result = applyCitizenChanges(pending, stored);
    await this.registry.appendHistory(client, result.history);
    await this.registry.upsertCurrent(client, result.current);
    await this.registry.replaceLegacyIds(client, result.staleLegacyIds, result.legacyIds);
    await this.registry.replaceBlockingKeys(client, result.staleBlockingKeys, result.addedBlockingKeys);

    // Records naming a changed citizen, and records still looking for a citizen like them.
    const dependents = new Map<string, SectoralRecord>();
    const causeOf = new Map<string, string>();
    for (const r of await this.records.findByLookupIds(client, [...result.touchedIds.keys()])) {
      dependents.set(r.source + '\u0000' + r.entityId, r);
      causeOf.set(r.source + '\u0000' + r.entityId, result.touchedIds.get(r.lookupId!)!);
    }
    for (const { record, causeEventId } of await this.waitingWithNewCandidates(client, result)) {
      const k = record.source + '\u0000' + record.entityId;
      if (dependents.has(k)) continue;
      dependents.set(k, record);
      causeOf.set(k, causeEventId);
    }
    const records = [...dependents.values()];
    // A record found through a blocking key names another citizen, whose change may be
    // committing right now: wait for it, so that the registry read below is not stale.
    await lockCitizens(
      client,
      records.flatMap((r) => [r.citizenId ?? '', r.lookupId ?? '']),
    );
    const decisions = await this.reconciler.reconcile(client, records, {
      cause: 'registry-change',
      causeEventId: (r) => causeOf.get(r.source + '\u0000' + r.entityId)!,
    });
    const recorded = await this.results.record(client, decisions);
    await this.records.replaceUnresolvedKeys(client, this.reconciler.unresolvedKeys(decisions, records));
    await publishResults(this.deps.producer, this.deps.topics.results, recorded);
    return { recorded, skipped: changes.length - pending.length };
  }

  /**
   * Records still looking for their citizen whose best candidates the changed citizens
   * alter. Scoring the few citizens that changed against each waiting record is cheap;
   * searching again every record that shares a common key (family name and birth year)
   * with any of them is not, and at a million citizens it was most of the registry load.
   */
  private async waitingWithNewCandidates(
    client: PoolClient,
    result: AppliedChanges,
  ): Promise<{ record: SectoralRecord; causeEventId: string }[]> {
    const changedById = new Map(result.current.filter((c) => c.record).map((c) => [c.citizenId, c]));
    const newcomersByKey = new Map<string, CitizenStateRow[]>();
    for (const { key, citizenId } of result.blockingKeys) {
      const list = newcomersByKey.get(key) ?? [];
      list.push(changedById.get(citizenId)!);
      newcomersByKey.set(key, list);
    }
    const out: { record: SectoralRecord; causeEventId: string }[] = [];
    for (const { record, kept } of await this.records.findWaitingByKeys(client, [...newcomersByKey.keys()])) {
      const newcomers = new Map<string, CitizenStateRow>();
      for (const key of blockingKeys(record.person!))
        for (const c of newcomersByKey.get(key) ?? []) newcomers.set(c.citizenId, c);
      const citizens = [...newcomers.values()];
      if (
        !changesTopCandidates(
          record.person!,
          kept,
          citizens.map((c) => c.record!),
          CANDIDATES_KEPT,
        )
      )
        continue;
      out.push({ record, causeEventId: citizens[citizens.length - 1].eventId });
    }
    return out;
  }
}
