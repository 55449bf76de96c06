import { formatMatchRate } from '@lgsp/monitoring';
import type { PeriodCount } from './decision-report.repository';

export interface RateRow {
  source: string;
  /** null on a source's own row. */
  provinceCode: string | null;
  /** null on a source's and a province's row. */
  communeCode: string | null;
  outcomes: Record<string, number>;
  matched: number;
  total: number;
  /** MATCHED / all, 0..1; null when there is nothing to rate. */
  rate: number | null;
  /** "94.25 %: 990,698 of 1,051,089 land parcels". */
  report: string;
}

export interface DecisionReport {
  format: 'lgsp-decision-report/v1';
  from: string;
  to: string;
  generatedAt: string;
  /** Decision rows written in the period. */
  decisions: number;
  /** Records decided in the period, each counted once at its last decision in it. */
  records: number;
  /** Per source, then per province, then per commune. */
  rows: RateRow[];
  /** The decision log's status when the report was made, if it was verified. */
  verification: { ok: boolean; entries: number; checkpointsChecked: number; first: string | null } | null;
}

/** The period's figures from its counts (pure): every level adds up from the same rows, so the levels agree. */
export function decisionReport(
  counts: readonly PeriodCount[],
  meta: { from: Date; to: Date; generatedAt: Date; decisions: number; verification: DecisionReport['verification'] },
): DecisionReport {
  const groups = new Map<string, RateRow>();
  const add = (source: string, provinceCode: string | null, communeCode: string | null, outcome: string, n: number) => {
    const key = JSON.stringify([source, provinceCode, communeCode]);
    const row = groups.get(key) ?? {
      source,
      provinceCode,
      communeCode,
      outcomes: {},
      matched: 0,
      total: 0,
      rate: null,
      report: '',
    };
    row.outcomes[outcome] = (row.outcomes[outcome] ?? 0) + n;
    groups.set(key, row);
  };
  for (const c of counts) {
    add(c.source, null, null, c.outcome, c.records);
    add(c.source, c.provinceCode ?? '-', null, c.outcome, c.records);
    add(c.source, c.provinceCode ?? '-', c.communeCode ?? '-', c.outcome, c.records);
  }
  const rows = [...groups.values()]
    .map((r) => {
      const total = Object.values(r.outcomes).reduce((s, n) => s + n, 0);
      const matched = r.outcomes.MATCHED ?? 0;
      return {
        ...r,
        matched,
        total,
        rate: total === 0 ? null : matched / total,
        report: formatMatchRate(matched, total, r.source),
      };
    })
    .sort(
      (a, b) =>
        a.source.localeCompare(b.source) ||
        (a.provinceCode ?? '').localeCompare(b.provinceCode ?? '') ||
        (a.communeCode ?? '').localeCompare(b.communeCode ?? ''),
    );
  return {
    format: 'lgsp-decision-report/v1',
    from: meta.from.toISOString(),
    to: meta.to.toISOString(),
    generatedAt: meta.generatedAt.toISOString(),
    decisions: meta.decisions,
    records: counts.reduce((s, c) => s + c.records, 0),
    rows,
    verification: meta.verification,
  };
}

const OUTCOME_COLUMNS = (report: DecisionReport) => [...new Set(report.rows.flatMap((r) => Object.keys(r.outcomes)))].sort();

function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line per source, province and commune: level, place, a column per outcome, matched, total, rate, report. */
export function reportCsv(report: DecisionReport): string {
  const outcomes = OUTCOME_COLUMNS(report);
  const header = ['level', 'source', 'province', 'commune', ...outcomes, 'matched', 'total', 'match_rate', 'report'];
  const lines = report.rows.map((r) =>
    [
      r.communeCode !== null ? 'commune' : r.provinceCode !== null ? 'province' : 'source',
      r.source,
      r.provinceCode,
      r.communeCode,
      ...outcomes.map((o) => r.outcomes[o] ?? 0),
      r.matched,
      r.total,
      r.rate === null ? null : r.rate.toFixed(6),
      r.report,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page an auditor can print: the parameters, the log's status, and the table. No script, no outside resource. */
export function reportHtml(report: DecisionReport): string {
  const outcomes = OUTCOME_COLUMNS(report);
  const v = report.verification;
  const status = !v
    ? 'not verified with this report'
    : v.ok
      ? `intact: ${v.entries.toLocaleString('en-US')} entries, ${v.checkpointsChecked} signed checkpoints matched`
      : `TAMPERED: ${v.first ?? ''}`;
  const row = (r: RateRow) =>
    `<tr class="${r.communeCode !== null ? 'commune' : r.provinceCode !== null ? 'province' : 'source'}"><td>${escape(r.source)}</td>` +
    `<td>${escape(r.provinceCode ?? '')}</td><td>${escape(r.communeCode ?? '')}</td>` +
    outcomes.map((o) => `<td class="n">${(r.outcomes[o] ?? 0).toLocaleString('en-US')}</td>`).join('') +
    `<td class="report">${escape(r.report)}</td></tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LGSP decisions ${escape(report.from)} to ${escape(report.to)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2em .5em}
td.n{text-align:right}tr.source{font-weight:bold;background:#eee}tr.province{background:#f7f7f7}.status{font-weight:bold}
</style></head><body>
<h1>Reconciliation decisions</h1>
<dl><dt>Period</dt><dd id="period">${escape(report.from)} to ${escape(report.to)} (decided_at, end excluded)</dd>
<dt>Generated</dt><dd>${escape(report.generatedAt)}</dd>
<dt>Decisions in the period</dt><dd id="decisions">${report.decisions.toLocaleString('en-US')}</dd>
<dt>Records decided</dt><dd id="records">${report.records.toLocaleString('en-US')} (each at its last decision in the period)</dd>
<dt>Decision log</dt><dd class="status" id="verification">${escape(status)}</dd></dl>
<table><thead><tr><th>source</th><th>province</th><th>commune</th>${outcomes.map((o) => `<th>${escape(o)}</th>`).join('')}<th>match rate</th></tr></thead>
<tbody>
${report.rows.map(row).join('\n')}
</tbody></table>
</body></html>
`;
}
