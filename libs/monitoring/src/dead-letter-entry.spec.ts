import { deadLetterHeaders } from '@lgsp/contracts';
import { deadLetterEntryOf } from './dead-letter-entry';

describe('dead-letter entry', () => {
  it('reads origin and reason from the headers, never the value', () => {
    const headers = deadLetterHeaders(
      { topic: 'lgsp.land.v1', partition: 2, offset: '41', consumerGroup: 'lgsp-pipeline' },
      {
        kind: 'CONTRACT_VIOLATION',
        errors: [{ path: '/after/holder/citizenId', keyword: 'pattern', message: 'must match pattern' }],
      },
      new Date('2025-07-01T00:00:00Z'),
    );
    const entry = deadLetterEntryOf({
      topic: 'lgsp.dead-letter.v1',
      partition: 0,
      offset: '7',
      key: 'k',
      value: Buffer.from('{"after":{"holder":{"citizenId":"079123456789"}}}'),
      headers,
      timestamp: 0,
    });
    expect(entry).toEqual({
      topic: 'lgsp.dead-letter.v1',
      partition: 0,
      offset: '7',
      sourceTopic: 'lgsp.land.v1',
      sourcePartition: 2,
      sourceOffset: '41',
      consumerGroup: 'lgsp-pipeline',
      reasonKind: 'CONTRACT_VIOLATION',
      violations: [{ path: '/after/holder/citizenId', keyword: 'pattern', message: 'must match pattern' }],
      failedAt: '2025-07-01T00:00:00.000Z',
      eventId: null,
      traceId: null,
      entityId: null,
    });
    expect(JSON.stringify(entry)).not.toContain('079123456789');
  });

  it('survives missing or broken headers', () => {
    const entry = deadLetterEntryOf({
      topic: 'd',
      partition: 0,
      offset: '1',
      key: null,
      value: Buffer.from(''),
      headers: {},
      timestamp: 0,
    });
    expect(entry).toMatchObject({
      sourceTopic: null,
      sourcePartition: null,
      reasonKind: 'UNKNOWN',
      violations: [],
      failedAt: null,
    });
  });

  it('takes the event id, trace id and record key from a parseable value, nothing else', () => {
    const value = JSON.stringify({
      eventId: '0B4F1E2A-1C3D-4E5F-8A9B-0C1D2E3F4A5B',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      entityId: '12460.5.1',
      after: { holder: { citizenId: '079123456789', fullName: 'Nguyen Van Hung' } },
    });
    const entry = deadLetterEntryOf({
      topic: 'd',
      partition: 0,
      offset: '1',
      key: null,
      value: Buffer.from(value),
      headers: {},
      timestamp: 0,
    });
    expect(entry).toMatchObject({
      eventId: '0b4f1e2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      entityId: '12460.5.1',
    });
    expect(JSON.stringify(entry)).not.toMatch(/079123456789|Nguyen/);
  });

  it('leaves out identifiers that are malformed or unstorable, and falls back to the traceparent header for the trace', () => {
    const value = JSON.stringify({ eventId: 'not-a-uuid', traceId: 'XYZ', entityId: 'a\u0000b' });
    const entry = deadLetterEntryOf({
      topic: 'd',
      partition: 0,
      offset: '1',
      key: null,
      value: Buffer.from(value),
      headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      timestamp: 0,
    });
    expect(entry).toMatchObject({ eventId: null, traceId: '4bf92f3577b34da6a3ce929d0e0e4736', entityId: null });
    for (const broken of [
      Buffer.from([0xff, 0xfe, 0x00]),
      Buffer.from('[1,2]'),
      Buffer.from('null'),
      Buffer.from('{"entityId": 5}'),
    ])
      expect(
        deadLetterEntryOf({ topic: 'd', partition: 0, offset: '1', key: null, value: broken, headers: {}, timestamp: 0 }),
      ).toMatchObject({
        eventId: null,
        traceId: null,
        entityId: null,
      });
  });
});
