import {
  AlertsRepository,
  DeadLettersRepository,
  MatchMetricsRepository,
  ProgressRepository,
  SnapshotsRepository,
} from '@lgsp/monitoring';
import { RegistryRepository, ResultsRepository, SectoralRecordsRepository } from '@lgsp/reconciliation';
import { CredentialsRepository } from '@lgsp/access';
import { RecordsRepository } from '@lgsp/records';
import type { Pool } from 'pg';
import {
  alertCondition,
  AT,
  batchProgress,
  blockingKeysOf,
  citizenId,
  citizenRow,
  deadLetter,
  decision,
  retraction,
  entityId,
  eventId,
  legacyId,
  metricsSnapshot,
  SAMPLE,
  sectoralRecord,
  SOURCE,
  TOPIC,
  traceId,
  unresolvedKeys,
} from './fixture';

/** One call of a repository method whose statements go into the snapshot. */
export interface Call<R> {
  method: Extract<keyof R, string>;
  /** Tells calls of one method apart when its statement depends on the arguments. */
  variant?: string;
  /** Also record `EXPLAIN (COSTS OFF)` of each statement: the look-ups whose plan the README discusses. */
  explain?: boolean;
  run(repository: R, pool: Pool): Promise<unknown>;
}

export interface RepositoryStatements<R> {
  repository: { name: string; prototype: R };
  create(pool: Pool): R;
  calls: Call<R>[];
  /** Methods that only the repository's other methods call (their statements show under those). */
  internal?: Extract<keyof R, string>[];
}

/** Keeps each entry's repository type for its calls, then lets the entries share one list. */
function statementsOf<R>(entry: RepositoryStatements<R>): RepositoryStatements<unknown> {
  return entry as unknown as RepositoryStatements<unknown>;
}

const ids = (ns: number[], f: (n: number) => string) => ns.map(f);

/**
 * Every repository and every method, each with sample arguments over the fixture (fixture.ts): a method added to a
 * repository is one line here (the snapshot test fails until it has one), then `npm run sql:snapshot`.
 */
