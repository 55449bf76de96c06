import { SECTORAL_SOURCES, SOURCE_NAMES } from '@lgsp/contracts';

/**
 * The dashboard page. Static: the script fills it from the REST API. Everything shown is
 * aggregated per source, province, commune or partition: no personal data reaches it.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LGSP pipeline: match rates and sync lag</title>
<link rel="stylesheet" href="/dashboard/dashboard.css">
<script src="/dashboard/chart.umd.min.js"></script>
</head>
<body data-sources="${SOURCE_NAMES.join(' ')}" data-sectors="${SECTORAL_SOURCES.join(' ')}">
<header>
  <h1>LGSP pipeline</h1>
  <span id="status" data-testid="status">loading…</span>
  <nav><a href="/dashboard/record">Explain a record</a> · <a href="/api/docs">API</a> · <a href="/metrics">/metrics</a> · <a href="/ready">/ready</a></nav>
</header>
<main>
  <section>
    <h2>Match rates by sector</h2>
    <div id="sources" class="cards" data-testid="sources"></div>
  </section>
  <section>
    <h2>Open alerts</h2>
    <table><thead><tr><th>kind</th><th>subject</th><th>since</th><th>message</th></tr></thead>
    <tbody id="alerts" data-testid="alerts"></tbody></table>
  </section>
  <section class="charts">
    <div><h2>Consumer lag (messages)</h2><canvas id="lag-chart" height="180"></canvas></div>
    <div><h2>Throughput (messages/s)</h2><canvas id="throughput-chart" height="180"></canvas></div>
    <div><h2>Event-time lag (s)</h2><canvas id="event-lag-chart" height="180"></canvas></div>
  </section>
  <section>
    <h2>Sync lag per source</h2>
    <table><thead><tr><th>source</th><th>offset lag</th><th>event-time lag (s)</th><th>throughput (msg/s)</th>
      <th>processed</th><th>dead-lettered</th><th>latency p50 / p95 / p99 (s)</th></tr></thead>
    <tbody id="lag" data-testid="lag"></tbody></table>
  </section>
  <section>
    <h2>Match rates by province and sector</h2>
    <table><thead><tr><th>province</th><th>land</th><th>insurance</th><th>business</th></tr></thead>
    <tbody id="provinces" data-testid="provinces"></tbody></table>
  </section>
  <section>
    <h2>Partitions</h2>
    <table><thead><tr><th>topic</th><th>partition</th><th>log end</th><th>committed</th><th>offset lag</th><th>event-time lag (s)</th></tr></thead>
    <tbody id="partitions"></tbody></table>
  </section>
  <section>
    <h2>Dead-letter queue</h2>
    <table><thead><tr><th>failed at</th><th>from</th><th>reason</th><th>where (JSON paths)</th><th>event / trace</th></tr></thead>
    <tbody id="dead-letters" data-testid="dead-letters"></tbody></table>
  </section>
</main>
<script type="module" src="/dashboard/dashboard.js"></script>
</body>
</html>
`;

export const DASHBOARD_CSS = `
body { font-family: system-ui, sans-serif; margin: 0; color: #1d2733; background: #f4f6f8; }
header { display: flex; gap: 1.5rem; align-items: baseline; padding: .6rem 1.2rem; background: #0b3d6b; color: #fff; }
header h1 { font-size: 1.2rem; margin: 0; } header a { color: #cfe3ff; }
main { padding: .8rem 1.2rem; display: grid; gap: 1rem; }
section { background: #fff; border-radius: 6px; padding: .6rem 1rem; box-shadow: 0 1px 2px #0002; }
h2 { font-size: 1rem; margin: .2rem 0 .6rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #e3e7eb; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; }
.card { border: 1px solid #d5dde5; border-radius: 6px; padding: .5rem .8rem; min-width: 16rem; }
.card .rate { font-size: 1.6rem; font-weight: 600; }
.card .report { font-size: .85rem; color: #445; }
.charts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem; }
.alert-row td { background: #fde8e8; }
.empty { color: #889; font-style: italic; }
form.lookup { display: flex; gap: .8rem; flex-wrap: wrap; align-items: end; }
form.lookup label { display: grid; gap: .2rem; font-size: .85rem; }
form.lookup input, form.lookup select { font: inherit; padding: .25rem .4rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .9rem; margin: 0; }
.facts dt { color: #556; }
.outcome { font-weight: 600; }
.chart-box { position: relative; height: 16rem; }
.chart-box[hidden] { display: none; }
@media (max-width: 700px) { .charts { grid-template-columns: 1fr; } }
`;
