import { eventKey } from './event-key';
import {
  BUSINESS_CREATE,
  BUSINESS_DELETE,
  BUSINESS_SNAPSHOT_NO_CITIZEN_ID,
  INSURANCE_CREATE,
  LAND_CREATE,
  LAND_DELETE,
  LAND_SNAPSHOT_DIRTY_HOLDER,
  LAND_UPDATE,
  LE_HOANG_ANH,
  NGUYEN_VAN_HUNG,
  POPULATION_UPDATE,
  TRAN_THI_MAI,
} from './examples';
import { allTopicsOf, DEAD_LETTER_TOPIC, DEFAULT_TOPIC_NAMES, RESULTS_TOPIC, TOPICS, sourceOfTopic, topicNames } from './topics';
import type { LandEvent } from './v1';

describe('eventKey', () => {
  it('is the citizen ID the record names, per source', () => {
    expect(eventKey(POPULATION_UPDATE)).toBe(TRAN_THI_MAI.citizenId);
    expect(eventKey(LAND_CREATE)).toBe(NGUYEN_VAN_HUNG.citizenId);
    expect(eventKey(LAND_UPDATE)).toBe(NGUYEN_VAN_HUNG.citizenId);
    expect(eventKey(INSURANCE_CREATE)).toBe(LE_HOANG_ANH.citizenId);
    expect(eventKey(BUSINESS_CREATE)).toBe(NGUYEN_VAN_HUNG.citizenId);
  });

  it('uses `before` for deletes', () => {
    expect(eventKey(LAND_DELETE)).toBe(TRAN_THI_MAI.citizenId);
    expect(eventKey(BUSINESS_DELETE)).toBe(NGUYEN_VAN_HUNG.citizenId);
  });

  it('uses the new holder when an update changes it', () => {
    const transfer: LandEvent = {
      ...LAND_UPDATE,
      after: { ...LAND_UPDATE.after!, holder: { ...LAND_UPDATE.after!.holder, citizenId: TRAN_THI_MAI.citizenId } },
    };
    expect(eventKey(transfer)).toBe(TRAN_THI_MAI.citizenId);
  });

  it('keeps a dirty ID as recorded (legacy IDs are keys too), only trimmed', () => {
    expect(eventKey(LAND_SNAPSHOT_DIRTY_HOLDER)).toBe('241234567');
    const padded: LandEvent = {
      ...LAND_CREATE,
      after: { ...LAND_CREATE.after!, holder: { ...LAND_CREATE.after!.holder, citizenId: ` ${NGUYEN_VAN_HUNG.citizenId} ` } },
    };
    expect(eventKey(padded)).toBe(NGUYEN_VAN_HUNG.citizenId);
  });

  it('falls back to entityId when no citizen ID is recorded', () => {
    expect(eventKey(BUSINESS_SNAPSHOT_NO_CITIZEN_ID)).toBe(BUSINESS_SNAPSHOT_NO_CITIZEN_ID.entityId);
    const blank: LandEvent = {
      ...LAND_CREATE,
      after: { ...LAND_CREATE.after!, holder: { ...LAND_CREATE.after!.holder, citizenId: '  ' } },
    };
    expect(eventKey(blank)).toBe(LAND_CREATE.entityId);
  });
});

describe('topics', () => {
  it('names one versioned topic per source plus dead-letter and results', () => {
    expect(TOPICS).toEqual({
      population: 'lgsp.population.v1',
      land: 'lgsp.land.v1',
      insurance: 'lgsp.insurance.v1',
      business: 'lgsp.business.v1',
    });
    expect(DEAD_LETTER_TOPIC).toBe('lgsp.dead-letter.v1');
    expect(RESULTS_TOPIC).toBe('lgsp.results.v1');
    expect(DEFAULT_TOPIC_NAMES.metrics).toBe('lgsp.metrics.v1');
    expect(DEFAULT_TOPIC_NAMES.alerts).toBe('lgsp.alerts.v1');
    expect(DEFAULT_TOPIC_NAMES.auditCheckpoints).toBe('lgsp.audit-checkpoints.v1');
    expect(DEFAULT_TOPIC_NAMES.corrections).toBe('lgsp.corrections.v1');
  });

  it('gives a whole set of its own under a prefix, no name shared with the default set', () => {
    const names = topicNames('x');
    expect(names).toEqual({
      sources: { population: 'x.population', land: 'x.land', insurance: 'x.insurance', business: 'x.business' },
      deadLetter: 'x.dead-letter',
      results: 'x.results',
      metrics: 'x.metrics',
      alerts: 'x.alerts',
      auditCheckpoints: 'x.audit-checkpoints',
      corrections: 'x.corrections',
    });
    expect(allTopicsOf(names).filter((t) => allTopicsOf(DEFAULT_TOPIC_NAMES).includes(t))).toEqual([]);
    expect(new Set(allTopicsOf(names)).size).toBe(10);
  });

  it('maps a topic back to its source', () => {
    expect(sourceOfTopic('lgsp.land.v1')).toBe('land');
    expect(sourceOfTopic(DEAD_LETTER_TOPIC)).toBeUndefined();
    expect(sourceOfTopic('x.land', topicNames('x'))).toBe('land');
    expect(sourceOfTopic('lgsp.land.v1', topicNames('x'))).toBeUndefined();
  });
});
