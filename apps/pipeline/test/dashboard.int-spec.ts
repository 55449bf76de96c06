import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CitizenRecord } from '@lgsp/contracts';
import { examples } from '@lgsp/contracts';
import { launchChromium, requireChromium } from '../../../test/support/chromium';
import { eventually, registryHolds } from '../../../test/support/environment';
import { insuranceRecord, landParcel, personOf, publish, registryEvents, syncEvent } from '../../../test/support/sync-events';
import { startInstance } from './monitoring-harness';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

const SHOTS = join(__dirname, '..', '..', '..', '.lgsp', 'screenshots');
export const SCREENSHOT = join(SHOTS, 'dashboard.png');

const MAI: CitizenRecord = examples.TRAN_THI_MAI;
const HUNG: CitizenRecord = examples.NGUYEN_VAN_HUNG;

/** The little of the DOM the page functions use (the tests compile without the DOM lib). */
interface DomLike {
  document: {
    querySelector(s: string): { getAttribute(a: string): string | null } | null;
    documentElement: { scrollWidth: number };
    body: { scrollWidth: number };
  };
}

/** Waits until the element's raw figure (data-value) is `value`. */
async function figure(page: Page, testId: string, value: number): Promise<void> {
  await page
    .waitForFunction(
      ([id, v]) =>
        (globalThis as unknown as DomLike).document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') === v,
      [testId, String(value)] as const,
      { timeout: 30_000 },
    )
    .catch(async (e: Error) => {
      const now = await page.locator(`[data-testid="${testId}"]`).getAttribute('data-value');
      throw new Error(`${e.message}\n${testId} shows ${now}, expected ${value}`);
    });
}

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

  it('starts on an empty state with the next command, then shows the SQL recount summary first, ranked provinces with their communes, field quality, and follows new events', async () => {
    const app = await startInstance(h, { consume: true });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    await page.goto(`${app.url}/`);
    expect(page.url()).toBe(`${app.url}/dashboard`);
    await page.goto(`${app.url}/dashboard?refresh=500`);
    await page.waitForSelector('#status[data-loaded="true"]', { timeout: 20_000 }).catch(async (e: Error) => {
      throw new Error(
        `${e.message}\nstatus: ${await page.locator('#status').textContent()}\npage errors: ${pageErrors.join('\n')}`,
      );
    });
    // Nothing yet: the page says what to run next.
    expect(await page.locator('[data-testid="empty"]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="empty"]').textContent()).toContain('npx lgsp generate --citizens 5000');
    expect(await page.locator('[data-testid="summary-records"]').textContent()).toBe('0');
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'dashboard-empty.png') });
    const citizens: CitizenRecord[] = [
      ...Array.from({ length: 12 }, (_, i) => ({ ...MAI, citizenId: `034192${String(300000 + i)}`, legacyId: null })),
      ...Array.from({ length: 8 }, (_, i) => ({ ...HUNG, citizenId: `066085${String(300000 + i)}`, legacyId: null })),
    ];
    await publish(h.transport, h.topics.sources.population, registryEvents(citizens));
    await registryHolds(h.pool, 20);
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

    await figure(page, 'summary-records', 29);
    await page.waitForSelector('[data-testid="dead-letters"] tr[data-reason="INVALID_JSON"]', { timeout: 30_000 });

    const sql = await h.pool.query(
      `SELECT source, province_code, count(*)::int AS total, count(*) FILTER (WHERE outcome = 'MATCHED')::int AS matched
       FROM reconciliation.results GROUP BY ROLLUP (source, province_code)`,
    );
    const text = (id: string) => page.locator(`[data-testid="${id}"]`).textContent();
    for (const row of sql.rows.filter((r) => r.source !== null && r.province_code === null)) {
      const attr = (id: string) => page.locator(`[data-testid="${id}"]`).getAttribute('data-value');
      expect(await attr(`source-${row.source}-total`)).toBe(String(row.total));
      expect(await attr(`source-${row.source}-matched`)).toBe(String(row.matched));
      expect(await text(`source-${row.source}-report`)).toMatch(new RegExp(`%: ${row.matched} of ${row.total} `));
    }
    for (const row of sql.rows.filter((r) => r.source !== null && r.province_code !== null)) {
      const cell = page.locator(`[data-testid="province-${row.province_code}-${row.source}"]`);
      expect(await cell.getAttribute('data-total')).toBe(String(row.total));
      expect(await cell.getAttribute('data-matched')).toBe(String(row.matched));
    }
    // Summary first: records, match rate, lag, dead letters, alerts; the empty state gone.
    const all = sql.rows.find((r) => r.source === null)!;
    expect(await page.locator('[data-testid="summary-rate"]').textContent()).toBe(
      `${(Math.floor((all.matched / all.total) * 10000) / 100).toFixed(2)} %`,
    );
    await figure(page, 'summary-dead-letters', 1);
    expect(await page.locator('[data-testid="empty"]').isVisible()).toBe(false);
    const order = await page.locator('main > section').evaluateAll((s) => s.map((x) => x.querySelector('h2')?.textContent));
    expect(order.slice(0, 2)).toEqual(['No sync events yet', 'Summary']);
    // The partition table (one row per partition of every topic) is there but collapsed.
    expect(await page.locator('[data-testid="partitions"] tr').count()).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="partitions-details"]').getAttribute('open')).toBeNull();
    expect(await page.locator('[data-testid="partitions"]').isVisible()).toBe(false);

    // Ranked bars: the sector's provinces lowest first; a click drills down to communes that add up to the province.
    const bars = page.locator('[data-testid="ranking"] [data-testid^="rank-province-"]');
    const landProvinces = sql.rows.filter((r) => r.source === 'land' && r.province_code !== null);
    expect(await bars.count()).toBe(landProvinces.length);
    const ranked = await bars.evaluateAll((b) =>
      b.map((x) => Number(x.getAttribute('data-matched')) / Number(x.getAttribute('data-total'))),
    );
    expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
    const first = bars.first();
    const province = { matched: await first.getAttribute('data-matched'), total: await first.getAttribute('data-total') };
    await first.click();
    await page.waitForSelector('[data-testid="ranking"][data-level="commune"] [data-testid^="rank-commune-"]');
    const communes = await page
      .locator('[data-testid^="rank-commune-"]')
      .evaluateAll((b) => b.map((x) => [Number(x.getAttribute('data-matched')), Number(x.getAttribute('data-total'))]));
    expect({
      matched: String(communes.reduce((n, c) => n + c[0], 0)),
      total: String(communes.reduce((n, c) => n + c[1], 0)),
    }).toEqual(province);
    await page.locator('[data-testid="ranking-back"]').click();
    await page.waitForSelector('[data-testid="ranking"][data-level="province"]');
    // A bad drill-down parameter is a problem naming the field.
    const bad = await fetch(`${app.url}/api/match-rates?groupBy=commune&province=1`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await bad.json())).toContain('province');

    // Corrections back to the source: one per mismatched field, counted per sector and commune as the SQL counts them.
    const corrections = await h.pool.query(
      `SELECT source, commune_code, count(*) FILTER (WHERE state = 'open')::int AS open, count(*)::int AS total
         FROM corrections.corrections GROUP BY 1, 2`,
    );
    const openCorrections = corrections.rows.reduce((n, r) => n + r.open, 0);
    expect(openCorrections).toBeGreaterThan(0);
    await figure(page, 'summary-corrections', openCorrections);
    for (const r of corrections.rows) {
      const cells = page.locator(`[data-testid="corrections-${r.source}-${r.commune_code}"] td[data-state]`);
      expect(await cells.evaluateAll((c) => c.map((x) => [x.getAttribute('data-state'), x.getAttribute('data-value')]))).toEqual([
        ['open', String(r.open)],
        ['applied', '0'],
        ['rejected', '0'],
        ['closed', String(r.total - r.open)],
      ]);
    }

    // Field quality and the kinds of difference per source: the upper-cased names of one parcel in four show.
    await page.waitForSelector('[data-testid="quality-land"] tr[data-field]');
    expect(await page.locator('[data-testid="mismatch-kinds-land"]').textContent()).not.toBe('no differences found');

    // Thousands separators: the pages' one formatter, and no bare run of four digits in any figure shown.
    // A string, not a function: TypeScript would turn a function's dynamic import into a require.
    expect(await page.evaluate("import('/dashboard/dom.js').then((m) => m.count(1234567))")).toBe('1,234,567');
    const figures = await page
      .locator('td.num, .tile b, .bar-count, .bar-value, .kinds, [data-testid$="-total"], [data-testid$="-matched"]')
      .allTextContents();
    expect(figures.length).toBeGreaterThan(20);
    expect(figures.filter((f) => /\d{4}/.test(f))).toEqual([]);

    const reasons = await page.locator('[data-testid="dead-letters"] tr').allTextContents();
    expect(reasons.join('\n')).toContain('INVALID_JSON');
    // The charts are Chart.js instances.
    expect(await page.evaluate(() => (globalThis as unknown as { Chart: { instances: object } }).Chart.instances)).toBeTruthy();
    const body = await page.locator('body').textContent();
    for (const c of citizens) expect(body).not.toContain(c.citizenId);
    expect(body).not.toContain(MAI.fullName);

    // Each chart's axis is set from the recent points (scale.ts, unit-tested), and says so.
    expect(Number(await page.locator('#throughput-chart').getAttribute('data-y-max'))).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-testid="throughput-chart-scale"]').textContent()).toContain('the last few minutes');
    // New events move the figures without a reload.
    await publish(
      h.transport,
      h.topics.sources.land,
      citizens.slice(0, 6).map((c, i) => {
        const id = `${c.communeCode}.8.${i + 1}`;
        return syncEvent('land', id, landParcel(id, personOf(c)));
      }),
    );
    await figure(page, 'summary-records', 35);
    await figure(page, 'source-land-total', 26);

    expect(pageErrors).toEqual([]);
    // Let the charts gather a few points, then keep a picture of it.
    await page.waitForTimeout(2500);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, 'dashboard-top.png') });
    expect(existsSync(SCREENSHOT)).toBe(true);

    // Down to 400 px: one column, and nothing wider than the screen.
    await page.setViewportSize({ width: 400, height: 900 });
    await page.waitForTimeout(500);
    expect(
      await page.evaluate(() => (globalThis as unknown as DomLike).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(400);
    expect(await page.evaluate(() => (globalThis as unknown as DomLike).document.body.scrollWidth)).toBeLessThanOrEqual(400);
    await page.screenshot({ path: join(SHOTS, 'dashboard-400.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
