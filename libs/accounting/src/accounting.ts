/**
 * The accounting of one deployment, as a pure function of what its topics and its database
 * hold: every event that entered a source topic and was consumed ends in the current state of
 * its record (its latest event's result) or in a dead letter; no decision is recorded twice;
 * every recorded decision was published; no partition is behind without moving.
 * The loader reads the inputs; this decides nothing about I/O.
 */

/** Where a message sits: topic, partition, offset (decimal string, 64-bit). */
export interface Coordinates {
  topic: string;
  partition: number;
  offset: string;
}

/** One message of a source topic, with what identifies its record when it could be read. */
export interface SourceEvent extends Coordinates {
  /** null: not JSON, or without source/entityId/eventId/committedAt (only a dead letter accounts for it). */
  event: { source: string; entityId: string; eventId: string; committedAt: string } | null;
}

/** A partition of a source topic as the pipeline's group stands on it. */
export interface PartitionProgress {
  topic: string;
  partition: number;
  /** The group's committed offset ('-1': none yet). */
  committed: string;
  /** The log-end offset. */
  end: string;
  /** True when the committed offset moved during the observation window. */
  moved: boolean;
}

/** What the database holds of one record (source + entityId). */
export interface StoredState {
  /** The event the store holds as the record's latest (sectoral_records, registry.citizens). */
  eventId: string;
  deleted: boolean;
  /** Sectoral records only: the input event of the current result (null: no current result). */
  resultEventId?: string | null;
}

export interface RecordedDecision {
  decisionId: string;
  source: string;
  entityId: string;
  sequence: number | null;
}

export interface PublishedDecision {
  decisionId: string;
  sequence: number;
}

export interface AccountingInput {
  events: SourceEvent[];
  progress: PartitionProgress[];
  /** The source coordinates each dead letter names (one entry per dead-letter message). */
  deadLetters: Coordinates[];
  /** Keyed by recordKey(source, entityId). */
  stored: Map<string, StoredState>;
  /** Sources whose records have a current result (population has none: its state is the registry). */
  sectoralSources: readonly string[];
  decisions: RecordedDecision[];
  published: PublishedDecision[];
}

export interface MissingEvent extends Coordinates {
  why: 'unreadable-not-dead-lettered' | 'not-applied' | 'no-current-result' | 'result-not-from-latest' | 'not-retracted';
  source?: string;
  entityId?: string;
}

export interface DuplicatedDecision {
  source: string;
  entityId: string;
  sequence: number;
  decisionIds: string[];
}

export interface StuckPartition {
  topic: string;
  partition: number;
  committed: string;
  end: string;
}

export interface AccountingReport {
  events: number;
  /** Events at or beyond the group's committed offset: not consumed yet, not judged. */
  pending: number;
  deadLettered: number;
  /** Dead letters beyond the first for one source message (a redelivery after a crash: at-least-once). */
  repeatedDeadLetters: number;
  decisions: number;
  /** Publications beyond the first of one decision (at-least-once, consumers de-duplicate). */
  republished: number;
  missing: MissingEvent[];
  duplicated: DuplicatedDecision[];
  unpublished: string[];
  stuck: StuckPartition[];
  /** Partitions still behind but moving: the check is not final until they drain. */
  draining: StuckPartition[];
}

export const recordKey = (source: string, entityId: string) => `${source}/${entityId}`;
const coordKey = (c: Coordinates) => `${c.topic}|${c.partition}|${c.offset}`;

/** True when `a` supersedes `b` as a record's state: later on one partition, else later committed (the contract's rule). */
export function supersedes(a: SourceEvent, b: SourceEvent): boolean {
  if (a.topic === b.topic && a.partition === b.partition) return BigInt(a.offset) > BigInt(b.offset);
  return Date.parse(a.event!.committedAt) > Date.parse(b.event!.committedAt);
}

