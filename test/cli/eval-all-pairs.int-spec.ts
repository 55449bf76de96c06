import { databaseServerUrl, kafkaBrokers } from '../support/environment';
import { runLgsp } from '../support/lgsp-cli';

/**
 * `lgsp eval` on Kafka + PostgreSQL at a small size: the all-pairs reference (every findable record
 * ranked against every citizen by the pipeline's own ranking) is reported beside the pipeline's
 * candidates, and can only find as many or more.
 */
describe('lgsp eval: the all-pairs reference', () => {
  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: databaseServerUrl(),
    LGSP_TRANSPORT: 'kafka',
    KAFKA_BROKERS: kafkaBrokers().join(','),
    LOG_LEVEL: 'warn',
  });
  const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!);

  it('reports blocking against all pairs, overall and per kind, on the same findable records', () => {
    // A wrong ID for one record in ten: enough findable records on a small registry to compare per kind.
    const run = runLgsp(['eval', '--citizens', '1200', '--seed', '3', '--dirt', 'UNKNOWN_ID=0.1', '--json'], env());
    if (run.status !== 0) throw new Error(`lgsp eval exited ${run.status}:\n${run.stderr.slice(-4000)}`);
    const r = lastJson(run.stdout);
    const a = r.allPairs;
    expect(a).not.toBeNull();
    expect(a.citizens).toBe(1200);
    expect(a.records).toBe(r.candidateRecords);
    expect(a.records).toBeGreaterThan(100);
    // The blocking side is the pipeline's own candidates, as the accuracy report counts them.
    expect(a.blocking.top1 / a.records).toBeCloseTo(r.candidateTop1, 10);
    expect(a.blocking.recall3 / a.records).toBeCloseTo(r.candidateRecall3, 10);
    expect(Object.keys(a.byKind).sort()).toEqual(Object.keys(r.candidatesByKind).sort());
    for (const [kind, k] of Object.entries<{ blocking: object }>(a.byKind)) expect(k.blocking).toEqual(r.candidatesByKind[kind]);
    expect(Object.keys(a.byCombination).sort()).toEqual(Object.keys(r.candidatesByCombination).sort());
    for (const [combo, k] of Object.entries<{ blocking: object }>(a.byCombination))
      expect(k.blocking).toEqual(r.candidatesByCombination[combo]);
    // Scoring every pair can only find more.
    expect(a.allPairs.top1).toBeGreaterThanOrEqual(a.blocking.top1);
    expect(a.allPairs.recall3).toBeGreaterThanOrEqual(a.blocking.recall3);
    expect(a.top1LossPoints).toBeCloseTo(((a.allPairs.top1 - a.blocking.top1) * 100) / a.records, 10);
    expect(a.allowedLossPoints).toBe(1);
    expect(a.kindsOverAllowedLoss).toEqual(Object.keys(a.byKind).filter((k) => !a.byKind[k].withinAllowedLoss));
    expect(run.stdout).toMatch(/^all-pairs reference {3}top-1 \d+\.\d{3} % \(recall@3 \d+\.\d{3} %\) of \d+ findable records/m);
    expect(run.stdout).toMatch(
      /^ {2}blocking's loss {5}top-1 [+-]\d+\.\d{2} points, recall@3 [+-]\d+\.\d{2} points: (within|OVER)/m,
    );
    expect(run.stdout).toContain('blocking against all pairs per kind');
    expect(run.stdout).toMatch(/^ {2}ID_ONLY +\d+ {2}\d+\.\d{3} % \/ \d+\.\d{3} % \/ [+-]\d+\.\d{2}/m);
  }, 240_000);

  it('leaves the reference out above --all-pairs-max, and says so', () => {
    const run = runLgsp(['eval', '--citizens', '300', '--seed', '3', '--all-pairs-max', '299', '--json'], env());
    expect(run.status).toBe(0);
    expect(lastJson(run.stdout).allPairs).toBeNull();
    expect(run.stdout).toContain('all-pairs reference   not run');
  }, 240_000);
});
