import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { Browser } from 'playwright-core';
import { Credentials, CredentialsRepository } from '@lgsp/access';
import { generateDataset } from '@lgsp/lab';
import { launchChromium, requireChromium } from '../../../test/support/chromium';
import { eventually, kafkaBrokers } from '../../../test/support/environment';
import { publish, syncEvent } from '../../../test/support/sync-events';
import type { RunningPipeline } from '../src/pipeline';
import { startInstance } from './monitoring-harness';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

const SHOTS = join(__dirname, '..', '..', '..', '.lgsp', 'screenshots');

describe('the audit page and the replay report, in a headless browser', () => {
  let h: PipelineHarness;
  let app: RunningPipeline;
  let browser: Browser;
  let key: string;
  let from: Date;
  let to: Date;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    requireChromium();
    h = await pipelineOnKafka();
    app = await startInstance(h, { consume: true });
    key = (await new Credentials(new CredentialsRepository(h.pool)).create('audit-page-test')).key;
    const dataset = generateDataset({ seed: 1818, citizens: 120, province: '66', dirt: { DUPLICATE: 0 } });
    await h.loadRegistry([...dataset.citizens()]);
    from = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await publish(
      h.transport,
      h.topics.sources.land,
      [...dataset.landParcels()].map((p) => syncEvent('land', p.parcelId, p)),
    );
    await h.settled();
    to = new Date();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('starts a replay, follows it to done with the live digest, and opens its report, whose figures are the database’s', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${app.url}/dashboard/audit`);
    await page.fill('[data-testid="api-key"]', key);
    await page.click('[data-testid="load"]');
    await page.waitForSelector('#status[data-loaded="true"]', { timeout: 20_000 });
    expect(await page.locator('#status').innerText()).toBe('0 runs');

    // A bad window is refused with the field named.
    await page.fill('[data-testid="from"]', 'yesterday');
    await page.fill('[data-testid="to"]', to.toISOString());
    await page.click('[data-testid="start"]');
    await page.waitForSelector('#status[data-error="true"]', { timeout: 20_000 });
    expect(await page.locator('#status').innerText()).toMatch(/HTTP 400.*from: /);

    await page.fill('[data-testid="from"]', from.toISOString());
    await page.uncheck('[data-testid="source-insurance"]');
    await page.uncheck('[data-testid="source-business"]');
    await page.click('[data-testid="start"]');
    await page.waitForSelector('[data-testid="run-status"]:text("done")', { timeout: 60_000 });
    const [run] = (await h.pool.query(`SELECT run_id, status, digest, live_digest, decided FROM audit_replay.runs`)).rows;
    expect(run).toMatchObject({ status: 'done', digest: run.live_digest });
    expect(await page.locator(`tr[data-run="${run.run_id}"] [data-testid="verdict"]`).innerText()).toBe('equal');
    expect(await page.locator(`tr[data-run="${run.run_id}"] [data-testid="progress"]`).getAttribute('value')).toBe('1');
    if (!existsSync(SHOTS)) mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'audit.png'), fullPage: true });

    const [report] = await Promise.all([
      page.waitForEvent('popup'),
      page.click(`tr[data-run="${run.run_id}"] [data-testid="report"]`),
    ]);
    await report.waitForSelector('#run-verdict');
    const shot = await report.screenshot({ path: join(SHOTS, 'replay-report.png'), fullPage: true });
    expect(shot.length).toBeGreaterThan(5000);
    expect(await report.locator('#run-id').innerText()).toBe(run.run_id);
    expect(await report.locator('#run-window').innerText()).toContain(`${from.toISOString()} to ${to.toISOString()}`);
    expect(await report.locator('#run-verdict').innerText()).toBe('equal: the replay gives the live decisions');
    expect(await report.locator('#run-digest').innerText()).toBe(run.digest);
    expect(await report.locator('#run-decided').innerText()).toBe(run.decided.toLocaleString('en-US'));

    // Its figures, straight from the run's rows: outcomes, and the match rate of each commune.
    const outcomes = await h.pool.query(
      `SELECT outcome, count(*)::int AS n FROM audit_replay.decisions WHERE run_id = $1 GROUP BY 1 ORDER BY 1`,
      [run.run_id],
    );
    expect(outcomes.rows.length).toBeGreaterThan(1);
    for (const { outcome, n } of outcomes.rows)
      expect(await report.locator(`#outcomes [data-outcome="${outcome}"]`).innerText()).toBe(n.toLocaleString('en-US'));
    const communes = await h.pool.query(
      `SELECT commune_code, count(*) FILTER (WHERE outcome = 'MATCHED')::int AS matched, count(*)::int AS total
       FROM audit_replay.decisions WHERE run_id = $1 GROUP BY 1 ORDER BY 1`,
      [run.run_id],
    );
    const rates = await report.locator('#rates tr.commune').allInnerTexts();
    expect(rates.length).toBe(communes.rows.length);
    for (const c of communes.rows) {
      const line = rates.find((r) => r.includes(`\t${c.commune_code}\t`));
      // The reports' wording: hundredths truncated, as formatMatchRate does.
      const hundredths = Math.floor((c.matched * 10000) / c.total);
      const percent = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
      expect(line).toContain(`${percent} %: ${c.matched.toLocaleString('en-US')} of ${c.total.toLocaleString('en-US')}`);
    }
    expect(await report.locator('#changes tbody tr').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('the report and the list need the API key', async () => {
    expect((await fetch(`${app.url}/api/audit/replays`)).status).toBe(401);
    const [run] = (await h.pool.query(`SELECT run_id FROM audit_replay.runs`)).rows;
    expect((await fetch(`${app.url}/api/audit/replays/${run.run_id}/report`)).status).toBe(401);
    const r = await fetch(`${app.url}/api/audit/replays/${run.run_id}/report`, { headers: { authorization: `Bearer ${key}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(await r.text()).toContain('<dd class="status" id="verification">not verified with this report');
    // Asked to, the report verifies the decision log: every live decision of the test is in it, intact.
    const verified = await fetch(`${app.url}/api/audit/replays/${run.run_id}/report?verify=true`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const entries = (await h.pool.query(`SELECT count(*)::int AS n FROM audit.decision_log`)).rows[0].n as number;
    expect(entries).toBeGreaterThan(0);
    expect(await verified.text()).toContain(`id="verification">intact: ${entries.toLocaleString('en-US')} entries`);
  });

  it('the Cancel button cancels a running replay: its run is kept with status cancelled, without waiting for its read', async () => {
    // Events committed in a transaction: the partition's log ends in the commit marker, which no reader receives, so
    // the replay's reading lasts until nothing has come for a while (15 s): a run that is surely running when clicked.
    const kafka = new Kafka({ brokers: kafkaBrokers(), clientId: 'lgsp-test-audit-cancel', logLevel: logLevel.NOTHING });
    const producer = kafka.producer({
      transactionalId: `lgsp-test-audit-cancel-${randomUUID()}`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const start = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const parcels = [...generateDataset({ seed: 1819, citizens: 60, province: '66' }).landParcels()].slice(0, 3);
    const events = parcels.map((p) => syncEvent('land', p.parcelId, p));
    expect(events.length).toBe(3);
    const tx = await producer.transaction();
    await tx.send({
      topic: h.topics.sources.land,
      messages: events.map((e) => ({ key: e.entityId, value: JSON.stringify(e), partition: 0 })),
    });
    await tx.commit();
    await producer.disconnect();
    const end = new Date(Date.now() + 5);

    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${app.url}/dashboard/audit`);
    await page.fill('[data-testid="api-key"]', key);
    await page.click('[data-testid="load"]');
    await page.waitForSelector('#status[data-loaded="true"]', { timeout: 20_000 });
    await page.fill('[data-testid="from"]', start.toISOString());
    await page.fill('[data-testid="to"]', end.toISOString());
    await page.setChecked('[data-testid="source-insurance"]', false);
    await page.setChecked('[data-testid="source-business"]', false);
    await page.click('[data-testid="start"]');
    const runId = await eventually(
      async () => (await h.pool.query(`SELECT run_id FROM audit_replay.runs WHERE status = 'running'`)).rows[0]?.run_id as string,
      20_000,
      'the replay running',
    );
    const row = `tr[data-run="${runId}"]`;
    await page.waitForSelector(`${row} [data-testid="cancel"]`, { timeout: 20_000 });
    const clicked = Date.now();
    await page.click(`${row} [data-testid="cancel"]`);
    await page.waitForSelector(`${row} [data-testid="run-status"]:text("cancelled")`, { timeout: 20_000 });
    // Well within the reader's 15 s of waiting: the cancel stopped the read rather than waiting for it to end.
    expect(Date.now() - clicked).toBeLessThan(8_000);
    const stored = await h.pool.query(`SELECT status, error, finished_at, digest FROM audit_replay.runs WHERE run_id = $1`, [
      runId,
    ]);
    expect(stored.rows).toEqual([{ status: 'cancelled', error: 'cancelled', finished_at: expect.any(Date), digest: null }]);
    expect(await page.locator(`${row} [data-testid="cancel"]`).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
