import { gapLine } from '../archive/archive-gaps';
import type { RecordChange } from '../replay/decision-diff';
import type { ReplayRunRow } from '../replay/replay.repository';
import { DecisionReport, decisionReport, RateRow } from './decision-report';
import type { PeriodCount } from './decision-report.repository';

/** What an auditor hands on about one replay: its parameters, its figures, how it compares with live, the diff. */
export interface ReplayReport {
  format: 'lgsp-replay-report/v1';
  generatedAt: string;
  run: ReplayRunRow;
  /** The run's decisions per outcome (one per record: its last event in the window). */
  outcomes: Record<string, number>;
  /** Match rates per source, province and commune of the run's decisions, in the reports' wording. */
  rows: RateRow[];
  /** null while the run has no digest (running, failed, cancelled). */
  digestsEqual: boolean | null;
  /** false when the window has gaps (run.gaps): offsets it may need that neither the topics nor the archive held. */
  windowComplete: boolean;
  /**
   * The replay against live: "incomplete" when the window has gaps (whatever the digests: the events there were not
   * decided, so the digest cannot be the live one of the window), else "equal" or "different"; null without a digest.
   */
  comparison: 'equal' | 'different' | 'incomplete' | null;
  /** The records decided otherwise than live (outcome, differences or candidates). */
  changes: RecordChange[];
  /** The decision log's status when the report was made, if it was verified (as in the period report). */
  verification: DecisionReport['verification'];
}

