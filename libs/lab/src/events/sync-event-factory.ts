import type {
  AnySyncEvent,
  CitizenRecord,
  EnterpriseRecord,
  InsuranceRecord,
  LandParcelRecord,
  Operation,
  SourceName,
} from '@lgsp/contracts';
import { eventIdFor, traceIdFor } from './event-identity';

/**
 * The schema version the mock sources write. Every source publishes version 1: consumers
 * upgrade before producers, and land v2 adds nothing the generator fills in.
 */
export const PUBLISHED_SCHEMA_VERSION = 1;

type WithoutCommitTime<E> = E extends unknown ? Omit<E, 'committedAt'> : never;

/**
 * A sync event as built by the source before its transaction commits: everything but
 * `committedAt`, which the source database stamps when it writes the outbox row. It is also
 * exactly what the dataset digest covers (the commit time is wall clock, not content).
 */
export type UncommittedEvent = WithoutCommitTime<AnySyncEvent>;

/** The record each source holds, at the published schema version. */
export interface SourceRecords {
  population: CitizenRecord;
  land: LandParcelRecord;
  insurance: InsuranceRecord;
  business: EnterpriseRecord;
}
export type RecordOf<S extends SourceName> = SourceRecords[S];

/** A change to one record of one source, before it becomes an event. */
export interface RecordChange<S extends SourceName = SourceName> {
  source: S;
  operation: Operation;
  entityId: string;
  before: RecordOf<S> | null;
  after: RecordOf<S> | null;
}

/** Where an event sits in its stream: the stream name and the event's position in its source. */
export interface EventPosition {
  stream: string;
  sequence: number | bigint;
}

export function buildUncommittedEvent(change: RecordChange, position: EventPosition): UncommittedEvent {
  const eventId = eventIdFor(position.stream, change.source, position.sequence);
  return {
    eventId,
    source: change.source,
    operation: change.operation,
    entityId: change.entityId,
    before: change.before,
    after: change.after,
    schemaVersion: PUBLISHED_SCHEMA_VERSION,
    traceId: traceIdFor(eventId),
  } as UncommittedEvent;
}

/** The event as published, once the source has committed it at `committedAt`. */
export function committedEvent(event: UncommittedEvent, committedAt: string): AnySyncEvent {
  return { ...event, committedAt } as AnySyncEvent;
}
