import { CITIZEN_ID_PATH, readPath } from './record-keys';
import type { AnySyncEvent } from './v1/events';

/**
 * The Kafka message key: the citizen the record names, so every event about one
 * person lands on one partition, in order, and one worker sees all of that person's
 * records. A record without a usable citizen ID falls back to its own key so it is
 * still partitioned stably.
 *
 * Deletes carry only `before`; otherwise the new state decides. A change of holder
 * therefore moves a parcel's later events to another partition: per-entity order
 * across such a change is not guaranteed, and consumers compare `committedAt`.
 */
export function eventKey(event: AnySyncEvent): string {
  const record = event.operation === 'delete' ? event.before : (event.after ?? event.before);
  const citizenId = readPath(record, CITIZEN_ID_PATH[event.source]);
  // Trimmed so " 079..." and "079..." hash to the same partition; no other cleaning,
  // the key must not pretend a dirty ID has been corrected.
  if (typeof citizenId === 'string' && citizenId.trim() !== '') return citizenId.trim();
  return event.entityId;
}
