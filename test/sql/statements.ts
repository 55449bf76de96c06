import {
  AlertsRepository,
  DeadLettersRepository,
  MatchMetricsRepository,
  ProgressRepository,
  SnapshotsRepository,
} from '@lgsp/monitoring';
import { RegistryRepository, ResultsRepository, SectoralRecordsRepository } from '@lgsp/reconciliation';
import { CredentialsRepository, SubmissionsRepository } from '@lgsp/access';
import { CheckpointsRepository, DecisionLogRepository, DecisionReportRepository } from '@lgsp/audit';
import { AccountingRepository } from '@lgsp/accounting';
import { RecordsRepository } from '@lgsp/records';
import { CorrectionsRepository, WebhooksRepository } from '@lgsp/corrections';
import { ReplayRepository } from '@lgsp/audit';
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

const CORRECTION = '00000000-0000-4000-8000-00000000c001';
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
      { method: 'estimatedSize', run: (r, sql) => r.estimatedSize(sql) },
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
    repository: AccountingRepository,
    create: (pool) => new AccountingRepository(pool),
    calls: [
      { method: 'storedStates', run: (r) => r.storedStates() },
      { method: 'decisions', run: (r) => r.decisions() },
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
    repository: SubmissionsRepository,
    create: (pool) => new SubmissionsRepository(pool),
    calls: [
      {
        method: 'claim',
        run: (r, pool) =>
          r.claim(pool, [
            {
              credentialId: '0123456789ab',
              idempotencyKey: 'k-1',
              bodySha256: Buffer.alloc(32, 7),
              trackingId: '00000000-0000-4000-8000-000000000001',
              source: 'land',
              entityId: '24133.7.1',
              status: 202,
              answer: { trackingId: '00000000-0000-4000-8000-000000000001' },
            },
          ]),
      },
      { method: 'answers', run: (r, pool) => r.answers(pool, '0123456789ab', ['k-1', 'k-2']) },
      {
        method: 'answer',
        run: (r, pool) => r.answer(pool, '0123456789ab', 'k-1', { trackingId: '00000000-0000-4000-8000-000000000001' }),
      },
      { method: 'find', run: (r) => r.find('0123456789ab', 'k-1') },
      { method: 'byTrackingId', run: (r) => r.byTrackingId('0123456789ab', '00000000-0000-4000-8000-000000000001') },
      { method: 'latestOfRecord', run: (r) => r.latestOfRecord('0123456789ab', 'land', '24133.7.1') },
      { method: 'counts', run: (r) => r.counts('0123456789ab') },
    ],
  }),
  statementsOf({
    repository: CorrectionsRepository,
    create: (pool) => new CorrectionsRepository(pool),
    calls: [
      {
        method: 'apply',
        run: (r, sql) =>
          r.apply(
            sql,
            {
              open: [
                {
                  source: SOURCE,
                  entityId: entityId(1),
                  field: 'fullName',
                  kind: 'MISSING_DIACRITICS',
                  rule: 'name.missing-diacritics',
                  proposed: 'Nguyễn Văn An',
                  confidence: 0.95,
                  citizenId: citizenId(1),
                  provinceCode: '66',
                  communeCode: '24133',
                  openedBy: `land/${entityId(1)}/${eventId(1)}`,
                  openedSequence: 1,
                },
              ],
              close: [{ id: CORRECTION, reason: 'resolved-by-sync', closedBy: `land/${entityId(2)}/${eventId(2)}` }],
            },
            AT,
          ),
      },
      {
        method: 'liveOf',
        explain: true,
        run: (r, sql) => r.liveOf(sql, [{ source: SOURCE, entityId: entityId(1) }]),
      },
      {
        method: 'list',
        variant: 'of a submitter, by state, next page',
        explain: true,
        run: (r) =>
          r.list(
            { submittedBy: '0123456789ab' },
            { state: 'open', limit: 100, after: { openedAt: AT.toISOString(), id: CORRECTION } },
          ),
      },
      {
        method: 'list',
        variant: 'of sources and provinces, one record',
        run: (r) => r.list({ sources: [SOURCE], provinces: ['66'] }, { source: SOURCE, entityId: entityId(1), limit: 10 }),
      },
      { method: 'byId', run: (r) => r.byId({ submittedBy: '0123456789ab' }, CORRECTION) },
      {
        method: 'acknowledge',
        run: (r) =>
          r.acknowledge(
            { submittedBy: '0123456789ab' },
            CORRECTION,
            { status: 'rejected', reason: 'no', by: '0123456789ab' },
            AT,
          ),
      },
      { method: 'counts', run: (r) => r.counts() },
      {
        method: 'afterTransaction',
        explain: true,
        run: (r) => r.afterTransaction({ submittedBy: '0123456789ab' }, { xid: '1', id: CORRECTION }, 100),
      },
    ],
  }),
  statementsOf({
    repository: WebhooksRepository,
    create: (pool) => new WebhooksRepository(pool),
    calls: [
      { method: 'register', run: (r) => r.register('0123456789ab', 'https://example.org/hook', 'whsec_x') },
      { method: 'status', run: (r) => r.status('0123456789ab') },
      { method: 'claimDue', run: (r) => r.claimDue(30_000) },
      { method: 'delivered', run: (r) => r.delivered('0123456789ab', { xid: '1', id: CORRECTION }, 1, AT) },
      { method: 'failed', run: (r) => r.failed('0123456789ab', 'HTTP 503', AT) },
      { method: 'remove', run: (r) => r.remove('0123456789ab') },
    ],
  }),
  statementsOf({
    repository: CredentialsRepository,
    create: (pool) => new CredentialsRepository(pool),
    calls: [
      {
        method: 'insert',
        run: (r) =>
          r.insert({
            id: '0123456789ab',
            name: 'steward',
            secretSha256: Buffer.alloc(32, 7),
            scopes: ['gateway:write'],
            sources: ['land'],
            provinces: ['01', '79'],
          }),
      },
      { method: 'find', run: (r) => r.find('0123456789ab') },
      { method: 'list', run: (r) => r.list() },
      { method: 'revoke', run: (r) => r.revoke('0123456789ab', AT) },
    ],
  }),
  statementsOf({
    repository: ReplayRepository,
    create: () => new ReplayRepository(),
    calls: [
      { method: 'registryHistory', run: (r, sql) => r.registryHistory(sql, AT) },
      {
        method: 'createRun',
        run: (r, sql) =>
          r.createRun(sql, {
            runId: REPLAY_RUN,
            sources: [SOURCE],
            from: AT,
            to: AT,
            provinces: null,
            ruleSet: 'reconcile',
          }),
      },
      { method: 'writeDecisions', run: (r, sql) => r.writeDecisions(sql, REPLAY_RUN, [decision(1)]) },
      { method: 'runDecisions', run: (r, sql) => r.runDecisions(sql, REPLAY_RUN) },
      { method: 'liveDecisionsOfRun', run: (r, sql) => r.liveDecisionsOfRun(sql, REPLAY_RUN) },
      { method: 'updateRun', run: (r, sql) => r.updateRun(sql, REPLAY_RUN, { status: 'done', digest: '00' }) },
      { method: 'findRun', run: (r, sql) => r.findRun(sql, REPLAY_RUN) },
      { method: 'listRuns', run: (r, sql) => r.listRuns(sql, 50) },
      {
        method: 'liveRegistrySizes',
        run: (r, sql) => r.liveRegistrySizes(sql, [{ source: SOURCE, entityId: entityId(1), eventId: REPLAY_RUN }]),
      },
      { method: 'runCounts', run: (r, sql) => r.runCounts(sql, REPLAY_RUN) },
    ],
  }),
  statementsOf({
    repository: DecisionLogRepository,
    create: () => new DecisionLogRepository(),
    calls: [
      { method: 'page', variant: 'verifying', explain: true, run: (r, sql) => r.page(sql, 0, 50_000, false) },
      { method: 'page', variant: 'exporting', run: (r, sql) => r.page(sql, 0, 50_000, true) },
      { method: 'verifyPage', explain: true, run: (r, sql) => r.verifyPage(sql, 0, 20_000) },
      { method: 'notLogged', explain: true, run: (r, sql) => r.notLogged(sql, 1000) },
      { method: 'census', run: (r, sql) => r.census(sql) },
      { method: 'size', run: (r, sql) => r.size(sql) },
      { method: 'leaves', run: (r, sql) => r.leaves(sql, 10) },
      { method: 'find', run: (r, sql) => r.find(sql, { source: SOURCE, entityId: entityId(1) }) },
    ],
  }),
  statementsOf({
    repository: DecisionReportRepository,
    create: () => new DecisionReportRepository(),
    calls: [
      { method: 'periodCounts', explain: true, run: (r, sql) => r.periodCounts(sql, AT, new Date(AT.getTime() + 86_400_000)) },
      { method: 'decisionsIn', run: (r, sql) => r.decisionsIn(sql, AT, new Date(AT.getTime() + 86_400_000)) },
    ],
  }),
  statementsOf({
    repository: CheckpointsRepository,
    create: () => new CheckpointsRepository(),
    calls: [
      { method: 'lock', run: (r, sql) => r.lock(sql) },
      { method: 'latest', run: (r, sql) => r.latest(sql) },
      { method: 'all', run: (r, sql) => r.all(sql) },
      { method: 'leaves', run: (r, sql) => r.leaves(sql, 0, 10, 100_000) },
      {
        method: 'insert',
        run: (r, sql) =>
          r.insert(sql, {
            format: 'lgsp-decision-log-checkpoint/v1',
            size: 0,
            root: '00'.repeat(32),
            chainHead: '00'.repeat(32),
            time: AT.toISOString(),
            keyId: '0123456789abcdef',
            signature: 'c2ln',
            publicKey: 'PEM',
            frontier: [],
          }),
      },
    ],
  }),
];

/** The audit replay run the snapshot's calls write to. */
const REPLAY_RUN = '00000000-0000-4000-8000-000000000001';
