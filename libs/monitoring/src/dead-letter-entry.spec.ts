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
});
