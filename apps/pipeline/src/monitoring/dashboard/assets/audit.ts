/**
 * The audit page's script: lists the replays (GET /api/audit/replays) with each running one's progress, refreshed
 * every second while one runs; starts one (POST), cancels one (POST …/cancel), and opens a run's report (GET
 * …/report, HTML, fetched with the key and shown from a blob: a link could not carry the Authorization header).
 * The key stays in this tab's sessionStorage, never in the URL.
 */
import { byId, count, el, fill, fixed, get, row } from './dom.js';

/* The parts of the API's answer this page reads (libs/audit's RunState; it does not compile under the DOM lib). */
interface Progress {
  phase: string;
  done: number;
  total: number;
  rate: number;
  etaSeconds: number | null;
}
interface RunState {
  run: {
    runId: string;
    status: string;
    sources: string[];
    from: string;
    to: string;
    provinces: string[] | null;
    ruleSet: string;
    decided: number;
    digest: string | null;
    liveDigest: string | null;
    error: string | null;
    /** Offsets the window may need that neither the topics nor the archive held (older servers: absent). */
    gaps?: { topic: string; partition: number; from: string; to: string; uncertainStart: boolean }[];
  };
  progress: Progress | null;
}

const KEY_STORAGE = 'lgsp-api-key';
let key = sessionStorage.getItem(KEY_STORAGE) ?? '';
let timer: number | undefined;

const auth = () => ({ authorization: `Bearer ${key}` });

async function post(path: string, body?: unknown): Promise<unknown> {
  const r = await fetch(path, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await r.json().catch(() => null)) as {
    detail?: string;
    'invalid-params'?: { name: string; reason: string }[];
  } | null;
  if (!r.ok) {
    const params = answer?.['invalid-params']?.map((p) => `${p.name}: ${p.reason}`).join('; ');
    throw new Error(`HTTP ${r.status}${answer?.detail ? `: ${answer.detail}` : ''}${params ? ` (${params})` : ''}`);
  }
  return answer;
}

function say(text: string, kind: 'loaded' | 'error' | null = null): void {
  const status = byId('status');
  status.textContent = text;
  status.removeAttribute('data-loaded');
  status.removeAttribute('data-error');
  if (kind) status.setAttribute(`data-${kind}`, 'true');
}

function progressCell(s: RunState): HTMLElement {
  const td = el('td');
  const p = s.progress;
  const done = s.run.status !== 'running';
  const fraction = done ? (s.run.status === 'done' ? 1 : 0) : p && p.total > 0 ? p.done / p.total : 0;
  const bar = el('progress', null, { max: '1', value: String(fraction), 'data-testid': 'progress' });
  td.append(bar, el('span', done ? ` ${s.run.status}` : p ? ` ${p.phase} ${count(p.done)}/${count(p.total)}` : ' starting'));
  return td;
}

function rateCell(s: RunState): HTMLElement {
  const p = s.progress;
  if (s.run.status !== 'running' || !p) return el('td', '');
  const eta = p.etaSeconds === null ? 'ETA –' : `ETA ${fixed(p.etaSeconds, 0)} s`;
  return el('td', `${count(Math.round(p.rate))}/s · ${eta}`);
}

function verdictCell(s: RunState): HTMLElement {
  const { digest, liveDigest } = s.run;
  if (digest === null || liveDigest === null) return el('td', s.run.error ?? '–');
  const gaps = s.run.gaps ?? [];
  if (gaps.length > 0)
    // Not "different": the events in the gaps were not decided, so the digests cannot be compared for the window.
    return el('td', `incomplete (${gaps.length} gaps)`, {
      title: gaps
        .map((g) => `partition ${g.partition} of ${g.topic}: offsets ${g.from}–${g.to} gone from the topic and the archive`)
        .join('\n'),
      class: 'bad',
      'data-testid': 'verdict',
    });
  return el('td', digest === liveDigest ? 'equal' : 'different', {
    title: `replay ${digest}\nlive   ${liveDigest}`,
    class: digest === liveDigest ? 'ok' : 'bad',
    'data-testid': 'verdict',
  });
}

function actionsCell(s: RunState): HTMLElement {
  const td = el('td');
  const runId = s.run.runId;
  if (s.run.status === 'running') {
    const cancel = el('button', 'Cancel', { 'data-testid': 'cancel', type: 'button' });
    cancel.addEventListener(
      'click',
      () => void post(`/api/audit/replays/${runId}/cancel`).then(refresh, (e: unknown) => say(`cancel: ${String(e)}`, 'error')),
    );
    td.append(cancel);
  } else {
    const report = el('a', 'Report', { href: `#report-${runId}`, 'data-testid': 'report' });
    report.addEventListener('click', (event) => {
      event.preventDefault();
      void openReport(runId);
    });
    td.append(report);
  }
  return td;
}

async function openReport(runId: string): Promise<void> {
  try {
    const r = await fetch(`/api/audit/replays/${runId}/report`, { headers: auth() });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    const url = URL.createObjectURL(new Blob([await r.text()], { type: 'text/html' }));
    window.open(url, '_blank');
  } catch (e) {
    say(`report of ${runId}: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

async function refresh(): Promise<void> {
  window.clearTimeout(timer);
  try {
    const { runs } = await get<{ runs: RunState[] }>('/api/audit/replays', auth());
    fill(
      'runs',
      runs.map((s) =>
        row(
          [
            el('td', s.run.runId.slice(0, 8), { title: s.run.runId }),
            el('td', s.run.status, { 'data-testid': 'run-status' }),
            el('td', s.run.sources.join(', ')),
            el('td', `${s.run.from} – ${s.run.to}`),
            progressCell(s),
            rateCell(s),
            el('td', count(s.run.decided), { class: 'num' }),
            verdictCell(s),
            actionsCell(s),
          ],
          { 'data-run': s.run.runId },
        ),
      ),
      9,
    );
    say(`${runs.length} runs`, 'loaded');
    // While one runs, its progress moves: ask again in a second.
    if (runs.some((s) => s.run.status === 'running')) timer = window.setTimeout(() => void refresh(), 1000);
  } catch (e) {
    say(`error: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
}

const keyForm = byId('key-form') as HTMLFormElement;
const keyField = keyForm.elements.namedItem('key') as HTMLInputElement;
keyField.value = key;
keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  key = keyField.value.trim();
  sessionStorage.setItem(KEY_STORAGE, key);
  void refresh();
});

const start = byId('start') as HTMLFormElement;
start.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(start);
  const provinces = String(data.get('provinces') ?? '').trim();
  const body = {
    sources: data.getAll('sources').map(String),
    from: String(data.get('from')).trim(),
    to: String(data.get('to')).trim(),
    ...(provinces ? { provinces: provinces.split(',').map((p) => p.trim()) } : {}),
  };
  void post('/api/audit/replays', body).then(
    (answer) => {
      say(`started ${(answer as { runId: string }).runId}`);
      return refresh();
    },
    (e: unknown) => say(`start: ${e instanceof Error ? e.message : String(e)}`, 'error'),
  );
});
if (key) void refresh();
