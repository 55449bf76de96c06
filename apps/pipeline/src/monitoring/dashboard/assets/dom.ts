/**
 * What the dashboard's pages share: fetching JSON and building elements with textContent only (nothing from the
 * API is ever parsed as HTML). Served as /dashboard/dom.js and imported by the pages' scripts.
 */

export type Attributes = Record<string, string>;

export async function get<T>(path: string, headers: Record<string, string> = {}): Promise<T> {
  const r = await fetch(path, { headers });
  if (!r.ok) {
    // The API answers errors as problem+json: its detail says what went wrong.
    const problem = (await r.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(`${path}: HTTP ${r.status}${problem?.detail ? `: ${problem.detail}` : ''}`);
  }
  return (await r.json()) as T;
}

export function el(tag: string, text?: string | number | null, attrs: Attributes = {}): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export function row(cells: (Node | string)[], attrs?: Attributes): HTMLElement {
  const tr = el('tr', null, attrs);
  for (const c of cells) tr.appendChild(c instanceof Node ? c : el('td', c));
  return tr;
}

// Every figure on the pages goes through these: thousands separators everywhere, one locale (the API's reports use it too).
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const FIXED = new Map<number, Intl.NumberFormat>();

/** A count with thousands separators ('–' for none). */
export const count = (n: number | string | null | undefined) => (n === null || n === undefined ? '–' : COUNT.format(Number(n)));

export function num(n: number | string | null | undefined, attrs?: Attributes): HTMLElement {
  const td = el('td', count(n), attrs);
  td.className = 'num';
  return td;
}

/** A measurement with `digits` decimals and thousands separators ('–' for none). */
export function fixed(n: number | null | undefined, digits: number): string {
  if (n === null || n === undefined) return '–';
  let f = FIXED.get(digits);
  if (!f)
    FIXED.set(digits, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(n);
}

export function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e;
}

export function fill(id: string, rows: HTMLElement[], columns: number): void {
  byId(id).replaceChildren(...(rows.length ? rows : [row([el('td', 'none', { colspan: String(columns), class: 'empty' })])]));
}
