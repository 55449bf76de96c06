import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { examples } from '@lgsp/contracts';
import { kafkaBrokers } from '../../../test/support/environment';
import { landParcel, namesakesOf, parcelEventsOf, personOf, publish, syncEvent } from '../../../test/support/sync-events';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

const LGSP = join(__dirname, '..', '..', '..', 'bin', 'lgsp.js');

/** `lgsp verify-accounting --json` on the harness's deployment; its exit status and its JSON answer. */
function verifyAccounting(h: PipelineHarness, extra: string[] = [], databaseUrl = h.db.scratch.url) {
  const prefix = h.topics.results.replace(/\.results$/, '');
  const r = spawnSync(
    process.execPath,
    [
      LGSP,
      'verify-accounting',
      '--json',
      '--transport',
      'kafka',
      '--brokers',
      kafkaBrokers().join(','),
      '--database-url',
      databaseUrl,
      '--topic-prefix',
      prefix,
      '--group',
      h.groupId,
      '--observe-ms',
      '500',
      ...extra,
    ],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  return { status: r.status, answer: JSON.parse(r.stdout.trim().split('\n').pop() || 'null'), stderr: r.stderr };
}

describe('lgsp verify-accounting on Kafka and PostgreSQL', () => {
  let h: PipelineHarness;
  beforeAll(async () => {
    h = await pipelineOnKafka();
  });
  afterAll(async () => {
    await h.close();
  });

  it('accounts for every event (decided, dead-lettered), then names a result that went missing', async () => {
    await h.startWorker();
    const citizens = namesakesOf(examples.TRAN_THI_MAI, 3, 500000);
    await h.loadRegistry(citizens);
    const parcels = parcelEventsOf(citizens, '07954.1');
    // A second event of the first parcel: the record must hold it, not the first.
    const update = syncEvent('land', '07954.1.1', landParcel('07954.1.1', personOf(citizens[1])), parcels[0].after);
    await publish(h.transport, h.topics.sources.land, [...parcels, update]);
    const producer = await h.transport.producer();
    await producer.send(h.topics.sources.land, [{ key: '07954.1.9', value: 'not json at all' }]);
    await producer.disconnect();
    await h.settled();

    const clean = verifyAccounting(h, ['--wait', '60']);
    expect(clean.stderr).not.toContain('could not check');
    expect(clean.answer).toMatchObject({
      status: 'clean',
      summary: { clean: true, events: 8, decided: 7, deadLettered: 1, pending: 0, missing: 0 },
      report: { missing: [], duplicated: [], unpublished: [], stuck: [] },
    });
    expect(clean.status).toBe(0);

    // A record whose current result vanished is a discrepancy, named by its latest event's place.
    await h.pool.query(`DELETE FROM reconciliation.results WHERE source = 'land' AND entity_id = '07954.1.1'`);
    const broken = verifyAccounting(h);
    expect(broken.status).toBe(1);
    expect(broken.answer.status).toBe('discrepancy');
    expect(broken.answer.report.missing).toEqual([
      expect.objectContaining({ topic: h.topics.sources.land, why: 'no-current-result', entityId: '07954.1.1' }),
    ]);
  });

  it('says it could not check, why and what to do, with exit status 2', () => {
    const r = verifyAccounting(h, [], 'postgres://postgres@127.0.0.1:1/none');
    expect(r.status).toBe(2);
    expect(r.answer).toMatchObject({
      status: 'unchecked',
      cause: expect.stringContaining('cannot open'),
      next: expect.any(String),
    });
  });
});
