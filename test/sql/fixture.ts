import type { CitizenRecord, PersonRef } from '@lgsp/contracts';
import type { AlertCondition, BatchProgress, DeadLetterEntry, MetricsSnapshot } from '@lgsp/monitoring';
import {
  BlockingKeyPair,
  CitizenHistoryRow,
  Decision,
  RegistryRepository,
  ResultsRepository,
  IncomingRecord,
  Retraction,
  SectoralRecordsRepository,
  UnresolvedKeys,
} from '@lgsp/reconciliation';
import type { Pool } from 'pg';

/**
 * The fixed data set the SQL snapshot runs against, and the sample values its calls use. All of it is synthetic and
 * derived from numbers, so every run writes the same rows in the same order (the plans depend on the tables' size).
 */
export const CITIZENS = 1000;
export const RECORDS = 1500;
/** Every fifth record names a 9-digit legacy ID, every seventh an unknown ID (it waits on its blocking keys). */
const usesLegacyId = (n: number) => n % 5 === 0;
const isUnresolved = (n: number) => n % 7 === 0;

export const SOURCE = 'land' as const;
export const TOPIC = 'lgsp.land.v1';
export const AT = new Date('2026-11-30T00:00:00.000Z');

export const citizenId = (n: number): string => `066085${String(n).padStart(6, '0')}`;
export const legacyId = (n: number): string => `2${String(n).padStart(8, '0')}`;
export const unknownId = (n: number): string => `099099${String(n).padStart(6, '0')}`;
export const eventId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const entityId = (n: number): string => `parcel-${n}`;
export const traceId = (n: number): string => `${String(n).padStart(16, '0')}4bf92f3577b34da6`;
/** Blocking keys shared by groups of ten citizens, as a surname and a birth year would be. */
export const blockingKeysOf = (n: number): string[] => [`name:${Math.floor(n / 10)}`, `born:${n % 60}`];

/** The citizen a record of number n names (records outnumber citizens: some citizens have two). */
const citizenOfRecord = (n: number) => ((n - 1) % CITIZENS) + 1;

function citizenRecord(n: number): CitizenRecord {
  return {
    citizenId: citizenId(n),
    legacyId: legacyId(n),
    fullName: `Công Dân ${n}`,
    dateOfBirth: `19${String(n % 90).padStart(2, '0')}-01-01`,
    gender: n % 2 === 0 ? 'F' : 'M',
    provinceCode: '66',
    communeCode: '24121',
    address: `${n} Đường Số 1`,
    status: 'ALIVE',
    dateOfDeath: null,
  };
}

export function citizenRow(n: number, version = 1): CitizenHistoryRow {
  return {
    citizenId: citizenId(n),
    legacyId: legacyId(n),
    record: citizenRecord(n),
    deleted: false,
    version,
    committedAt: AT.toISOString(),
    eventId: eventId(n),
    topic: 'lgsp.population.v1',
    partition: n % 3,
    offset: String(n),
  };
}

function recordedId(n: number): string {
  const c = citizenOfRecord(n);
  return isUnresolved(n) ? unknownId(n) : usesLegacyId(n) ? legacyId(c) : citizenId(c);
}

export function sectoralRecord(n: number): IncomingRecord {
  const person: PersonRef = {
    citizenId: recordedId(n),
    fullName: `Công Dân ${citizenOfRecord(n)}`,
    dateOfBirth: null,
    gender: null,
    address: null,
    provinceCode: '66',
    communeCode: null,
  };
  return {
    source: SOURCE,
    entityId: entityId(n),
    lookupId: recordedId(n),
    citizenId: isUnresolved(n) ? null : citizenId(citizenOfRecord(n)),
    person,
    active: true,
    deleted: false,
    ref: {
      eventId: eventId(100_000 + n),
      topic: TOPIC,
      partition: n % 3,
      offset: String(n),
      eventHash: 'sha256-of-the-event',
      committedAt: AT.toISOString(),
    },
    duplicateIdentity: `24121|${(100 + (n % 7)).toFixed(1)}|ODT`,
    traceId: traceId(n),
  };
}