/** The report of a run from its stored row, its decisions' counts and its diff against live (pure). */
export function replayReport(
  run: ReplayRunRow,
  counts: readonly PeriodCount[],
  changes: RecordChange[],
  generatedAt: Date,
  verification: DecisionReport['verification'] = null,
): ReplayReport {
  const figures: DecisionReport = decisionReport(counts, {
    from: new Date(run.from),
    to: new Date(run.to),
    generatedAt,
    decisions: run.decided,
    verification: null,
  });
  const outcomes: Record<string, number> = {};
  for (const c of counts) outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + c.records;
  const digestsEqual = run.digest === null || run.liveDigest === null ? null : run.digest === run.liveDigest;
  const windowComplete = run.gaps.length === 0;
  return {
    format: 'lgsp-replay-report/v1',
    generatedAt: generatedAt.toISOString(),
    run,
    outcomes,
    rows: figures.rows,
    digestsEqual,
    windowComplete,
    comparison: digestsEqual === null ? null : !windowComplete ? 'incomplete' : digestsEqual ? 'equal' : 'different',
    changes,
    verification,
  };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const n = (x: number) => x.toLocaleString('en-US');

/** Changes shown in the page; the JSON (GET …/{runId}) has them all. */
const SHOWN_CHANGES = 500;

/** The replay's report as a page to print: no script, no outside resource (as the period report). */
export function replayReportHtml(r: ReplayReport): string {
  const run = r.run;
  const outcomes = Object.keys(r.outcomes).sort();
  const verdict =
    r.comparison === null
      ? `no digest: the run is ${run.status}`
      : r.comparison === 'incomplete'
        ? `incomplete: the window has ${n(run.gaps.length)} gaps (below), events neither the topics nor the archive hold; ` +
          'the replay cannot show their decisions, so its digest is not that of the live decisions of the window' +
          (r.digestsEqual ? ' (the events it held give the live decisions)' : '')
        : r.comparison === 'equal'
          ? 'equal: the replay gives the live decisions'
          : `different: ${n(r.changes.length)} records decided otherwise than live`;
  const v = r.verification;
  const logStatus = !v
    ? 'not verified with this report (lgsp audit verify, or this report with ?verify=true)'
    : v.ok
      ? `intact: ${n(v.entries)} entries, ${v.checkpointsChecked} signed checkpoints matched`
      : `TAMPERED: ${v.first ?? ''}`;
  const fact = (label: string, id: string, value: string) => `<dt>${label}</dt><dd id="${id}">${escape(value)}</dd>`;
  const rateRow = (x: RateRow) =>
    `<tr class="${x.communeCode !== null ? 'commune' : x.provinceCode !== null ? 'province' : 'source'}"><td>${escape(x.source)}</td>` +
    `<td>${escape(x.provinceCode ?? '')}</td><td>${escape(x.communeCode ?? '')}</td>` +
    outcomes.map((o) => `<td class="n">${n(x.outcomes[o] ?? 0)}</td>`).join('') +
    `<td class="report">${escape(x.report)}</td></tr>`;
  const side = (d: { kind: string; rule: string } | null) => (d === null ? 'none' : `${d.kind} (${d.rule})`);
  const changeRow = (c: RecordChange) =>
    `<tr><td>${escape(c.source)}</td><td>${escape(c.entityId)}</td>` +
    `<td>${c.outcome ? escape(`${c.outcome.live} → ${c.outcome.replay}`) : ''}</td>` +
    `<td>${escape(c.differences.map((d) => `${d.field}: ${side(d.live)} → ${side(d.replay)}`).join('; '))}</td>` +
    `<td>${c.candidates ? escape(`${c.candidates.live.join(', ') || 'none'} → ${c.candidates.replay.join(', ') || 'none'}`) : ''}</td></tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LGSP replay ${escape(run.runId)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #bbb;padding:.2em .5em}
td.n{text-align:right}tr.source{font-weight:bold;background:#eee}tr.province{background:#f7f7f7}.status{font-weight:bold}
dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dd{margin:0}
</style></head><body>
<h1>Audit replay</h1>
<dl>
${fact('Run', 'run-id', run.runId)}
${fact('Status', 'run-status', run.status + (run.error ? ` (${run.error})` : ''))}
${fact('Sources', 'run-sources', run.sources.join(', '))}
${fact('Window', 'run-window', `${run.from} to ${run.to} (source commit time, end excluded)`)}
${fact('Provinces', 'run-provinces', run.provinces?.join(', ') ?? 'all')}
${fact('Rule set', 'run-rule-set', run.ruleSet)}
${fact('Started', 'run-started', run.startedAt)}
${fact('Finished', 'run-finished', run.finishedAt ?? '')}
${fact('Events read', 'run-events', `${n(run.eventsRead)} (${n(run.fromArchive)} of them from the event archive)`)}
${fact('Records decided', 'run-decided', n(run.decided))}
${fact('Replay digest', 'run-digest', run.digest ?? '')}
${fact('Live digest', 'run-live-digest', run.liveDigest ?? '')}
<dt>Compared with live</dt><dd class="status" id="run-verdict">${escape(verdict)}</dd>
<dt>Decision log</dt><dd class="status" id="verification">${escape(logStatus)}</dd>
${fact('Generated', 'generated', r.generatedAt)}
</dl>
${
  run.gaps.length === 0
    ? ''
    : `<h2>Gaps in the window (${n(run.gaps.length)})</h2>
<p>Offsets the window may need that the topics no longer hold (retention) and the event archive does not either
(archive switched off or enabled later, its retention shorter, a day removed). Their events were not decided.</p>
<ul id="gaps">
${run.gaps.map((g) => `<li data-topic="${escape(g.topic)}" data-partition="${g.partition}">${escape(gapLine(g))}</li>`).join('\n')}
</ul>
`
}<h2>Outcomes</h2>
<table id="outcomes"><thead><tr>${outcomes.map((o) => `<th>${escape(o)}</th>`).join('')}</tr></thead>
<tbody><tr>${outcomes.map((o) => `<td class="n" data-outcome="${escape(o)}">${n(r.outcomes[o])}</td>`).join('')}</tr></tbody></table>
<h2>Match rates</h2>
<table id="rates"><thead><tr><th>source</th><th>province</th><th>commune</th>${outcomes.map((o) => `<th>${escape(o)}</th>`).join('')}<th>match rate</th></tr></thead>
<tbody>
${r.rows.map(rateRow).join('\n')}
</tbody></table>
<h2>Records decided otherwise than live (${n(r.changes.length)})</h2>
<table id="changes"><thead><tr><th>source</th><th>record</th><th>outcome</th><th>differences</th><th>candidates</th></tr></thead>
<tbody>
${r.changes.slice(0, SHOWN_CHANGES).map(changeRow).join('\n')}
</tbody></table>
${r.changes.length > SHOWN_CHANGES ? `<p>… ${n(r.changes.length - SHOWN_CHANGES)} more: GET /api/audit/replays/${escape(run.runId)} lists them all.</p>` : ''}
</body></html>
`;
}
