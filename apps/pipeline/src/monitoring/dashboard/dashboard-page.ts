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
  <nav><a href="/dashboard/record">Explain a record</a> · <a href="/dashboard/audit">Audit replays</a> · <a href="/api/docs">API</a> · <a href="/metrics">/metrics</a> · <a href="/ready">/ready</a></nav>
</header>
<main>
  <section id="empty" class="empty-state" data-testid="empty" hidden>
    <h2>No sync events yet</h2>
    <p>The pipeline is running and waiting for data. In a second terminal, load a generated province:</p>
    <pre><code>npx lgsp generate --citizens 5000</code></pre>
    <p>(<code>npm start</code> on an empty embedded database loads a small demo by itself; <code>lgsp start --no-demo</code>
    starts empty.) The figures below fill in within seconds of the first events.</p>
  </section>
  <section>
    <h2>Summary</h2>
    <div class="summary" data-testid="summary">
      <div class="tile"><span class="label">records reconciled</span><b id="sum-records" data-testid="summary-records">–</b></div>
      <div class="tile"><span class="label">match rate</span><b id="sum-rate" data-testid="summary-rate">–</b></div>
      <div class="tile"><span class="label">consumer lag (messages)</span><b id="sum-lag" data-testid="summary-lag">–</b>
        <span class="label" id="sum-event-lag"></span></div>
      <div class="tile"><span class="label">dead letters</span><b id="sum-dead" data-testid="summary-dead-letters">–</b></div>
      <div class="tile"><span class="label">open alerts</span><b id="sum-alerts" data-testid="summary-alerts">–</b></div>
      <div class="tile"><span class="label">corrections awaiting the source</span><b id="sum-corrections" data-testid="summary-corrections">–</b></div>
    </div>
  </section>
  <section>
    <h2>Match rates by sector</h2>
    <div id="sources" class="cards" data-testid="sources"></div>
  </section>
  <section>
    <h2>Open alerts</h2>
    <div class="scroll"><table><thead><tr><th>kind</th><th>subject</th><th>since</th><th>message</th></tr></thead>
    <tbody id="alerts" data-testid="alerts"></tbody></table></div>
  </section>
  <section class="charts">
    <div><h2>Consumer lag (messages)</h2><div class="chart-box"><canvas id="lag-chart"></canvas></div>
      <p class="scale" id="lag-chart-scale" data-testid="lag-chart-scale"></p></div>
    <div><h2>Throughput (messages/s)</h2><div class="chart-box"><canvas id="throughput-chart"></canvas></div>
      <p class="scale" id="throughput-chart-scale" data-testid="throughput-chart-scale"></p></div>
    <div><h2>Event-time lag (s)</h2><div class="chart-box"><canvas id="event-lag-chart"></canvas></div>
      <p class="scale" id="event-lag-chart-scale" data-testid="event-lag-chart-scale"></p></div>
  </section>
  <section>
    <h2 id="ranking-title">Match rate by province, lowest first</h2>
    <div class="ranking-controls">
      <label>sector <select id="ranking-sector" data-testid="ranking-sector"></select></label>
      <button type="button" id="ranking-back" data-testid="ranking-back" hidden>← all provinces</button>
    </div>
    <div id="ranking" class="bars" data-testid="ranking"></div>
  </section>
  <section>
    <h2>Field quality and mismatch kinds per source</h2>
    <div id="quality" class="quality" data-testid="quality"></div>
  </section>
  <section>
    <h2>Corrections back to the source, by sector and commune (mismatches to correct first)</h2>
    <div class="scroll"><table><thead><tr><th>sector</th><th>province</th><th>commune</th><th>open</th><th>applied</th>
      <th>rejected</th><th>closed by a sync</th></tr></thead>
    <tbody id="corrections" data-testid="corrections"></tbody></table></div>
  </section>
  <section>
    <h2>Sync lag per source</h2>
    <div class="scroll"><table><thead><tr><th>source</th><th>offset lag</th><th>event-time lag (s)</th><th>throughput (msg/s)</th>
      <th>processed</th><th>dead-lettered</th><th>latency p50 / p95 / p99 (s)</th></tr></thead>
    <tbody id="lag" data-testid="lag"></tbody></table></div>
  </section>
  <section>
    <details data-testid="provinces-details">
      <summary><h2>Every province and sector</h2></summary>
      <div class="scroll"><table><thead><tr><th>province</th><th>land</th><th>insurance</th><th>business</th></tr></thead>
      <tbody id="provinces" data-testid="provinces"></tbody></table></div>
    </details>
  </section>
  <section>
    <details data-testid="partitions-details">
      <summary><h2>Partitions (<span id="partition-count">0</span>)</h2></summary>
      <div class="scroll"><table><thead><tr><th>topic</th><th>partition</th><th>log end</th><th>committed</th><th>offset lag</th><th>event-time lag (s)</th></tr></thead>
      <tbody id="partitions" data-testid="partitions"></tbody></table></div>
    </details>
  </section>
  <section>
    <h2>Dead-letter queue, newest 10 (all: <a href="/api/dead-letters?limit=1000">/api/dead-letters</a>)</h2>
    <div class="scroll"><table><thead><tr><th>failed at</th><th>from</th><th>reason</th><th>where (JSON paths)</th><th>event / trace</th></tr></thead>
    <tbody id="dead-letters" data-testid="dead-letters"></tbody></table></div>
  </section>
