import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DecisionReport } from '@lgsp/audit';
import { Decision, ResultsRepository } from '@lgsp/reconciliation';
import { Pool } from 'pg';
import { launchChromium, requireChromium } from '../support/chromium';
import { testDecision } from '../support/decisions';
import { migratedTestDatabase, TestDatabase } from '../support/environment';
import { testPool } from '../support/test-pool';

const LGSP = join(__dirname, '..', '..', 'bin', 'lgsp.js');
function decision(n: number, entityId: string, outcome: Decision['outcome'], communeCode: string): Decision {
  return testDecision(n, { entityId, outcome, communeCode, sequence: n });
}

async function lgsp(url: string, ...args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' };
  delete env.LGSP_TRANSPORT;
  return (await promisify(execFile)(process.execPath, [LGSP, 'audit', 'report', ...args], { env })).stdout;
}

/** `lgsp audit report`: the figures equal the database's, in JSON, CSV, HTML (rendered in Chromium) and PDF. */
describe('the period report', () => {
  let db: TestDatabase;
  let pool: Pool;
  const dir = mkdtempSync(join(tmpdir(), 'lgsp-report-'));

  beforeAll(async () => {
    requireChromium();
    db = await migratedTestDatabase();
    pool = testPool(db.scratch.url, 2); // idle connections the server ends (see decision-log.int-spec.ts)
    const results = new ResultsRepository();
    const at = new Date('2026-11-15T10:00:00.000Z');
    await results.record(
      pool,
      [
        decision(1, 'a', 'MATCHED', '24133'),
        decision(2, 'b', 'MATCHED', '24133'),
        decision(3, 'c', 'MISMATCHED', '24133'),
        decision(4, 'd', 'NOT_FOUND', '24121'),
      ],
      at,
    );
    // c is decided again later in the period: it counts once, at its last decision.
    await results.record(pool, [decision(5, 'c', 'MATCHED', '24133')], new Date('2026-11-20T10:00:00.000Z'));
    // outside the period
    await results.record(pool, [decision(6, 'e', 'MATCHED', '24121')], new Date('2026-12-20T10:00:00.000Z'));
  });
  afterAll(async () => {
    await pool?.end();
    await db?.close();
  });

  it('counts per outcome and match rates per province and commune equal the database’s, in the seeds’ wording', async () => {
    const report = JSON.parse(
      await lgsp(db.scratch.url, '--from', '2026-11-01', '--to', '2026-12-01', '--verify'),
    ) as DecisionReport;
    expect(report).toMatchObject({ decisions: 5, records: 4, verification: { ok: true, entries: 6 } });
    const rows = new Map(report.rows.map((r) => [`${r.provinceCode ?? ''}/${r.communeCode ?? ''}`, r]));
    expect(rows.get('/')).toMatchObject({ outcomes: { MATCHED: 3, NOT_FOUND: 1 }, report: '75.00 %: 3 of 4 land parcels' });
    expect(rows.get('66/')!.report).toBe('75.00 %: 3 of 4 land parcels');
    expect(rows.get('66/24133')!.report).toBe('100.00 %: 3 of 3 land parcels');
    expect(rows.get('66/24121')!.report).toBe('0.00 %: 0 of 1 land parcels');
    // The same figures straight from the tables.
    const db24133 = await pool.query(
      `SELECT count(*) FILTER (WHERE outcome = 'MATCHED')::int AS matched, count(*)::int AS total FROM reconciliation.results
       WHERE commune_code = '24133' AND decided_at < '2026-12-01'`,
    );
    expect(db24133.rows[0]).toEqual({ matched: rows.get('66/24133')!.matched, total: rows.get('66/24133')!.total });
  });

  it('writes the same rows as CSV', async () => {
    const csv = await lgsp(db.scratch.url, '--from', '2026-11-01', '--to', '2026-12-01', '--format', 'csv');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('level,source,province,commune,MATCHED,NOT_FOUND,matched,total,match_rate,report');
    expect(lines).toContain('commune,land,66,24133,3,0,3,3,1.000000,100.00 %: 3 of 3 land parcels');
  });

  it('renders the HTML in Chromium with the figures, and prints it to PDF', async () => {
    const htmlFile = join(dir, 'report.html');
    const pdfFile = join(dir, 'report.pdf');
    await lgsp(
      db.scratch.url,
      '--from',
      '2026-11-01',
      '--to',
      '2026-12-01',
      '--format',
      'html',
      '--out',
      htmlFile,
      '--pdf',
      pdfFile,
      '--verify',
    );
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent(readFileSync(htmlFile, 'utf8'));
      const shot = await page.screenshot({ fullPage: true });
      expect(shot.length).toBeGreaterThan(5000);
      const text = await page.locator('body').innerText();
      expect(text).toContain('75.00 %: 3 of 4 land parcels');
      expect(await page.locator('#verification').innerText()).toMatch(/^intact: 6 entries/);
      expect(await page.locator('#decisions').innerText()).toBe('5');
      // Every figure of the rendered page against the tables: the period's decision rows and records, and each
      // commune's records per outcome at their last decision in the period, with its match rate.
      const period = ['2026-11-01', '2026-12-01'];
      const totals = await pool.query(
        `SELECT count(*)::int AS decisions, count(DISTINCT (source, entity_id))::int AS records FROM reconciliation.decisions
         WHERE decided_at >= $1 AND decided_at < $2`,
        period,
      );
      expect(await page.locator('#decisions').innerText()).toBe(String(totals.rows[0].decisions));
      expect(await page.locator('#records').innerText()).toMatch(new RegExp(`^${totals.rows[0].records} `));
      const communes = await pool.query(
        `SELECT r.commune_code, count(*) FILTER (WHERE l.outcome = 'MATCHED')::int AS matched, count(*)::int AS total,
           count(*) FILTER (WHERE l.outcome = 'NOT_FOUND')::int AS not_found
         FROM (SELECT DISTINCT ON (source, entity_id) source, entity_id, outcome FROM reconciliation.decisions
               WHERE decided_at >= $1 AND decided_at < $2 ORDER BY source, entity_id, decided_at DESC, id DESC) l
         JOIN reconciliation.results r USING (source, entity_id) GROUP BY 1 ORDER BY 1`,
        period,
      );
      const rendered = await page.locator('tr.commune').allInnerTexts();
      expect(rendered.length).toBe(communes.rows.length);
      for (const c of communes.rows) {
        const cells = rendered.find((r) => r.split('\t')[2] === c.commune_code)!.split('\t');
        // source, province, commune, MATCHED, NOT_FOUND, match rate
        expect(cells.slice(3)).toEqual([
          String(c.matched),
          String(c.not_found),
          `${(Math.floor((c.matched * 10000) / c.total) / 100).toFixed(2)} %: ${c.matched} of ${c.total} land parcels`,
        ]);
      }
      await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
      expect(statSync(join(dir, 'report.png')).size).toBeGreaterThan(5000);
    } finally {
      await browser.close();
    }
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    expect(statSync(pdfFile).size).toBeGreaterThan(1000);
  });
});
