import { SECTORAL_SOURCES } from '@lgsp/contracts';

/**
 * A record's explanation: what the pipeline decided about one sectoral record and why. Static like the
 * dashboard; its script asks GET /api/records/{source}/{entityId} with the API key typed into the form (kept in
 * the tab's sessionStorage only). The answer is personal data, so the page shows nothing without a key.
 */
export const RECORD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LGSP pipeline: explain a record</title>
<link rel="stylesheet" href="/dashboard/dashboard.css">
<script src="/dashboard/chart.umd.min.js"></script>
</head>
<body>
<header>
  <h1>Explain a record</h1>
  <span id="status" data-testid="status">enter a record and an API key</span>
  <nav><a href="/dashboard">Dashboard</a> · <a href="/api/docs">API</a></nav>
</header>
<main>
  <section>
    <form id="lookup" class="lookup">
      <label>source <select name="source" data-testid="source">${SECTORAL_SOURCES.map((s) => `<option>${s}</option>`).join('')}</select></label>
      <label>entity ID <input name="entityId" required maxlength="64" data-testid="entity-id" placeholder="24133.7.1"></label>
      <label title="made with: lgsp credentials create">API key <input name="key" type="password" required autocomplete="off" data-testid="api-key"></label>
      <button type="submit" data-testid="explain">Explain</button>
    </form>
  </section>
  <section>
    <h2>Decision</h2>
    <dl id="decision" class="facts" data-testid="decision"></dl>
  </section>
  <section>
    <h2>Differences from the registry, and how sure each correction is</h2>
    <table><thead><tr><th>field</th><th>kind</th><th>rule</th><th>correction (registry value)</th><th>confidence</th></tr></thead>
    <tbody id="differences" data-testid="differences"></tbody></table>
    <div class="chart-box"><canvas id="confidence-chart" data-testid="confidence-chart"></canvas></div>
  </section>
  <section>
    <h2>Candidates: each field's share of the match weight (log2 m/u)</h2>
    <table><thead><tr><th>citizen</th><th>weight</th><th>probability</th><th>found by</th></tr></thead>
    <tbody id="candidates" data-testid="candidates"></tbody></table>
    <div class="chart-box"><canvas id="waterfall-chart" data-testid="waterfall-chart"></canvas></div>
  </section>
  <section>
    <h2>Decisions, newest first</h2>
    <table><thead><tr><th>sequence</th><th>decided at</th><th>outcome</th><th>cause</th><th>input event</th><th>rule version</th></tr></thead>
    <tbody id="history" data-testid="history"></tbody></table>
  </section>
</main>
<script type="module" src="/dashboard/record.js"></script>
</body>
</html>
`;
