import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CitizenRecord } from '@lgsp/contracts';
import { examples } from '@lgsp/contracts';
import { launchChromium, requireChromium } from '../../../test/support/chromium';
import { eventually } from '../../../test/support/environment';
import { insuranceRecord, landParcel, personOf, publish, syncEvent } from '../../../test/support/sync-events';
import { startInstance } from './monitoring-harness';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

export const SCREENSHOT = join(__dirname, '..', '..', '..', '.lgsp', 'screenshots', 'dashboard.png');

const MAI: CitizenRecord = examples.TRAN_THI_MAI;
const HUNG: CitizenRecord = examples.NGUYEN_VAN_HUNG;

describe('dashboard in a headless browser', () => {
  let h: PipelineHarness;
  let browser: Browser | undefined;

  beforeAll(() => {
    requireChromium();
  });
  beforeEach(async () => {
    h = await pipelineOnKafka();
  });
  afterEach(async () => {
    await browser?.close();
    await h.close();
  });

  it('shows the match rates of a SQL recount, by sector and province, and the dead-letter reasons', async () => {
    const app = await startInstance(h, { consume: true });
    const citizens: CitizenRecord[] = [
      ...Array.from({ length: 12 }, (_, i) => ({ ...MAI, citizenId: `034192${String(300000 + i)}`, legacyId: null })),
      ...Array.from({ length: 8 }, (_, i) => ({ ...HUNG, citizenId: `066085${String(300000 + i)}`, legacyId: null })),
    ];
    await publish(
      h.transport,
      h.topics.sources.population,
      citizens.map((c) => syncEvent('population', c.citizenId, c)),
    );
    await eventually(
      async () => ((await h.pool.query(`SELECT 1 FROM registry.citizens`)).rowCount === 20 ? true : undefined),
      60_000,
      'registry',
    );
    await publish(
      h.transport,
      h.topics.sources.land,
      citizens.map((c, i) => {
        const id = `${c.communeCode}.7.${i + 1}`;
        return syncEvent(
          'land',
          id,
          landParcel(id, personOf(c, i % 4 === 0 ? { fullName: c.fullName.toUpperCase() + ' X' } : {})),
        );
      }),
    );
    await publish(
      h.transport,
      h.topics.sources.insurance,
      citizens
        .slice(0, 9)
        .map((c, i) => syncEvent('insurance', String(4400000000 + i), insuranceRecord(String(4400000000 + i), personOf(c)))),
    );
    const producer = await h.transport.producer();
    await producer.send(h.topics.sources.land, [{ key: 'broken', value: '{"not": "a sync event"' }]);
    await producer.disconnect();
    await eventually(
      async () =>
        (await h.pool.query(`SELECT count(*)::int AS n FROM reconciliation.results`)).rows[0].n === 29 ? true : undefined,
      60_000,
      '29 results',
    );

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    await page.goto(`${app.url}/`);
    expect(page.url()).toBe(`${app.url}/dashboard`);
    await page.waitForSelector('#status[data-loaded="true"]', { timeout: 20_000 }).catch(async (e: Error) => {
      throw new Error(
        `${e.message}\nstatus: ${await page.locator('#status').textContent()}\npage errors: ${pageErrors.join('\n')}`,
      );
    });
    await page.waitForSelector('[data-testid="dead-letters"] tr[data-reason="INVALID_JSON"]', { timeout: 30_000 });

    const sql = await h.pool.query(
      `SELECT source, province_code, count(*)::int AS total, count(*) FILTER (WHERE outcome = 'MATCHED')::int AS matched
       FROM reconciliation.results GROUP BY ROLLUP (source, province_code)`,
    );
    const text = (id: string) => page.locator(`[data-testid="${id}"]`).textContent();
    for (const row of sql.rows.filter((r) => r.source !== null && r.province_code === null)) {
      expect(await text(`source-${row.source}-total`)).toBe(String(row.total));
      expect(await text(`source-${row.source}-matched`)).toBe(String(row.matched));
      expect(await text(`source-${row.source}-report`)).toMatch(new RegExp(`%: ${row.matched} of ${row.total} `));
    }
    for (const row of sql.rows.filter((r) => r.source !== null && r.province_code !== null)) {
      const cell = page.locator(`[data-testid="province-${row.province_code}-${row.source}"]`);
      expect(await cell.getAttribute('data-total')).toBe(String(row.total));
      expect(await cell.getAttribute('data-matched')).toBe(String(row.matched));
    }
    const reasons = await page.locator('[data-testid="dead-letters"] tr').allTextContents();
    expect(reasons.join('\n')).toContain('INVALID_JSON');
    // The charts are Chart.js instances.
    expect(await page.evaluate(() => (globalThis as unknown as { Chart: { instances: object } }).Chart.instances)).toBeTruthy();
    const body = await page.locator('body').textContent();
    for (const c of citizens) expect(body).not.toContain(c.citizenId);
    expect(body).not.toContain(MAI.fullName);

    expect(pageErrors).toEqual([]);
    // Let the charts gather a few points, then keep a picture of it.
    await page.waitForTimeout(2500);
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});
