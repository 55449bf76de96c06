import { generateDataset, SnapshotLoader, SOURCE_TABLES, GroundTruthRepository, summariseGroundTruth } from '@lgsp/lab';
import { SOURCE_NAMES } from '@lgsp/contracts';
import { sourceDatabase, SourceDatabase } from './source-test-support';

describe('snapshot load: reproducible digest', () => {
  let db: SourceDatabase;

  beforeAll(async () => {
    db = await sourceDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  const load = (seed: number, citizens = 600) =>
    new SnapshotLoader(db.pool, { batchSize: 250, validateEvery: 1 }).load(generateDataset({ seed, citizens, province: '66' }));

  it('gives the same digest for the same seed and sizes, and another for another seed', async () => {
    const first = await load(11);
    const again = await load(11);
    const other = await load(12);
    const bigger = await load(11, 601);
    expect(first.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(again.digest).toBe(first.digest);
    expect(again.events).toEqual(first.events);
    expect(other.digest).not.toBe(first.digest);
    expect(bigger.digest).not.toBe(first.digest);
  });

  it('holds each record once with its event, and the ground truth of every sectoral record', async () => {
    const dataset = generateDataset({ seed: 21, citizens: 500, province: 'national' });
    const result = await new SnapshotLoader(db.pool, { batchSize: 100 }).load(dataset);
    expect(result.events.population).toBe(500);
    for (const source of SOURCE_NAMES) {
      const t = SOURCE_TABLES[source];
      const records = await db.pool.query(
        `SELECT count(*)::int AS n, count(DISTINCT seq)::int AS seqs, max(seq)::int AS last FROM ${t.records}`,
      );
      const outbox = await db.pool.query(`SELECT count(*)::int AS n FROM ${t.outbox}`);
      expect(records.rows[0]).toEqual({ n: result.events[source], seqs: result.events[source], last: result.events[source] - 1 });
      expect(outbox.rows[0].n).toBe(result.events[source]);
    }
    const summary = await new GroundTruthRepository().summary(db.pool);
    expect(summary).toEqual(summariseGroundTruth(dataset.groundTruth()));
    expect(summary.records).toBe(result.groundTruth);
  });
});
