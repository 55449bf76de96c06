import { eventKey, type AnySyncEvent, type SourceName } from '@lgsp/contracts';
import { canonicalJson } from '../events/canonical-json';
import type { UncommittedEvent } from '../events/sync-event-factory';
import type { GroundTruth } from '../generator';

/**
 * The records, events and truths of one transaction of the initial load, kept as JSON text
 * so each is serialised exactly once: the canonical JSON of an event is both what the
 * digest covers and what the outbox stores.
 */
export class SnapshotBatch {
  readonly keys: (string | null)[] = [];
  private readonly records: string[] = [];
  private readonly events: string[] = [];
  private readonly truths: string[] = [];

  constructor(
    readonly source: SourceName,
    /** Position of the first record of the batch in its source. */
    readonly firstSeq: number,
  ) {}

  /** Adds a record and its event; returns the event's canonical JSON (for the digest). */
  add(record: unknown, event: UncommittedEvent, truth?: GroundTruth): string {
    const json = canonicalJson(event);
    this.records.push(JSON.stringify(record));
    this.events.push(json);
    // eventKey reads only before/after/operation/entityId/source, never committedAt.
    this.keys.push(eventKey(event as AnySyncEvent));
    if (truth) this.truths.push(JSON.stringify(truth));
    return json;
  }

  get size(): number {
    return this.events.length;
  }

  recordsJson(): string {
    return `[${this.records.join(',')}]`;
  }

  eventsJson(): string {
    return `[${this.events.join(',')}]`;
  }

  truthsJson(): string | undefined {
    return this.truths.length === 0 ? undefined : `[${this.truths.join(',')}]`;
  }
}
