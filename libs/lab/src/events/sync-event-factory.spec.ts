import { RECORD_KEY_FIELD, SyncEventValidator, type SourceName } from '@lgsp/contracts';
import { generateDataset } from '../generator';
import { buildUncommittedEvent, committedEvent, PUBLISHED_SCHEMA_VERSION, type RecordChange } from './sync-event-factory';
import { traceIdFor } from './event-identity';

const validator = new SyncEventValidator();

describe('buildUncommittedEvent', () => {
  it('builds snapshot events of generated records that satisfy the contract, dirt included', () => {
    const dataset = generateDataset({ seed: 3, citizens: 400, province: '66', dirt: { TYPO: 0.2, MISSING_FIELD: 0.2 } });
    const sequences: Record<SourceName, number> = { population: 0, land: 0, insurance: 0, business: 0 };
    let checked = 0;
    for (const item of dataset.items()) {
      const source = item.kind === 'citizen' ? 'population' : item.kind;
      const entityId = (item.record as unknown as Record<string, string>)[RECORD_KEY_FIELD[source]];
      const change = { source, operation: 'snapshot', entityId, before: null, after: item.record } as RecordChange;
      const event = committedEvent(
        buildUncommittedEvent(change, { stream: 'test', sequence: sequences[source]++ }),
        '2025-07-01T00:00:00.000Z',
      );
      const result = validator.validate(source, event);
      if (!result.ok) throw new Error(`${source}: ${JSON.stringify(result.errors)}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
    expect(sequences.land).toBeGreaterThan(0);
    expect(sequences.insurance).toBeGreaterThan(0);
  });

  it('fills the envelope from the change and its position', () => {
    const record = generateDataset({ seed: 1, citizens: 1, province: '66' }).citizenAt(0);
    const event = buildUncommittedEvent(
      {
        source: 'population',
        operation: 'update',
        entityId: record.citizenId,
        before: record,
        after: { ...record, status: 'DECEASED', dateOfDeath: '2025-08-01' },
      },
      { stream: 's', sequence: 5 },
    );
    expect(event).toMatchObject({
      source: 'population',
      operation: 'update',
      entityId: record.citizenId,
      schemaVersion: PUBLISHED_SCHEMA_VERSION,
    });
    expect(event.traceId).toBe(traceIdFor(event.eventId));
    expect('committedAt' in event).toBe(false);
    expect(validator.validate('population', committedEvent(event, '2025-08-01T10:00:00+07:00')).ok).toBe(true);
  });
});
