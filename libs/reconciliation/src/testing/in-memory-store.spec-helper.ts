import type { KeptCandidate } from '@lgsp/domain';
import type { Correction, CorrectionChanges, CorrectionsRepository, LiveCorrection } from '@lgsp/corrections';
import type { EventProducer, OutgoingMessage, SentRecord } from '@lgsp/transport';
import type { PoolClient } from 'pg';
import { recordMap, RecordKey } from '../record-key';
import type { BlockingKeyPair, LegacyIdPair } from '../registry/citizen-changes';
import type { CitizenHistoryRow, CitizenStateRow, RegistryRepository, StoredCitizen } from '../registry/registry.repository';
import { Decision, decisionIdOf, Retraction } from '../results/decision';
import type { ResultsRepository } from '../results/results.repository';
import type {
  DuplicateGroupKey,
  IncomingRecord,
  SectoralRecord,
  SectoralRecordsRepository,
  SectoralSource,
  StoredMark,
  UnresolvedKeys,
  WaitingRecord,
} from '../results/sectoral-records.repository';
import type { SliceOutcome, SliceTransactions } from '../slice-transactions';

/**
 * Fakes of the repositories, holding in memory what their SQL holds in PostgreSQL, for unit
 * tests of the intakes. Their rules follow the statements (the repositories' own tests on
 * PostgreSQL pin those): a redelivered event is not stored again, deleted records name nobody.
 */
type Public<T> = { [K in keyof T]: T[K] };

export class InMemorySectoralRecords implements Public<SectoralRecordsRepository> {
  readonly rows = recordMap<SectoralRecord>();
  readonly unresolved = recordMap<string[]>();
  private firstSeen = 0;
  constructor(private readonly results: InMemoryResults) {}

  async upsertNewer(_sql: unknown, records: readonly IncomingRecord[]): Promise<Map<string, StoredMark>> {
    const out = new Map<string, StoredMark>();
    for (const r of records) {
      const s = this.rows.get(r);
      if (
        s &&
        (s.ref.eventId === r.ref.eventId ||
          (s.ref.topic === r.ref.topic && s.ref.partition === r.ref.partition && BigInt(s.ref.offset) > BigInt(r.ref.offset)))
      )
        continue;
      const firstSeen = s?.firstSeen ?? ++this.firstSeen;
      const decisionSequence = (s?.decisionSequence ?? 0) + 1;
      const previousGroup =
        s && !s.deleted && s.citizenId !== null && s.duplicateIdentity !== null
          ? { citizenId: s.citizenId, identity: s.duplicateIdentity }
          : null;
      this.rows.set(r, { ...r, firstSeen, decisionSequence });
      out.set(r.entityId, { firstSeen, isNew: s === undefined, decisionSequence, previousGroup });
    }
    return out;
  }

  async findByLookupIds(_sql: unknown, lookupIds: string[]): Promise<SectoralRecord[]> {
    const ids = new Set(lookupIds);
    return this.rows.values().filter((r) => !r.deleted && r.lookupId !== null && ids.has(r.lookupId));
  }

  async findWaitingByKeys(_sql: unknown, keys: string[]): Promise<WaitingRecord[]> {
    const wanted = new Set(keys);
    return this.rows
      .keys()
      .filter((k) => (this.unresolved.get(k) ?? []).some((key) => wanted.has(key)) && !this.rows.get(k)!.deleted)
      .map((k) => ({
        record: this.rows.get(k)!,
        kept: (this.results.current.get(k)?.candidates ?? []) as KeptCandidate[],
      }));
  }

  async setDecisionSequences(_sql: unknown, decided: readonly (RecordKey & { sequence: number })[]): Promise<void> {
    for (const d of decided) {
      const r = this.rows.get(d);
      if (r) this.rows.set(d, { ...r, decisionSequence: d.sequence });
    }
  }

  async setCitizen(_sql: unknown, changes: readonly (RecordKey & { citizenId: string | null })[]): Promise<void> {
    for (const c of changes) {
      const r = this.rows.get(c);
      if (r) this.rows.set(c, { ...r, citizenId: c.citizenId });
    }
  }

  async findDuplicateGroups(
    _sql: unknown,
    source: SectoralSource,
    groups: readonly DuplicateGroupKey[],
    excluded: readonly string[] = [],
  ): Promise<SectoralRecord[]> {
    return groups.flatMap((g) =>
      this.rows
        .values()
        .filter(
          (r) =>
            r.source === source &&
            r.citizenId === g.citizenId &&
            r.duplicateIdentity === g.identity &&
            !r.deleted &&
            !excluded.includes(r.entityId),
        )
        .sort((a, b) => Number(a.lookupId !== a.citizenId) - Number(b.lookupId !== b.citizenId) || a.firstSeen - b.firstSeen),
    );
  }

  async replaceUnresolvedKeys(_sql: unknown, records: readonly UnresolvedKeys[]): Promise<void> {
    for (const r of records) this.unresolved.set({ source: r.source as SectoralSource, entityId: r.entityId }, [...r.keys]);
  }
}

export class InMemoryResults implements Public<ResultsRepository> {
  readonly history: Decision[] = [];
  readonly current = recordMap<Decision>();
  private readonly ids = new Set<string>();

  readonly retractions: Retraction[] = [];

  async record(_sql: unknown, decisions: readonly Decision[]): Promise<Decision[]> {
    const fresh = decisions.filter((d) => !this.ids.has(decisionIdOf(d)));
    for (const d of fresh) {
      this.ids.add(decisionIdOf(d));
      this.history.push(d);
      this.current.set(d, d);
    }
    return fresh;
  }

