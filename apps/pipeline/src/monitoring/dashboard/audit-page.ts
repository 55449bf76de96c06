import { SECTORAL_SOURCES } from '@lgsp/contracts';

/**
 * Audit replays: start one, follow each run's progress, cancel a running one, open a run's report. Static like the
 * record page; its script asks /api/audit/replays with the API key typed into the form (kept in the tab's
 * sessionStorage only): a replay's decisions name citizens.
 */
export const AUDIT_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LGSP pipeline: audit replays</title>
<link rel="stylesheet" href="/dashboard/dashboard.css">
</head>
<body>
<header>
  <h1>Audit replays</h1>
  <span id="status" data-testid="status">enter an API key</span>
  <nav><a href="/dashboard">Dashboard</a> · <a href="/dashboard/record">Explain a record</a> · <a href="/api/docs">API</a></nav>
</header>
<main>
  <section>
    <form id="key-form" class="lookup">
      <label title="made with: lgsp credentials create">API key <input name="key" type="password" required autocomplete="off" data-testid="api-key"></label>
      <button type="submit" data-testid="load">Show replays</button>
    </form>
  </section>
  <section>
    <h2>Start a replay</h2>
    <form id="start" class="lookup">
      ${SECTORAL_SOURCES.map((s) => `<label><input type="checkbox" name="sources" value="${s}" checked data-testid="source-${s}"> ${s}</label>`).join('\n      ')}
      <label>from <input name="from" required data-testid="from" placeholder="2026-12-01T00:00:00Z"></label>
      <label>to <input name="to" required data-testid="to" placeholder="2026-12-02T00:00:00Z"></label>
      <label>provinces <input name="provinces" data-testid="provinces" placeholder="all, or 66,01"></label>
      <button type="submit" data-testid="start">Start</button>
    </form>
    <p class="hint">The window is by source commit time, end excluded. The run reads with its own reader and writes only to audit_replay: nothing live changes.</p>
  </section>
  <section>
    <h2>Runs, newest first</h2>
    <table><thead><tr><th>run</th><th>status</th><th>sources</th><th>window</th><th>progress</th><th>rate, ETA</th><th>records</th><th>digest vs live</th><th></th></tr></thead>
    <tbody id="runs" data-testid="runs"></tbody></table>
  </section>
</main>
<script type="module" src="/dashboard/audit.js"></script>
</body>
</html>
`;
