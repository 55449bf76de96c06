import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { eventually, freePort } from '../support/environment';
import { embeddedDefaultEnv, runLgsp, StartedLgsp } from '../support/lgsp-cli';

/**
 * The README's second step, `lgsp generate` into a running `lgsp start`: every source's load arrives at once. A record
 * decided before its citizen reached the registry is decided again when the citizen does; registry first is there to
 * spare that work (the results are the same either way). Checked on a timer alone, it let a third of the sectoral
 * records through in the second between two checks.
 */
describe('a load that reaches a running lgsp start (embedded default)', () => {
  let lgsp: StartedLgsp | undefined;
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lgsp-load-'));
  });
  afterAll(async () => {
    await lgsp?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('decides at most 5 % of its sectoral records twice', async () => {
    const port = await freePort();
    const env = embeddedDefaultEnv(dataDir, port);
    lgsp = new StartedLgsp(['--no-demo'], env);
    await lgsp.answer(port, '/ready');

    const generated = runLgsp(['generate', '--citizens', '5000', '--seed', '5005', '--no-progress'], env);
    expect(generated.stderr + generated.stdout).toMatch(/generated 5000 citizens/);
    const records = Number(/(\d+) ground-truth records/.exec(generated.stdout + generated.stderr)![1]);

    const db = new Client({ connectionString: `postgres://lgsp:lgsp@127.0.0.1:${port + 1}/lgsp` });
    db.on('error', () => undefined);
    await db.connect();
    try {
      const count = async () =>
        (
          await db.query(`SELECT (SELECT count(*)::int FROM reconciliation.decisions) AS decisions,
                                 (SELECT count(*)::int FROM reconciliation.results) AS results`)
        ).rows[0] as { decisions: number; results: number };
      // Every record decided, and the registry's re-decisions (which come after the citizens) done too.
      await eventually(async () => ((await count()).results === records ? true : undefined), 180_000, `${records} results`);
      const settled = await eventually(
        async () => {
          const before = await count();
          await new Promise((r) => setTimeout(r, 3000));
          const after = await count();
          return after.decisions === before.decisions ? after : undefined;
        },
        120_000,
        'the decisions to stop growing',
      );
      expect(settled.results).toBe(records);
      expect(settled.decisions - settled.results).toBeLessThanOrEqual(Math.floor(records * 0.05));
    } finally {
      await db.end();
    }
  });
});