  async retract(_sql: unknown, retractions: readonly Retraction[]): Promise<Retraction[]> {
    const fresh = retractions.filter((r) => !this.ids.has(decisionIdOf(r)));
    for (const r of fresh) {
      this.ids.add(decisionIdOf(r));
      this.retractions.push(r);
    }
    for (const r of retractions) this.current.delete(r);
    return fresh;
  }
}

/** The write step's side of corrections: rows by id, the state and the close reason as the SQL writes them. */
export class InMemoryCorrections implements Pick<CorrectionsRepository, 'liveOf' | 'apply'> {
  readonly rows = new Map<string, LiveCorrection & { closedReason?: string; kind: string }>();
  private next = 0;

  async liveOf(_sql: unknown, records: readonly { source: string; entityId: string }[]): Promise<LiveCorrection[]> {
    const keys = new Set(records.map((r) => `${r.source}/${r.entityId}`));
    return [...this.rows.values()]
      .filter((c) => c.state !== ('closed' as string) && keys.has(`${c.source}/${c.entityId}`))
      .map(({ closedReason: _, kind: __, ...c }) => c);
  }

  async apply(_sql: unknown, changes: CorrectionChanges): Promise<Correction[]> {
    for (const c of changes.close) {
      const row = this.rows.get(c.id)!;
      this.rows.set(c.id, { ...row, state: 'closed' as never, closedReason: c.reason });
    }
    const opened: Correction[] = [];
    for (const o of changes.open) {
      const id = `c${++this.next}`;
      this.rows.set(id, { id, ...o, state: 'open' });
      const { citizenId: _, openedSequence: __, ...shown } = o;
      opened.push({ id, ...shown, state: 'open', openedAt: new Date(0).toISOString(), acknowledgement: null, closed: null });
    }
    return opened;
  }
}

export class InMemoryRegistry implements Public<RegistryRepository> {
  readonly citizens = new Map<string, CitizenStateRow>();
  readonly history: CitizenHistoryRow[] = [];
  readonly legacy = new Map<string, string>();
  readonly keys = new Map<string, Set<string>>();

  async findCurrent(_sql: unknown, citizenIds: string[]): Promise<Map<string, StoredCitizen>> {
    const out = new Map<string, StoredCitizen>();
    for (const id of citizenIds) {
      const c = this.citizens.get(id);
      if (c) out.set(id, { citizenId: id, legacyId: c.legacyId, record: c.record, deleted: c.deleted, version: c.version });
    }
    return out;
  }

  async estimatedSize(): Promise<number> {
    return this.citizens.size;
  }

  async resolveLegacyIds(_sql: unknown, legacyIds: string[]): Promise<Map<string, string>> {
    return new Map(legacyIds.filter((l) => this.legacy.has(l)).map((l) => [l, this.legacy.get(l)!]));
  }

  async appliedEventIds(_sql: unknown, eventIds: string[]): Promise<Set<string>> {
    const applied = new Set(this.history.map((h) => h.eventId));
    return new Set(eventIds.filter((e) => applied.has(e)));
  }

  async appendHistory(_sql: unknown, rows: CitizenHistoryRow[]): Promise<void> {
    this.history.push(...rows);
  }

  async upsertCurrent(_sql: unknown, rows: CitizenStateRow[]): Promise<void> {
    for (const r of rows) this.citizens.set(r.citizenId, r);
  }

  async replaceLegacyIds(_sql: unknown, stale: LegacyIdPair[], current: LegacyIdPair[]): Promise<void> {
    for (const p of stale) if (this.legacy.get(p.legacyId) === p.citizenId) this.legacy.delete(p.legacyId);
    for (const p of current) this.legacy.set(p.legacyId, p.citizenId);
  }

  async replaceBlockingKeys(_sql: unknown, stale: BlockingKeyPair[], added: BlockingKeyPair[]): Promise<void> {
    for (const p of stale) this.keys.get(p.key)?.delete(p.citizenId);
    for (const p of added) this.keys.set(p.key, (this.keys.get(p.key) ?? new Set()).add(p.citizenId));
  }

  async candidatesByKeys(_sql: unknown, keys: string[], perKey = 40): Promise<Map<string, StoredCitizen[]>> {
    const out = new Map<string, StoredCitizen[]>();
    for (const key of keys) {
      const ids = [...(this.keys.get(key) ?? [])].slice(0, perKey);
      const found = [...(await this.findCurrent(null, ids)).values()].filter((c) => !c.deleted);
      if (found.length > 0) out.set(key, found);
    }
    return out;
  }

  async asOf(): Promise<{ version: number; record: null } | null> {
    return null;
  }
}

/** Runs each slice's work at once, with no locks: the fakes hold no shared state across processes. */
export class ImmediateTransactions implements Public<SliceTransactions> {
  async inSlices<T>(items: readonly T[], work: (tx: PoolClient, slice: T[]) => Promise<SliceOutcome>) {
    const outcome = await work({} as PoolClient, [...items]);
    return { decisions: outcome.recorded, skipped: outcome.skipped };
  }
  async lockCitizens(): Promise<void> {}
  async lockCitizensOfSource(): Promise<void> {}
}

/** A producer that keeps what it was asked to send, per topic. */
export class RecordingProducer implements EventProducer {
  readonly sent = new Map<string, OutgoingMessage[]>();
  /** Each `send` (one produce request), by topic. */
  readonly requests = new Map<string, OutgoingMessage[][]>();
  async send(topic: string, messages: OutgoingMessage[]): Promise<SentRecord[]> {
    this.sent.set(topic, [...(this.sent.get(topic) ?? []), ...messages]);
    this.requests.set(topic, [...(this.requests.get(topic) ?? []), messages]);
    return [];
  }
  async disconnect(): Promise<void> {}
  count(topic: string): number {
    return this.sent.get(topic)?.length ?? 0;
  }
}
