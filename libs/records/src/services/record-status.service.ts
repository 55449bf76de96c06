import { decodeCursor, encodeCursor } from '../list-cursor';
import { RecordFilter, RecordKey, RecordStatus, RecordSummary } from '../record-status';
import { RecordsRepository } from '../repositories/records.repository';

export interface RecordListQuery {
  filter: RecordFilter;
  /** Only the records this event caused decisions of. */
  eventId?: string;
  /** Only the records whose latest event carried this trace id. */
  traceId?: string;
  cursor?: string;
  limit: number;
}

export interface RecordPage {
  items: RecordSummary[];
  /** The cursor of the next page; null on the last. */
  next: string | null;
}

/** Thrown for a cursor this API did not give: a caller's error, not worth a retry. */
export class InvalidCursor extends Error {
  constructor() {
    super('not a cursor of this listing: pass the `next` of a previous page, unchanged');
  }
}

/** Whether a summary passes the filter (look-ups by event or trace are filtered after they are found). */
export function matchesFilter(s: RecordSummary, f: RecordFilter): boolean {
  return (
    (f.source === undefined || s.source === f.source) &&
    (f.provinceCode === undefined || s.provinceCode === f.provinceCode) &&
    (f.communeCode === undefined || s.communeCode === f.communeCode) &&
    (f.outcome === undefined || s.outcome === f.outcome) &&
    (f.differenceKind === undefined || s.differences.some((d) => d.kind === f.differenceKind)) &&
    (f.changedSince === undefined || (s.decidedAt !== null && Date.parse(s.decidedAt) >= f.changedSince.getTime()))
  );
}

/** What became of each sectoral record: its current result, its history, and listings of them. */
export class RecordStatusService {
  constructor(private readonly records: RecordsRepository) {}

  /** Null when the pipeline never stored nor decided the record. */
  async status(key: RecordKey, historyLimit: number): Promise<RecordStatus | null> {
    const [record, current, history] = await Promise.all([
      this.records.identity(key),
      this.records.current(key),
      this.records.history(key, historyLimit),
    ]);
    if (!record && !current && history.length === 0) return null;
    return { record, current, history };
  }

  async list(q: RecordListQuery): Promise<RecordPage> {
    if (q.eventId !== undefined || q.traceId !== undefined) return { items: await this.lookUp(q), next: null };
    const after = q.cursor === undefined ? null : decodeCursor(q.cursor);
    if (q.cursor !== undefined && after === null) throw new InvalidCursor();
    // One more than asked: whether there is a next page, without a count.
    const rows = await this.records.list(q.filter, after, q.limit + 1);
    const items = rows.slice(0, q.limit);
    return { items, next: rows.length > q.limit ? encodeCursor(items[items.length - 1]) : null };
  }

  /** By event id and/or trace id (both given: the records both name), then the other filters. */
  private async lookUp(q: RecordListQuery): Promise<RecordSummary[]> {
    const found = await Promise.all([
      q.eventId === undefined ? null : this.records.keysByCauseEvent(q.eventId, q.limit),
      q.traceId === undefined ? null : this.records.keysByTraceId(q.traceId, q.limit),
    ]);
    const lists = found.filter((l): l is RecordKey[] => l !== null);
    const id = (k: RecordKey) => `${k.source}/${k.entityId}`;
    const keys = lists[0].filter((k) => lists.every((l) => l.some((o) => id(o) === id(k))));
    return (await this.records.summaries(keys)).filter((s) => matchesFilter(s, q.filter));
  }
}