export function decision(n: number): Decision {
  const record = sectoralRecord(n);
  return {
    source: SOURCE,
    entityId: record.entityId,
    outcome: isUnresolved(n) ? 'NOT_FOUND' : usesLegacyId(n) ? 'LEGACY_ID' : 'MATCHED',
    alsoApplies: [],
    citizenId: record.citizenId,
    provinceCode: '66',
    communeCode: '24121',
    differences: [],
    evidence: { notes: [] },
    candidates: isUnresolved(n)
      ? [{ citizenId: citizenId(citizenOfRecord(n)), weight: 3.5, probability: 0.4, fields: [], foundBy: ['FAMILY_YEAR'] }]
      : [],
    ruleVersion: 'snapshot',
    registryVersion: 1,
    cause: 'record-event',
    causeEventId: record.ref.eventId,
    input: record.ref,
    sequence: 1,
  };
}

export function retraction(n: number): Retraction {
  const record = sectoralRecord(n);
  return {
    source: SOURCE,
    entityId: record.entityId,
    reason: 'RECORD_DELETED',
    cause: 'record-event',
    causeEventId: eventId(200_000 + n),
    input: { ...record.ref, eventId: eventId(200_000 + n) },
    ruleVersion: 'snapshot',
    sequence: 2,
  };
}

export function unresolvedKeys(n: number, isNew = false): UnresolvedKeys {
  return { source: SOURCE, entityId: entityId(n), keys: blockingKeysOf(citizenOfRecord(n)), isNew };
}

export const alertCondition: AlertCondition = {
  kind: 'CONSUMER_LAG',
  subject: SOURCE,
  message: 'land is 5000 messages behind',
  value: 5000,
  threshold: 1000,
};

export const deadLetter: DeadLetterEntry = {
  topic: 'lgsp.dead-letter.v1',
  partition: 0,
  offset: '7',
  sourceTopic: TOPIC,
  sourcePartition: 1,
  sourceOffset: '42',
  consumerGroup: 'lgsp-pipeline',
  reasonKind: 'SCHEMA_VIOLATION',
  violations: [{ path: '/person/citizenId', keyword: 'maxLength', message: 'too long' }],
  failedAt: AT.toISOString(),
  eventId: '0b4f1e2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  entityId: '12460.5.1',
};

export const batchProgress: BatchProgress = {
  consumerGroup: 'lgsp-pipeline',
  topic: TOPIC,
  partition: 1,
  newestCommittedAt: AT,
  lastOffset: '42',
  processed: 10,
  deadLettered: 1,
  decisions: 9,
};

export const metricsSnapshot: MetricsSnapshot = {
  takenAt: AT.toISOString(),
  consumerGroup: 'lgsp-pipeline',
  sources: [],
  partitions: [],
  provinces: [],
};

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Loads the data set through the product's own write methods (their statements are not part of the snapshot here). */
export async function loadFixture(pool: Pool): Promise<void> {
  const registry = new RegistryRepository();
  const records = new SectoralRecordsRepository();
  const results = new ResultsRepository();
  const citizens = range(1, CITIZENS).map((n) => citizenRow(n));
  await registry.upsertCurrent(pool, citizens);
  await registry.appendHistory(pool, citizens);
  await registry.replaceLegacyIds(
    pool,
    [],
    citizens.map((c) => ({ legacyId: c.legacyId!, citizenId: c.citizenId })),
  );
  const keys: BlockingKeyPair[] = range(1, CITIZENS).flatMap((n) =>
    blockingKeysOf(n).map((key) => ({ key, citizenId: citizenId(n) })),
  );
  await registry.replaceBlockingKeys(pool, [], keys);
  const numbers = range(1, RECORDS);
  await records.upsertNewer(pool, numbers.map(sectoralRecord));
  await records.replaceUnresolvedKeys(
    pool,
    numbers.filter(isUnresolved).map((n) => unresolvedKeys(n, true)),
  );
  await results.record(pool, numbers.map(decision), AT);
}

/** Record numbers for the calls: records naming their citizen, naming a legacy ID, and waiting (unknown ID). */
export const SAMPLE = {
  resolved: [1, 2, 3],
  legacy: [5, 10],
  unresolved: [7, 14],
};
