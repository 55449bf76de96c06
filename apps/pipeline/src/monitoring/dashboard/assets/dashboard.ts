/**
 * The dashboard's browser script: polls the REST API and renders with textContent only (dom.ts: nothing from the
 * API is ever parsed as HTML). Charts are Chart.js, loaded by the page as its UMD build (the global `Chart`). The API's
 * response types come from its schemas, so a renamed field fails the typecheck here too.
 */
import type { Chart as ChartJs } from 'chart.js';
import type {
  Alert,
  CorrectionCounts,
  DeadLetter,
  FieldQuality,
  MatchRate,
  SeriesPoint,
  Snapshot,
} from '../../api/response-schemas';
import { byId, count, el, fill, fixed, get, num, row } from './dom.js';
import { recentScale } from './scale.js';

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

const percent = (rate: number | null) => (rate === null ? '–' : `${fixed(Math.floor(rate * 10000) / 100, 2)} %`);
/** The slower panels (field quality: a scan of the current results) refresh every few rounds only. */
const SLOW_EVERY = 5;
/** The newest dead letters only: the queue's total is in the summary, the rest in /api/dead-letters. */
const DEAD_LETTERS_SHOWN = 10;
let round = 0;

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
      counts.appendChild(el('b', count(r.matched), { 'data-testid': `source-${s}-matched`, 'data-value': String(r.matched) }));
      counts.appendChild(el('span', ' of '));
      counts.appendChild(el('b', count(r.total), { 'data-testid': `source-${s}-total`, 'data-value': String(r.total) }));
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
        return el('td', r ? `${percent(r.rate)} (${count(r.matched)} of ${count(r.total)})` : '–', {
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
  byId('partition-count').textContent = count(lag.partitions.length);
}

/** Summary first: what a newcomer and an operator look at before anything else. */
function renderSummary(rates: MatchRate[], lag: Snapshot, alerts: Alert[]): void {
  const total = rates.reduce((n, r) => n + r.total, 0);
  const matched = rates.reduce((n, r) => n + r.matched, 0);
  const offsetLag = lag.sources.reduce((n, s) => n + s.offsetLag, 0);
  const eventLag = Math.max(0, ...lag.sources.map((s) => s.eventTimeLagSeconds));
  const dead = lag.sources.reduce((n, s) => n + s.deadLettered, 0);
  const processed = lag.sources.reduce((n, s) => n + s.processed, 0);
  const tile = (id: string, text: string, value: number, bad: boolean) => {
    const b = byId(id);
    b.textContent = text;
    b.setAttribute('data-value', String(value));
    b.parentElement?.classList.toggle('bad', bad);
  };
  tile('sum-records', count(total), total, false);
  tile('sum-rate', percent(total ? matched / total : null), total ? matched / total : 0, false);
  tile('sum-lag', count(offsetLag), offsetLag, offsetLag > 0 && eventLag > 60);
  byId('sum-event-lag').textContent = `newest event ${fixed(eventLag, 1)} s behind`;
  tile('sum-dead', count(dead), dead, dead > 0);
  tile('sum-alerts', count(alerts.length), alerts.length, alerts.length > 0);
  // Nothing processed and nothing decided: the page says what to run instead of showing rows of zeros.
  byId('empty').hidden = total > 0 || processed > 0 || dead > 0;
}

// Ranked bars: one sector's provinces, lowest match rate first; a click drills down to the province's communes.
let drilled: { code: string; name: string } | null = null;

function sectorChoice(): string {
  const select = byId('ranking-sector') as HTMLSelectElement;
  if (!select.options.length) {
    for (const s of SECTORS) select.appendChild(el('option', s, { value: s }));
    select.addEventListener('change', () => {
      drilled = null;
      void refreshRanking();
    });
  }
  return select.value || SECTORS[0];
}

const placeName = (r: MatchRate) =>
  r.communeCode !== null ? `${r.communeCode} ${r.communeName ?? ''}` : `${r.provinceCode} ${r.provinceName ?? ''}`;

function renderBars(rates: MatchRate[], drill: boolean): void {
  const ranked = rates
    .filter((r) => r.total > 0)
    .sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || b.total - a.total || placeName(a).localeCompare(placeName(b)));
  const rows = ranked.map((r) => {
    const bar = el(drill ? 'button' : 'div', null, {
      class: `bar-row${r.rate !== null && r.rate < 0.8 ? ' low' : ''}`,
      'data-testid': drill ? `rank-province-${r.provinceCode}` : `rank-commune-${r.communeCode}`,
      'data-matched': String(r.matched),
      'data-total': String(r.total),
      ...(drill ? { type: 'button', title: 'show its communes' } : {}),
    });
    bar.appendChild(el('span', placeName(r).trim(), { class: 'bar-name' }));
    const track = el('span', null, { class: 'bar-track' });
    const fill = el('span', null, { class: 'bar-fill' });
    // Through the CSSOM: the page's content security policy refuses inline style attributes.
    fill.style.width = `${((r.rate ?? 0) * 100).toFixed(1)}%`;
    track.appendChild(fill);
    bar.appendChild(track);
    bar.appendChild(el('span', percent(r.rate), { class: 'bar-value' }));
    bar.appendChild(el('span', `${count(r.matched)} of ${count(r.total)}`, { class: 'bar-count' }));
    if (drill && r.provinceCode !== null) {
      const target = { code: r.provinceCode, name: r.provinceName ?? '' };
      bar.addEventListener('click', () => {
        drilled = target;
        void refreshRanking();
      });
    }
    return bar;
  });
  byId('ranking').replaceChildren(...(rows.length ? rows : [el('p', 'no results yet', { class: 'empty' })]));
}

