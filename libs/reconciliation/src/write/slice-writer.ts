import { Injectable } from '@nestjs/common';
import { Correction, correctionChanges, CorrectionsRepository, DecidedRecord } from '@lgsp/corrections';
import type { SliceDecisions } from '../decide/decide-slice';
import type { AppliedChanges } from '../registry/citizen-changes';
import { RegistryRepository } from '../registry/registry.repository';
import { Decision, decisionIdOf, Retraction } from '../results/decision';
import { ResultsRepository } from '../results/results.repository';
import { IncomingRecord, SectoralRecordsRepository, StoredMark } from '../results/sectoral-records.repository';
import { Sql } from '../sql';
import { ResultsPublisher } from './results-publisher';

/** Applies what was decided, always in the same order, and publishes the decisions that are new. */
@Injectable()
export class SliceWriter {
  constructor(
    private readonly registry: RegistryRepository,
    private readonly records: SectoralRecordsRepository,
    private readonly results: ResultsRepository,
    private readonly publisher: ResultsPublisher,
    private readonly corrections: CorrectionsRepository,
  ) {}

  /**
   * Stores the records' own versions (a redelivered or older event is not stored again). This
   * comes before deciding: a record's first-seen mark decides which record of a citizen is the original.
   */
  storeRecords(sql: Sql, records: readonly IncomingRecord[]): Promise<Map<string, StoredMark>> {
    return this.records.upsertNewer(sql, records);
  }

  async writeRegistryChanges(sql: Sql, applied: AppliedChanges): Promise<void> {
    await this.registry.appendHistory(sql, applied.history);
    await this.registry.upsertCurrent(sql, applied.current);
    await this.registry.replaceLegacyIds(sql, applied.staleLegacyIds, applied.legacyIds);
    await this.registry.replaceBlockingKeys(sql, applied.staleBlockingKeys, applied.addedBlockingKeys);
  }

  /**
   * Citizens of records, decisions, retractions, sequence numbers, unresolved keys, the corrections
   * the new decisions open and close (in this transaction: a correction exists exactly when its decision
   * does), then the results topic and the corrections topic (the corrections opened). Published before the transaction commits, so a crash in between publishes
   * again on redelivery rather than never (consumers de-duplicate on the decision id). Returns
   * the decisions that were new.
   */
  async writeDecisions(sql: Sql, slice: SliceDecisions): Promise<Decision[]> {
    // One time for the slice: the decision itself does not depend on it (a replay decides the same later).
    const decidedAt = new Date();
    await this.records.setCitizen(sql, slice.citizenChanges);
    const recorded = await this.results.record(sql, slice.decisions, decidedAt);
    const retracted = await this.results.retract(sql, slice.retractions, decidedAt);
    // A record's own event reserved its sequence number when the record was stored (storeRecords).
    await this.records.setDecisionSequences(
      sql,
      [...recorded, ...retracted].filter((d) => d.cause !== 'record-event'),
    );
    await this.records.replaceUnresolvedKeys(sql, slice.unresolvedKeys);
    const opened = await this.writeCorrections(sql, recorded, retracted, decidedAt);
    await this.publisher.publish(recorded, retracted, decidedAt);
    await this.publisher.publishCorrections(opened);
    return recorded;
  }

  /** Opens a correction per mismatched field of each new decision, closes those its record no longer shows. */
  private async writeCorrections(
    sql: Sql,
    recorded: readonly Decision[],
    retracted: readonly Retraction[],
    decidedAt: Date,
  ): Promise<Correction[]> {
    const decided: DecidedRecord[] = [
      ...recorded.map((d) => ({
        source: d.source,
        entityId: d.entityId,
        decisionId: decisionIdOf(d),
        sequence: d.sequence,
        citizenId: d.citizenId,
        provinceCode: d.provinceCode,
        communeCode: d.communeCode,
        differences: d.differences,
      })),
      ...retracted.map((r) => ({
        source: r.source,
        entityId: r.entityId,
        decisionId: decisionIdOf(r),
        sequence: r.sequence,
        citizenId: null,
        provinceCode: null,
        communeCode: null,
        differences: [],
        retracted: true,
      })),
    ];
    if (decided.length === 0) return [];
    const live = await this.corrections.liveOf(sql, decided);
    return this.corrections.apply(sql, correctionChanges(live, decided), decidedAt);
  }
}
