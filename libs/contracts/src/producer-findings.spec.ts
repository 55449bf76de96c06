import { eventKey } from './event-key';
import { LAND_CREATE, LAND_SNAPSHOT_DIRTY_HOLDER, NGUYEN_VAN_HUNG, POPULATION_UPDATE } from './examples';
import { MESSAGE_HEADERS, traceparentHeader } from './message-headers';
import { PRODUCER_FINDING_KINDS, producerFindingsOf, refusedWhenStrict } from './producer-findings';
import type { AnySyncEvent } from './v1';

/** The message a correct producer publishes for an event. */
function published(event: AnySyncEvent) {
  return {
    key: eventKey(event),
    headers: {
      [MESSAGE_HEADERS.schemaVersion]: String(event.schemaVersion),
      [MESSAGE_HEADERS.traceparent]: traceparentHeader(event.traceId, '00f067aa0ba902b7'),
    } as Record<string, string | undefined>,
  };
}

describe('producerFindingsOf', () => {
  it('finds nothing in a message published as the contract says', () => {
    expect(producerFindingsOf(LAND_CREATE, published(LAND_CREATE))).toEqual([]);
    expect(producerFindingsOf(POPULATION_UPDATE, published(POPULATION_UPDATE))).toEqual([]);
  });

  it('names a key that is not the citizen ID the record names (the record key, say)', () => {
    const message = { ...published(LAND_CREATE), key: LAND_CREATE.entityId };
    expect(producerFindingsOf(LAND_CREATE, message)).toEqual(['KEY_NOT_CITIZEN_ID']);
    expect(producerFindingsOf(LAND_CREATE, { ...message, key: null })).toEqual(['KEY_NOT_CITIZEN_ID']);
    expect(producerFindingsOf(LAND_CREATE, { ...message, key: NGUYEN_VAN_HUNG.citizenId })).toEqual([]);
  });

  it('names missing and wrong headers', () => {
    const ok = published(LAND_CREATE);
    const without = (name: string) => ({ ...ok, headers: { ...ok.headers, [name]: undefined } });
    const withValue = (name: string, value: string) => ({ ...ok, headers: { ...ok.headers, [name]: value } });
    expect(producerFindingsOf(LAND_CREATE, without(MESSAGE_HEADERS.schemaVersion))).toEqual(['SCHEMA_VERSION_HEADER_MISSING']);
    expect(producerFindingsOf(LAND_CREATE, withValue(MESSAGE_HEADERS.schemaVersion, '2'))).toEqual([
      'SCHEMA_VERSION_HEADER_WRONG',
    ]);
    expect(producerFindingsOf(LAND_CREATE, withValue(MESSAGE_HEADERS.schemaVersion, 'v1'))).toEqual([
      'SCHEMA_VERSION_HEADER_WRONG',
    ]);
    expect(producerFindingsOf(LAND_CREATE, without(MESSAGE_HEADERS.traceparent))).toEqual(['TRACEPARENT_MISSING']);
    const otherTrace = traceparentHeader('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7');
    expect(producerFindingsOf(LAND_CREATE, withValue(MESSAGE_HEADERS.traceparent, otherTrace))).toEqual(['TRACEPARENT_WRONG']);
    expect(producerFindingsOf(LAND_CREATE, withValue(MESSAGE_HEADERS.traceparent, LAND_CREATE.traceId))).toEqual([
      'TRACEPARENT_WRONG',
    ]);
  });

  it('names a day-first date of birth, which is reconciled all the same (never refused when strict)', () => {
    const found = producerFindingsOf(LAND_SNAPSHOT_DIRTY_HOLDER, published(LAND_SNAPSHOT_DIRTY_HOLDER));
    expect(found).toEqual(['DATE_NOT_ISO']);
    expect(refusedWhenStrict(found)).toEqual([]);
  });

  it('lists several findings once each, in the order of the list; strict refuses the key and header ones', () => {
    const found = producerFindingsOf(LAND_SNAPSHOT_DIRTY_HOLDER, { key: 'x', headers: {} });
    expect(found).toEqual(['KEY_NOT_CITIZEN_ID', 'SCHEMA_VERSION_HEADER_MISSING', 'TRACEPARENT_MISSING', 'DATE_NOT_ISO']);
    expect(found).toEqual(PRODUCER_FINDING_KINDS.filter((k) => found.includes(k)));
    expect(refusedWhenStrict(found)).toEqual(['KEY_NOT_CITIZEN_ID', 'SCHEMA_VERSION_HEADER_MISSING', 'TRACEPARENT_MISSING']);
  });
});