async function refreshRanking(byProvince?: MatchRate[]): Promise<void> {
  const sector = sectorChoice();
  const back = byId('ranking-back');
  if (!back.dataset.wired) {
    back.dataset.wired = 'true';
    back.addEventListener('click', () => {
      drilled = null;
      void refreshRanking();
    });
  }
  back.hidden = drilled === null;
  if (drilled) {
    byId('ranking-title').textContent = `Match rate by commune of ${drilled.code} ${drilled.name}, lowest first`;
    const q = new URLSearchParams({ groupBy: 'commune', province: drilled.code, source: sector });
    renderBars(await get<MatchRate[]>(`/api/match-rates?${q}`), false);
    byId('ranking').setAttribute('data-level', 'commune');
    return;
  }
  byId('ranking-title').textContent = 'Match rate by province, lowest first';
  const rates = byProvince ?? (await get<MatchRate[]>('/api/match-rates?groupBy=province'));
  renderBars(
    rates.filter((r) => r.source === sector),
    true,
  );
  byId('ranking').setAttribute('data-level', 'province');
}

/** Per sector: each field's completeness and validity, and the kinds of difference the matcher found. */
function renderQuality(rows: FieldQuality[]): void {
  const boxes = SECTORS.map((s) => {
    const mine = rows.filter((r) => r.source === s);
    const box = el('div', null, { 'data-testid': `quality-${s}` });
    box.appendChild(el('h3', s));
    const kinds = new Map<string, number>();
    for (const r of mine) for (const [k, n] of Object.entries(r.kinds)) kinds.set(k, (kinds.get(k) ?? 0) + n);
    const ranked = [...kinds].sort((a, b) => b[1] - a[1]);
    box.appendChild(
      el('p', ranked.length ? ranked.map(([k, n]) => `${k} ${count(n)}`).join(' · ') : 'no differences found', {
        class: 'kinds',
        'data-testid': `mismatch-kinds-${s}`,
      }),
    );
    const table = el('table');
    const head = el('thead');
    head.appendChild(row([el('th', 'field'), el('th', 'complete'), el('th', 'valid'), el('th', 'differences')]));
    table.appendChild(head);
    const body = el('tbody');
    for (const r of mine)
      body.appendChild(
        row(
          [
            el('td', r.field),
            el('td', percent(r.completeness), { class: 'num' }),
            el('td', percent(r.validity), { class: 'num' }),
            num(r.differing),
          ],
          { 'data-field': r.field },
        ),
      );
    if (!mine.length) body.appendChild(row([el('td', 'no results yet', { colspan: '4', class: 'empty' })]));
    table.appendChild(body);
    const scroll = el('div', null, { class: 'scroll' });
    scroll.appendChild(table);
    box.appendChild(scroll);
    return box;
  });
  byId('quality').replaceChildren(...boxes);
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

/** Each source's communes, most open corrections first; the tile counts what awaits the source (open). */
function renderCorrections(counts: CorrectionCounts[]): void {
  const sorted = [...counts].sort((a, b) => b.open - a.open || a.source.localeCompare(b.source));
  const figure = (n: number, name: string) => num(n, { 'data-value': String(n), 'data-state': name });
  const rows = sorted.map((c) =>
    row(
      [
        el('td', c.source),
        el('td', c.provinceCode ?? '–'),
        el('td', c.communeCode ?? '–'),
        figure(c.open, 'open'),
        figure(c.applied, 'applied'),
        figure(c.rejected, 'rejected'),
        figure(c.closed, 'closed'),
      ],
      { 'data-testid': `corrections-${c.source}-${c.communeCode ?? 'none'}` },
    ),
  );
  fill('corrections', rows, 7);
  const open = counts.reduce((n, c) => n + c.open, 0);
  const tile = byId('sum-corrections');
  tile.textContent = count(open);
  tile.setAttribute('data-value', String(open));
}

/** The y scale follows the last few minutes: a first load's peak must not flatten live traffic or hide a stop. */
const RECENT_POINTS = 60;

function scaleOf(id: string, data: (number | null)[][]): number {
  const { max, offTop } = recentScale(data, RECENT_POINTS);
  const peak = offTop === null ? '' : Number.isInteger(offTop) ? count(offTop) : fixed(offTop, 1);
  byId(`${id}-scale`).textContent = peak
    ? `scale: the last few minutes; an earlier peak of ${peak} is off the top`
    : 'scale: the last few minutes';
  byId(id).setAttribute('data-y-max', String(max));
  return max;
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
  const yMax = scaleOf(
    id,
    datasets.map((d) => d.data),
  );
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
          maintainAspectRatio: false,
          scales: {
            x: { ticks: { maxTicksLimit: 6, maxRotation: 0 } },
            y: {
              beginAtZero: true,
              max: yMax,
              ticks: { callback: (v) => (Number.isInteger(Number(v)) ? count(Number(v)) : fixed(Number(v), 1)) },
            },
          },
          plugins: { legend: { position: 'bottom' } },
        },
      }),
    );
    return;
  }
  existing.data.labels = labels;
  existing.data.datasets.forEach((d, i) => (d.data = datasets[i].data));
  const y = existing.options.scales?.y;
  if (y) y.max = yMax;
  existing.update();
}