</main>
<script type="module" src="/dashboard/dashboard.js"></script>
</body>
</html>
`;

export const DASHBOARD_CSS = `
body { font-family: system-ui, sans-serif; margin: 0; color: #1d2733; background: #f4f6f8; }
header { display: flex; flex-wrap: wrap; gap: .4rem 1.5rem; align-items: baseline; padding: .6rem 1.2rem; background: #0b3d6b; color: #fff; }
header h1 { font-size: 1.2rem; margin: 0; } header a { color: #cfe3ff; }
main { padding: .8rem 1.2rem; display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); }
section { min-width: 0; background: #fff; border-radius: 6px; padding: .6rem 1rem; box-shadow: 0 1px 2px #0002; }
h2 { font-size: 1rem; margin: .2rem 0 .6rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #e3e7eb; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; }
.card { border: 1px solid #d5dde5; border-radius: 6px; padding: .5rem .8rem; min-width: min(16rem, 100%); box-sizing: border-box; }
.card .rate { font-size: 1.6rem; font-weight: 600; }
.card .report { font-size: .85rem; color: #445; }
.charts { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem; }
.scroll { overflow-x: auto; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .8rem; }
.tile { display: grid; gap: .15rem; border-left: 4px solid #0b3d6b; padding: .2rem .7rem; }
.tile b { font-size: 1.6rem; font-variant-numeric: tabular-nums; }
.tile .label { font-size: .8rem; color: #556; }
.tile.bad { border-left-color: #c62828; } .tile.bad b { color: #c62828; }
.empty-state { border: 2px dashed #0b3d6b; }
.empty-state pre { background: #0b3d6b; color: #fff; padding: .5rem .8rem; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
.charts .chart-box { height: 12rem; }
.scale { font-size: .75rem; color: #667; margin: .2rem 0 0; }
.ranking-controls { display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; margin-bottom: .5rem; }
.bars { display: grid; gap: .25rem; }
.bar-row { display: grid; grid-template-columns: minmax(6rem, 14rem) minmax(0, 1fr) 5.5rem; gap: .5rem; align-items: center;
  font: inherit; font-size: .85rem; text-align: left; background: none; border: 0; padding: .1rem 0; cursor: pointer; color: inherit; }
.bar-row:hover .bar-name, .bar-row:focus .bar-name { text-decoration: underline; }
.bar-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar-track { background: #e3e7eb; border-radius: 3px; height: .9rem; position: relative; }
.bar-fill { background: #1565c0; border-radius: 3px; height: 100%; }
.bar-row.low .bar-fill { background: #c62828; }
.bar-value { text-align: right; font-variant-numeric: tabular-nums; }
.bar-count { grid-column: 2 / 4; font-size: .75rem; color: #667; margin-top: -.2rem; }
.quality { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(22rem, 100%), 1fr)); gap: 1rem; }
.kinds { font-size: .75rem; color: #445; }
details > summary { cursor: pointer; } details > summary h2 { display: inline; }
.alert-row td { background: #fde8e8; }
.empty { color: #889; font-style: italic; }
form.lookup { display: flex; gap: .8rem; flex-wrap: wrap; align-items: end; }
td.ok { color: #2f7d32; font-weight: 600; } td.bad { color: #c62828; font-weight: 600; }
td progress { width: 8rem; vertical-align: middle; } p.hint { font-size: .85rem; color: #555; }
form.lookup label { display: grid; gap: .2rem; font-size: .85rem; }
form.lookup input, form.lookup select { font: inherit; padding: .25rem .4rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .9rem; margin: 0; }
.facts dt { color: #556; }
.outcome { font-weight: 600; }
.chart-box { position: relative; height: 16rem; }
.chart-box[hidden] { display: none; }
@media (max-width: 700px) {
  .charts { grid-template-columns: minmax(0, 1fr); }
  main { padding: .5rem; } section { padding: .5rem .6rem; }
  .bar-row { grid-template-columns: minmax(5rem, 9rem) minmax(0, 1fr) 4.5rem; }
}
`;