export function account(input: AccountingInput): AccountingReport {
  const committed = new Map(input.progress.map((p) => [`${p.topic}|${p.partition}`, BigInt(p.committed)]));
  const consumed = (e: Coordinates) => BigInt(e.offset) < (committed.get(`${e.topic}|${e.partition}`) ?? -1n);

  const deadLetterCount = new Map<string, number>();
  for (const d of input.deadLetters) deadLetterCount.set(coordKey(d), (deadLetterCount.get(coordKey(d)) ?? 0) + 1);

  const missing: MissingEvent[] = [];
  const byRecord = new Map<string, SourceEvent[]>();
  // A pending event may be processed already (its offset not committed yet): the store may hold it.
  const pendingIds = new Map<string, Set<string>>();
  let pending = 0;
  for (const e of input.events) {
    if (!consumed(e)) {
      pending++;
      if (e.event) {
        const key = recordKey(e.event.source, e.event.entityId);
        pendingIds.set(key, (pendingIds.get(key) ?? new Set()).add(e.event.eventId));
      }
      continue;
    }
    if (deadLetterCount.has(coordKey(e))) continue;
    if (!e.event) {
      missing.push({ topic: e.topic, partition: e.partition, offset: e.offset, why: 'unreadable-not-dead-lettered' });
      continue;
    }
    const key = recordKey(e.event.source, e.event.entityId);
    byRecord.set(key, [...(byRecord.get(key) ?? []), e]);
  }

  const sectoral = new Set(input.sectoralSources);
  for (const [key, events] of byRecord) {
    // The record's latest events: those no other event of it supersedes (one, unless two partitions tie in time).
    const latest = events.filter(
      (e) => !events.some((o) => o !== e && o.event!.eventId !== e.event!.eventId && supersedes(o, e)),
    );
    const newest = latest[latest.length - 1] ?? events[events.length - 1];
    const ids = new Set(latest.map((e) => e.event!.eventId));
    const state = input.stored.get(key);
    const at = {
      topic: newest.topic,
      partition: newest.partition,
      offset: newest.offset,
      source: newest.event!.source,
      entityId: newest.event!.entityId,
    };
    if (!state || !(ids.has(state.eventId) || pendingIds.get(key)?.has(state.eventId))) {
      missing.push({ ...at, why: 'not-applied' });
      continue;
    }
    if (!sectoral.has(newest.event!.source)) continue;
    if (state.deleted) {
      if (state.resultEventId) missing.push({ ...at, why: 'not-retracted' });
    } else if (!state.resultEventId) missing.push({ ...at, why: 'no-current-result' });
    else if (state.resultEventId !== state.eventId) missing.push({ ...at, why: 'result-not-from-latest' });
  }

  const bySequence = new Map<string, RecordedDecision[]>();
  for (const d of input.decisions) {
    if (d.sequence === null) continue;
    const k = `${recordKey(d.source, d.entityId)}#${d.sequence}`;
    bySequence.set(k, [...(bySequence.get(k) ?? []), d]);
  }
  const duplicated = [...bySequence.values()]
    .filter((ds) => ds.length > 1)
    .map((ds) => ({
      source: ds[0].source,
      entityId: ds[0].entityId,
      sequence: ds[0].sequence!,
      decisionIds: ds.map((d) => d.decisionId),
    }));

  const publishedCount = new Map<string, number>();
  for (const p of input.published) publishedCount.set(p.decisionId, (publishedCount.get(p.decisionId) ?? 0) + 1);
  const unpublished = input.decisions.filter((d) => !publishedCount.has(d.decisionId)).map((d) => d.decisionId);

  const behind = input.progress.filter((p) => BigInt(p.end) > (BigInt(p.committed) < 0n ? 0n : BigInt(p.committed)));
  const strip = ({ topic, partition, committed: c, end }: PartitionProgress) => ({ topic, partition, committed: c, end });

  return {
    events: input.events.length,
    pending,
    deadLettered: deadLetterCount.size,
    repeatedDeadLetters: input.deadLetters.length - deadLetterCount.size,
    decisions: input.decisions.length,
    republished: input.published.length - publishedCount.size,
    missing,
    duplicated,
    unpublished,
    stuck: behind.filter((p) => !p.moved).map(strip),
    draining: behind.filter((p) => p.moved).map(strip),
  };
}

/** Clean: nothing missing, duplicated, unpublished or stuck. */
export function isClean(report: AccountingReport): boolean {
  return report.missing.length + report.duplicated.length + report.unpublished.length + report.stuck.length === 0;
}