async function refresh(): Promise<void> {
  try {
    const [bySource, byProvince, lag, series, alerts, deadLetters, corrections] = await Promise.all([
      get<MatchRate[]>('/api/match-rates?groupBy=source'),
      get<MatchRate[]>('/api/match-rates?groupBy=province'),
      get<Snapshot>('/api/lag'),
      get<SeriesPoint[]>('/api/series?minutes=15'),
      get<Alert[]>('/api/alerts'),
      get<DeadLetter[]>(`/api/dead-letters?limit=${DEAD_LETTERS_SHOWN}`),
      get<CorrectionCounts[]>('/api/corrections'),
    ]);
    renderSummary(bySource, lag, alerts);
    renderSources(bySource);
    renderProvinces(byProvince);
    await refreshRanking(byProvince);
    if (round++ % SLOW_EVERY === 0) renderQuality(await get<FieldQuality[]>('/api/field-quality'));
    renderLag(lag);
    chart('lag-chart', series, (x) => x.offsetLag);
    chart('throughput-chart', series, (x) => x.throughput);
    chart('event-lag-chart', series, (x) => x.eventTimeLagSeconds);
    renderAlerts(alerts);
    renderDeadLetters(deadLetters);
    renderCorrections(corrections);
    const status = byId('status');
    status.textContent = `updated ${new Date().toLocaleTimeString()}`;
    status.setAttribute('data-loaded', 'true');
  } catch (e) {
    byId('status').textContent = `error: ${e instanceof Error ? e.message : String(e)}`;
  }
  setTimeout(() => void refresh(), REFRESH_MS);
}

void refresh();
