/**
 * The dashboard's browser script: polls the REST API and renders with textContent only (dom.ts: nothing from the
 * API is ever parsed as HTML). Charts are Chart.js, loaded by the page as its UMD build (the global `Chart`). The API's
 * response types come from its schemas, so a renamed field fails the typecheck here too.
 */
import type { Chart as ChartJs } from 'chart.js';
import type { Alert, DeadLetter, MatchRate, SeriesPoint, Snapshot } from '../../api/response-schemas';
import { byId, el, fill, fixed, get, num, row } from './dom.js';

declare const Chart: typeof ChartJs;

type Source = SeriesPoint['sources'][number]['source'];
// The page lists the sources, from the contract's lists (dashboard-page.ts): this script does not repeat them.
const listed = (name: 'sources' | 'sectors') => (document.body.dataset[name] ?? '').split(' ').filter(Boolean) as Source[];
const SOURCES = listed('sources');
const SECTORS = listed('sectors');
const COLOURS: Record<Source, string> = { population: '#7a5195', land: '#2f7d32', insurance: '#1565c0', business: '#ef6c00' };
const REFRESH_MS = Number(new URLSearchParams(location.search).get('refresh')) || 2000;
const charts = new Map<string, ChartJs<'line', (number | null)[], string>>();

type SeriesSource = SeriesPoint['sources'][number];

const percent = (rate: number | null) => (rate === null ? '–' : `${(Math.floor(rate * 10000) / 100).toFixed(2)} %`);

function renderSources(rates: MatchRate[]): void {
  byId('sources').replaceChildren(
    ...SECTORS.map((s) => {
      const r = rates.find((x) => x.source === s) ?? { matched: 0, total: 0, rate: null, report: 'no results yet' };
      const card = el('div', null, { class: 'card', 'data-testid': `source-${s}` });
      card.appendChild(el('h3', s));
      card.appendChild(el('div', percent(r.rate), { class: 'rate', 'data-testid': `source-${s}-rate` }));
      card.appendChild(el('div', r.report, { class: 'report', 'data-testid': `source-${s}-report` }));
      const counts = el('div', null, { class: 'report' });
      counts.appendChild(el('span', 'matched '));
      counts.appendChild(el('b', r.matched, { 'data-testid': `source-${s}-matched` }));
      counts.appendChild(el('span', ' of '));
      counts.appendChild(el('b', r.total, { 'data-testid': `source-${s}-total` }));
      card.appendChild(counts);
      return card;
    }),
  );
}

function renderProvinces(rates: MatchRate[]): void {
  const byProvince = new Map<string, { name: string | null; cells: Map<string, MatchRate> }>();
  for (const r of rates) {
    const code = String(r.provinceCode);
    const p = byProvince.get(code) ?? { name: r.provinceName, cells: new Map() };
    p.cells.set(r.source, r);
    byProvince.set(code, p);
  }
  const rows = [...byProvince.keys()].sort().map((code) => {
    const p = byProvince.get(code)!;
    return row([
      el('td', `${code} ${p.name ?? ''}`),
      ...SECTORS.map((s) => {
        const r = p.cells.get(s);
        return el('td', r ? `${percent(r.rate)} (${r.matched} of ${r.total})` : '–', {
          'data-testid': `province-${code}-${s}`,
          'data-matched': r ? String(r.matched) : '0',
          'data-total': r ? String(r.total) : '0',
        });
      }),
    ]);
  });
  fill('provinces', rows, 4);
}

function renderLag(lag: Snapshot): void {
  const sources = lag.sources.map((s) =>
    row([
      el('td', s.source),
      num(s.offsetLag, { 'data-testid': `lag-${s.source}` }),
      el('td', fixed(s.eventTimeLagSeconds, 1), { 'data-testid': `event-lag-${s.source}` }),
      el('td', fixed(s.throughput, 1)),
      num(s.processed),
      num(s.deadLettered, { 'data-testid': `dead-lettered-${s.source}` }),
      el('td', `${fixed(s.latency.p50, 2)} / ${fixed(s.latency.p95, 2)} / ${fixed(s.latency.p99, 2)}`),
    ]),
  );
  fill('lag', sources, 7);
  const partitions = lag.partitions.map((p) =>
    row([
      el('td', p.topic),
      num(p.partition),
      num(p.logEnd),
      num(p.committed),
      num(p.offsetLag),
      el('td', fixed(p.eventTimeLagSeconds, 1)),
    ]),
  );
  fill('partitions', partitions, 6);
}

