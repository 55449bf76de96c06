import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Credentials, CredentialsRepository } from '@lgsp/access';
import type { CitizenRecord } from '@lgsp/contracts';
import { examples } from '@lgsp/contracts';
import type { RecordStatus } from '@lgsp/records';
import { launchChromium, requireChromium } from '../../../test/support/chromium';
import { eventually } from '../../../test/support/environment';
import { landParcel, personOf, publish, syncEvent } from '../../../test/support/sync-events';
import type { RunningPipeline } from '../src/pipeline';
import { startInstance } from './monitoring-harness';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

const SCREENSHOT = join(__dirname, '..', '..', '..', '.lgsp', 'screenshots', 'record.png');

const HUNG: CitizenRecord = examples.NGUYEN_VAN_HUNG;
const MAI: CitizenRecord = examples.TRAN_THI_MAI;

type ChartData = { labels: string[]; datasets: { label: string; data: number[] }[] };

/** The data a Chart.js chart of the page holds. */
function chartData(page: Page, canvasId: string): Promise<ChartData> {
  return page.evaluate((id) => {
    // Runs in the page: its globals, typed here by hand (the tests compile without the DOM lib).
    const page = globalThis as unknown as {
      Chart: { getChart(canvas: unknown): { data: unknown } | undefined };
      document: { getElementById(id: string): unknown };
    };
    const chart = page.Chart.getChart(page.document.getElementById(id));
    return JSON.parse(JSON.stringify(chart?.data ?? null)) as never;
  }, canvasId);
}

describe("a record's explanation in the dashboard, in a headless browser", () => {
  let h: PipelineHarness;
  let app: RunningPipeline;
  let browser: Browser;
  let key: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    requireChromium();
    h = await pipelineOnKafka();
    app = await startInstance(h, { consume: true });
    key = (await new Credentials(new CredentialsRepository(h.pool)).create('record-page-test')).key;
    await h.loadRegistry([HUNG, MAI]);
    await publish(h.transport, h.topics.sources.land, [
      syncEvent('land', '24133.7.1', landParcel('24133.7.1', personOf(HUNG, { fullName: 'Nguyen Van Hung' }))),
      syncEvent(
        'land',
        '12460.7.3',
        landParcel('12460.7.3', personOf(MAI, { citizenId: '034192999999', fullName: 'Trần Thị Mây' })),
      ),
    ]);
    await eventually(
      async () => ((await h.pool.query(`SELECT 1 FROM reconciliation.results`)).rowCount === 2 ? true : undefined),
      60_000,
      '2 results',
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function explain(entityId: string, apiKey = key): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${app.url}/dashboard/record?source=land&entityId=${encodeURIComponent(entityId)}`);
    await page.fill('[data-testid="api-key"]', apiKey);
    await page.click('[data-testid="explain"]');
    await page.waitForSelector('#status[data-loaded="true"], #status[data-error="true"]', { timeout: 20_000 });
    return page;
  }

  async function apiStatus(entityId: string): Promise<RecordStatus> {
    const r = await fetch(`${app.url}/api/records/land/${entityId}`, { headers: { authorization: `Bearer ${key}` } });
    return (await r.json()) as RecordStatus;
  }

  it('shows each difference with the rule that found it and charts the confidence of its correction', async () => {
    const page = await explain('24133.7.1');
    expect(await page.locator('[data-testid="outcome"]').textContent()).toBe('MISMATCHED');
    const rows = page.locator('[data-testid="differences"] tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-rule')).toBe('name.missing-diacritics');
    expect(await rows.first().textContent()).toContain(HUNG.fullName);
    const confidence = await chartData(page, 'confidence-chart');
    const expected = (await apiStatus('24133.7.1')).current!.differences;
    expect(confidence.labels).toEqual(['fullName: name.missing-diacritics']);
    expect(confidence.datasets[0].data).toEqual(expected.map((d) => d.confidence));
    expect(await page.locator('[data-testid="history"] tr').count()).toBe(1);
    await page.close();
  });

  it("charts each candidate's Fellegi–Sunter waterfall: one segment per compared field, adding up to its weight", async () => {
    const page = await explain('12460.7.3');
    expect(await page.locator('[data-testid="outcome"]').textContent()).toMatch(/^NOT_FOUND/);
    const candidates = (await apiStatus('12460.7.3')).current!.candidates as unknown as {
      citizenId: string;
      weight: number;
      fields: { field: string; weight: number }[];
    }[];
    expect(candidates.map((c) => c.citizenId)).toContain(MAI.citizenId);
    expect(await page.locator(`[data-testid="candidates"] tr[data-citizen="${MAI.citizenId}"]`).count()).toBe(1);
    const waterfall = await chartData(page, 'waterfall-chart');
    expect(waterfall.labels).toHaveLength(candidates.length);
    expect(waterfall.datasets.map((d) => d.label).sort()).toEqual([...new Set(candidates[0].fields.map((f) => f.field))].sort());
    candidates.forEach((c, i) => {
      const total = waterfall.datasets.reduce((sum, d) => sum + d.data[i], 0);
      expect(total).toBeCloseTo(c.weight, 6);
    });
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    await page.close();
  });

  it('shows nothing of the record to a wrong key, and says why', async () => {
    const page = await explain('24133.7.1', 'lgsp_wrong');
    expect(await page.locator('#status').textContent()).toMatch(/HTTP 401/);
    expect(await page.locator('[data-testid="differences"]').textContent()).toBe('');
    expect(await page.locator('body').textContent()).not.toContain(HUNG.fullName);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