export const STATEMENTS: RepositoryStatements<unknown>[] = [
  statementsOf({
    repository: RegistryRepository,
    create: () => new RegistryRepository(),
    calls: [
      { method: 'findCurrent', run: (r, sql) => r.findCurrent(sql, ids(SAMPLE.resolved, citizenId)) },
      { method: 'resolveLegacyIds', run: (r, sql) => r.resolveLegacyIds(sql, ids(SAMPLE.legacy, legacyId)) },
      { method: 'appliedEventIds', run: (r, sql) => r.appliedEventIds(sql, ids(SAMPLE.resolved, eventId)) },
      { method: 'appendHistory', run: (r, sql) => r.appendHistory(sql, [citizenRow(1, 2)]) },
      { method: 'upsertCurrent', run: (r, sql) => r.upsertCurrent(sql, [citizenRow(1, 2)]) },
      {
        method: 'replaceLegacyIds',
        run: (r, sql) =>
          r.replaceLegacyIds(
            sql,
            [{ legacyId: legacyId(1), citizenId: citizenId(1) }],
            [{ legacyId: legacyId(1), citizenId: citizenId(2) }],
          ),
      },
      {
        method: 'replaceBlockingKeys',
        run: (r, sql) =>
          r.replaceBlockingKeys(
            sql,
            [{ key: blockingKeysOf(1)[0], citizenId: citizenId(1) }],
            [{ key: 'name:new', citizenId: citizenId(1) }],
          ),
      },
      { method: 'candidatesByKeys', explain: true, run: (r, sql) => r.candidatesByKeys(sql, blockingKeysOf(3)) },
      { method: 'asOf', run: (r, sql) => r.asOf(sql, citizenId(1), AT) },
    ],
  }),
  statementsOf({
    repository: SectoralRecordsRepository,
    create: () => new SectoralRecordsRepository(),
    calls: [
      {
        method: 'findByLookupIds',
        explain: true,
        run: (r, sql) => r.findByLookupIds(sql, [...ids(SAMPLE.resolved, citizenId), ...ids(SAMPLE.legacy, legacyId)]),
      },
      {
        method: 'findWaitingByKeys',
        explain: true,
        run: (r, sql) => r.findWaitingByKeys(sql, blockingKeysOf(SAMPLE.unresolved[0])),
      },
      {
        method: 'findDuplicateGroups',
        explain: true,
        run: (r, sql) =>
          r.findDuplicateGroups(
            sql,
            SOURCE,
            SAMPLE.resolved.map((n) => ({ citizenId: citizenId(n), identity: sectoralRecord(n).duplicateIdentity! })),
            ids(SAMPLE.resolved, entityId),
          ),
      },
      { method: 'upsertNewer', run: (r, sql) => r.upsertNewer(sql, [sectoralRecord(1), sectoralRecord(100_000)]) },
      {
        method: 'setDecisionSequences',
        run: (r, sql) => r.setDecisionSequences(sql, [{ source: SOURCE, entityId: entityId(7), sequence: 2 }]),
      },
      {
        method: 'setCitizen',
        run: (r, sql) => r.setCitizen(sql, [{ source: SOURCE, entityId: entityId(7), citizenId: citizenId(7) }]),
      },
      {
        method: 'replaceUnresolvedKeys',
        run: (r, sql) => r.replaceUnresolvedKeys(sql, [unresolvedKeys(SAMPLE.unresolved[1])]),
      },
    ],
  }),
  statementsOf({
    repository: ResultsRepository,
    create: () => new ResultsRepository(),
    calls: [
      {
        method: 'record',
        run: (r, sql) => r.record(sql, [decision(1), { ...decision(2), causeEventId: eventId(999_999) }], AT),
      },
      { method: 'retract', run: (r, sql) => r.retract(sql, [retraction(3)], AT) },
    ],
  }),
  statementsOf({
    repository: AlertsRepository,
    create: (pool) => new AlertsRepository(pool),
    calls: [
      { method: 'openAlert', run: (r) => r.openAlert(alertCondition, AT) },
      { method: 'open', run: (r) => r.open() },
      { method: 'list', run: (r) => r.list('all', 50) },
      { method: 'refresh', run: (r) => r.refresh(alertCondition, AT) },
      { method: 'clear', run: (r) => r.clear('1', AT) },
    ],
  }),
  statementsOf({
    repository: DeadLettersRepository,
    create: (pool) => new DeadLettersRepository(pool),
    calls: [
      { method: 'add', run: (r) => r.add([deadLetter]) },
      { method: 'recent', run: (r) => r.recent(50, { sourceTopic: TOPIC, traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }) },
      { method: 'count', run: (r) => r.count() },
    ],
  }),
  statementsOf({
    repository: MatchMetricsRepository,
    create: (pool) => new MatchMetricsRepository(pool),
    calls: [
      { method: 'compact', run: (r) => r.compact() },
      { method: 'matchCounts', variant: 'by source', run: (r) => r.matchCounts({ source: SOURCE }, 'source') },
      { method: 'matchCounts', variant: 'by province', run: (r) => r.matchCounts({ provinceCode: '66' }, 'province') },
      { method: 'matchCounts', variant: 'by commune', run: (r) => r.matchCounts({ communeCode: '24121' }, 'commune') },
      { method: 'fieldCounts', run: (r) => r.fieldCounts({ source: SOURCE }) },
      { method: 'windowCounts', run: (r) => r.windowCounts('hour', AT, SOURCE) },
    ],
  }),
  statementsOf({
    repository: ProgressRepository,
    create: (pool) => new ProgressRepository(pool),
    calls: [
      {
        method: 'recordBatch',
        run: (r) =>
          r.recordBatch(
            batchProgress,
            SOURCE,
            new Map([
              [50, 3],
              [Infinity, 1],
            ]),
            AT,
          ),
      },
      { method: 'progressOf', run: (r) => r.progressOf('lgsp-pipeline') },
      { method: 'latencyBuckets', run: (r) => r.latencyBuckets(15) },
      { method: 'pruneLatency', run: (r) => r.pruneLatency(48) },
    ],
  }),
  statementsOf({
    repository: SnapshotsRepository,
    create: (pool) => new SnapshotsRepository(pool),
    calls: [
      { method: 'store', run: (r) => r.store(metricsSnapshot) },
      { method: 'since', run: (r) => r.since(AT) },
      { method: 'latest', run: (r) => r.latest() },
      { method: 'baseline', run: (r) => r.baseline(600) },
      { method: 'prune', run: (r) => r.prune(48) },
    ],
  }),
  statementsOf({
    repository: RecordsRepository,
    create: (pool) => new RecordsRepository(pool),
    calls: [
      { method: 'identity', run: (r) => r.identity({ source: SOURCE, entityId: entityId(1) }) },
      { method: 'current', run: (r) => r.current({ source: SOURCE, entityId: entityId(1) }) },
      { method: 'history', explain: true, run: (r) => r.history({ source: SOURCE, entityId: entityId(1) }, 100) },
      { method: 'keysByCauseEvent', explain: true, run: (r) => r.keysByCauseEvent(eventId(100_001), 100) },
      { method: 'keysByTraceId', explain: true, run: (r) => r.keysByTraceId(traceId(1), 100) },
      {
        method: 'list',
        variant: 'a commune',
        explain: true,
        run: (r) => r.list({ source: SOURCE, communeCode: '24121', differenceKind: 'SPELLING' }, null, 101),
      },
      {
        method: 'list',
        variant: 'a later page',
        explain: true,
        run: (r) => r.list({ outcome: 'MATCHED', changedSince: AT }, { source: SOURCE, entityId: entityId(500) }, 101),
      },
      {
        method: 'summaries',
        run: (r) =>
          r.summaries([
            { source: SOURCE, entityId: entityId(1) },
            { source: SOURCE, entityId: 'gone' },
          ]),
      },
    ],
  }),
  statementsOf({
    repository: CredentialsRepository,
    create: (pool) => new CredentialsRepository(pool),
    calls: [
      {
        method: 'insert',
        run: (r) =>
          r.insert({ id: '0123456789ab', name: 'steward', secretSha256: Buffer.alloc(32, 7), scopes: ['records:read'] }),
      },
      { method: 'find', run: (r) => r.find('0123456789ab') },
      { method: 'list', run: (r) => r.list() },
      { method: 'revoke', run: (r) => r.revoke('0123456789ab', AT) },
    ],
  }),
];