function renderAlerts(alerts: Alert[]): void {
  const rows = alerts.map((a) =>
    row([el('td', a.kind), el('td', a.subject), el('td', new Date(a.openedAt).toLocaleTimeString()), el('td', a.message)], {
      class: 'alert-row',
      'data-kind': a.kind,
      'data-subject': a.subject,
    }),
  );
  fill('alerts', rows, 4);
}

function renderDeadLetters(entries: DeadLetter[]): void {
  const rows = entries.map((d) =>
    row(
      [
        el('td', d.failedAt ? new Date(d.failedAt).toLocaleString() : '–'),
        el('td', `${d.sourceTopic ?? '?'} #${d.sourcePartition} @${d.sourceOffset}`),
        el('td', d.reasonKind),
        el('td', d.violations.map((v) => `${v.path || '/'} ${v.keyword}`).join(', ')),
        // What an integrator asking about a change holds; '–' where the message could not be parsed.
        el('td', `${d.eventId ?? '–'} / ${d.traceId ?? '–'}`),
      ],
      { 'data-reason': d.reasonKind },
    ),
  );
  fill('dead-letters', rows, 5);
}

function chart(id: string, series: SeriesPoint[], pick: (x: SeriesSource) => number | null): void {
  const datasets = SOURCES.map((s) => ({
    label: s,
    borderColor: COLOURS[s],
    backgroundColor: COLOURS[s],
    pointRadius: 0,
    tension: 0.2,
    data: series.map((p) => {
      const x = p.sources.find((q) => q.source === s);
      return x ? pick(x) : null;
    }),
  }));
  const labels = series.map((p) => new Date(p.at).toLocaleTimeString());
  const existing = charts.get(id);
  if (!existing) {
    const canvas = byId(id) as HTMLCanvasElement;
    charts.set(
      id,
      new Chart(canvas, {
        type: 'line',
        data: { labels, datasets },
        options: {
          animation: false,
          responsive: true,
          scales: { y: { beginAtZero: true } },
          plugins: { legend: { position: 'bottom' } },
        },
      }),
    );
    return;
  }
  existing.data.labels = labels;
  existing.data.datasets.forEach((d, i) => (d.data = datasets[i].data));
  existing.update();
}

async function refresh(): Promise<void> {
  try {
    const [bySource, byProvince, lag, series, alerts, deadLetters] = await Promise.all([
      get<MatchRate[]>('/api/match-rates?groupBy=source'),
      get<MatchRate[]>('/api/match-rates?groupBy=province'),
      get<Snapshot>('/api/lag'),
      get<SeriesPoint[]>('/api/series?minutes=15'),
      get<Alert[]>('/api/alerts'),
      get<DeadLetter[]>('/api/dead-letters?limit=50'),
    ]);
    renderSources(bySource);
    renderProvinces(byProvince);
    renderLag(lag);
    chart('lag-chart', series, (x) => x.offsetLag);
    chart('throughput-chart', series, (x) => x.throughput);
    chart('event-lag-chart', series, (x) => x.eventTimeLagSeconds);
    renderAlerts(alerts);
    renderDeadLetters(deadLetters);
    const status = byId('status');
    status.textContent = `updated ${new Date().toLocaleTimeString()}`;
    status.setAttribute('data-loaded', 'true');
  } catch (e) {
    byId('status').textContent = `error: ${e instanceof Error ? e.message : String(e)}`;
  }
  setTimeout(() => void refresh(), REFRESH_MS);
}

void refresh();
