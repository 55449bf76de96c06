/**
 * The record page's script: asks GET /api/records/{source}/{entityId} with the key typed into the form and shows
 * why the pipeline decided what it did: the differences with the rule that found each and the confidence of its
 * correction, and the candidates' Fellegi–Sunter waterfall (each compared field's log2 m/u weight, adding up to the
 * candidate's weight) as charts. The key stays in this tab's sessionStorage, never in the URL.
 */
import type { Chart as ChartJs } from 'chart.js';
import { byId, el, fill, fixed, get, num, row } from './dom.js';

declare const Chart: typeof ChartJs;

/*
 * The parts of the answer this page reads. The response's schema (records/record-schemas.ts) is built from
 * @lgsp/contracts, which does not compile under the DOM lib, hence these few lines; the browser test reads a
 * real answer through them.
 */
interface Difference {
  field: string;
  kind: string;
  rule?: string;
  proposed: string;
  confidence: number;
}
interface Candidate {
  citizenId: string;
  weight: number;
  probability: number;
  fields: { field: string; level: string; weight: number }[];
  foundBy: string[];
}
interface InputEvent {
  eventId: string;
  topic: string;
  partition: number;
  offset: string;
}
interface RecordStatus {
  record: { source: string; entityId: string; deleted: boolean; traceId: string | null } | null;
  current: {
    outcome: string;
    alsoApplies: string[];
    citizenId: string | null;
    provinceCode: string | null;
    communeCode: string | null;
    differences: Difference[];
    evidence: { notes?: string[]; duplicateGroup?: { original: string } };
    candidates: Candidate[];
    sequence: number | null;
    ruleVersion: string;
    cause: string;
    decidedAt: string;
  } | null;
  history: {
    sequence: number | null;
    outcome: string;
    cause: string;
    ruleVersion: string;
    input: InputEvent;
    decidedAt: string;
  }[];
}

const KEY_STORAGE = 'lgsp-api-key';
const FIELD_COLOURS = ['#1565c0', '#2f7d32', '#ef6c00', '#7a5195', '#00838f', '#ad1457', '#5d4037'];
const charts = new Map<string, ChartJs<'bar', number[], string>>();

function barChart(
  id: string,
  labels: string[],
  datasets: { label: string; data: number[]; backgroundColor: string }[],
  x: object,
): void {
  charts.get(id)?.destroy();
  charts.set(
    id,
    new Chart(byId(id) as HTMLCanvasElement, {
      type: 'bar',
      data: { labels, datasets },
      options: {
        indexAxis: 'y',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x, y: { stacked: true } },
        plugins: { legend: { position: 'bottom' } },
      },
    }),
  );
}

function renderDecision(status: RecordStatus): void {
  const facts: [string, string][] = [];
  const c = status.current;
  if (status.record?.deleted) facts.push(['record', 'deleted by its source: its last decision is a retraction']);
  if (c) {
    facts.push(['outcome', [c.outcome, ...c.alsoApplies].join(' + ')]);
    facts.push(['citizen', c.citizenId ?? '– (not resolved)']);
    facts.push(['province / commune', `${c.provinceCode ?? '–'} / ${c.communeCode ?? '–'}`]);
    facts.push(['cause', c.cause]);
    facts.push(['decided at', new Date(c.decidedAt).toLocaleString()]);
    facts.push(['sequence', String(c.sequence ?? '–')]);
    facts.push(['rule version', c.ruleVersion]);
    if (c.evidence.duplicateGroup) facts.push(['original of its group', c.evidence.duplicateGroup.original]);
    for (const note of c.evidence.notes ?? []) facts.push(['note', note]);
  } else if (!status.record?.deleted) {
    facts.push(['outcome', 'not decided yet']);
  }
  byId('decision').replaceChildren(
    ...facts.flatMap(([term, value]) => [
      el('dt', term),
      el('dd', value, term === 'outcome' ? { class: 'outcome', 'data-testid': 'outcome' } : {}),
    ]),
  );
}

function renderDifferences(differences: Difference[]): void {
  fill(
    'differences',
    differences.map((d) =>
      row(
        [el('td', d.field), el('td', d.kind), el('td', d.rule ?? '–'), el('td', d.proposed), el('td', fixed(d.confidence, 3))],
        {
          'data-field': d.field,
          'data-rule': d.rule ?? '',
        },
      ),
    ),
    5,
  );
  barChart(
    'confidence-chart',
    differences.map((d) => `${d.field}: ${d.rule ?? d.kind}`),
    [{ label: 'confidence of the correction', data: differences.map((d) => d.confidence), backgroundColor: '#1565c0' }],
    { min: 0, max: 1 },
  );
}

function renderCandidates(candidates: Candidate[]): void {
  fill(
    'candidates',
    candidates.map((c) =>
      row([el('td', c.citizenId), num(c.weight), el('td', fixed(c.probability, 4)), el('td', c.foundBy.join(', '))], {
        'data-citizen': c.citizenId,
      }),
    ),
    4,
  );
  // One dataset per compared field, stacked: a bar's length is the candidate's weight, each segment a field's share.
  const fields = [...new Set(candidates.flatMap((c) => c.fields.map((f) => f.field)))];
  barChart(
    'waterfall-chart',
    candidates.map((c) => `${c.citizenId} (p = ${fixed(c.probability, 3)})`),
    fields.map((field, i) => ({
      label: field,
      backgroundColor: FIELD_COLOURS[i % FIELD_COLOURS.length],
      data: candidates.map((c) => c.fields.find((f) => f.field === field)?.weight ?? 0),
    })),
    { stacked: true, title: { display: true, text: 'log2 match weight (right: favours a match)' } },
  );
}

function renderHistory(history: RecordStatus['history']): void {
  fill(
    'history',
    history.map((h) =>
      row([
        num(h.sequence),
        el('td', new Date(h.decidedAt).toLocaleString()),
        el('td', h.outcome),
        el('td', h.cause),
        el('td', `${h.input.topic} #${h.input.partition} @${h.input.offset} (${h.input.eventId})`),
        el('td', h.ruleVersion),
      ]),
    ),
    6,
  );
}

async function explain(source: string, entityId: string, key: string): Promise<void> {
  const status = byId('status');
  status.removeAttribute('data-loaded');
  status.textContent = 'asking…';
  try {
    const answer = await get<RecordStatus>(`/api/records/${encodeURIComponent(source)}/${encodeURIComponent(entityId)}`, {
      authorization: `Bearer ${key}`,
    });
    renderDecision(answer);
    renderDifferences(answer.current?.differences ?? []);
    renderCandidates(answer.current?.candidates ?? []);
    renderHistory(answer.history);
    status.textContent = `${source}/${entityId}`;
    status.setAttribute('data-loaded', 'true');
  } catch (e) {
    status.textContent = `error: ${e instanceof Error ? e.message : String(e)}`;
    status.setAttribute('data-error', 'true');
  }
}

const form = byId('lookup') as HTMLFormElement;
const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
field('key').value = sessionStorage.getItem(KEY_STORAGE) ?? '';
// A link may name the record (?source=land&entityId=…), never the key.
const asked = new URLSearchParams(location.search);
if (asked.get('source')) field('source').value = asked.get('source')!;
if (asked.get('entityId')) field('entityId').value = asked.get('entityId')!;

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = field('key').value.trim();
  sessionStorage.setItem(KEY_STORAGE, key);
  const source = field('source').value;
  const entityId = field('entityId').value.trim();
  history.replaceState(null, '', `?${new URLSearchParams({ source, entityId })}`);
  void explain(source, entityId, key);
});
if (field('key').value && field('entityId').value) form.requestSubmit();
