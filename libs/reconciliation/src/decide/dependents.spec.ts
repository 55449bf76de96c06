import { CitizenRecord, examples, PopulationEvent } from '@lgsp/contracts';
import { applyCitizenChanges } from '../registry/citizen-changes';
import { eventId, namingCitizen, recordOf } from '../testing/records.spec-helper';
import { dependentsOf } from './dependents';

const { NGUYEN_VAN_HUNG: HUNG, TRAN_THI_MAI: MAI } = examples;

function arrival(citizen: CitizenRecord, n: number) {
  const event: PopulationEvent = {
    eventId: eventId(n),
    source: 'population',
    operation: 'create',
    entityId: citizen.citizenId,
    before: null,
    after: citizen,
    committedAt: '2026-11-30T00:00:00Z',
    schemaVersion: 1,
    traceId: '0'.repeat(32),
  };
  const ref = {
    eventId: event.eventId,
    topic: 'p',
    partition: 0,
    offset: String(n),
    eventHash: 'h',
    committedAt: event.committedAt,
  };
  return applyCitizenChanges([{ event, ref }], new Map());
}

describe('dependentsOf: the records a registry change makes due', () => {
  it('takes every record naming a changed citizen, by ID or legacy ID, caused by that citizen’s event', () => {
    const applied = arrival(HUNG, 7);
    const byId = namingCitizen('p1', HUNG);
    const byLegacy = recordOf('p2', { ...examples.asPersonRef(HUNG), citizenId: HUNG.legacyId });
    const due = dependentsOf(applied, [byId, byLegacy], []);
    expect(due.map((d) => [d.record.entityId, d.causeEventId])).toEqual([
      ['p1', eventId(7)],
      ['p2', eventId(7)],
    ]);
  });

  it('takes a waiting record only when the newcomer would enter its best candidates', () => {
    const applied = arrival(HUNG, 8);
    // A record of Hùng with a wrong ID, waiting; its kept candidates are three strong strangers.
    const waiting = recordOf('p3', { ...examples.asPersonRef(HUNG), citizenId: '066085999999' });
    const strong = [1, 2, 3].map((i) => ({ citizenId: `00000000000${i}`, weight: 99 }));
    expect(dependentsOf(applied, [], [{ record: waiting, kept: strong }])).toEqual([]);
    const weak = [1, 2, 3].map((i) => ({ citizenId: `00000000000${i}`, weight: -20 }));
    expect(dependentsOf(applied, [], [{ record: waiting, kept: weak }]).map((d) => d.causeEventId)).toEqual([eventId(8)]);
    // A waiting record sharing no blocking key with the newcomer is not due.
    const stranger = recordOf('p4', { ...examples.asPersonRef(MAI), citizenId: '034192999999' });
    expect(dependentsOf(applied, [], [{ record: stranger, kept: [] }])).toEqual([]);
  });

  it('lists a record once even when it both names the citizen and waits on its keys', () => {
    const applied = arrival(HUNG, 9);
    const record = namingCitizen('p5', HUNG);
    expect(dependentsOf(applied, [record], [{ record, kept: [] }])).toHaveLength(1);
  });
});
