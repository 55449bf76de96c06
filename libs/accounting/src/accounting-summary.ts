import type { AccountingInput, AccountingReport } from './accounting';
import { isClean } from './accounting';

/** Where every event went, in the command's words. */
export interface AccountingSummary {
  clean: boolean;
  events: number;
  /** Consumed events whose record holds them (or a later one) with the result they call for. */
  decided: number;
  /** Consumed messages a dead letter accounts for. */
  deadLettered: number;
  pending: number;
  missing: number;
}

export function summarise(input: AccountingInput, report: AccountingReport): AccountingSummary {
  const committed = new Map(input.progress.map((p) => [`${p.topic}|${p.partition}`, BigInt(p.committed)]));
  const letters = new Set(input.deadLetters.map((d) => `${d.topic}|${d.partition}|${d.offset}`));
  const consumedLetters = input.events.filter(
    (e) =>
      BigInt(e.offset) < (committed.get(`${e.topic}|${e.partition}`) ?? -1n) &&
      letters.has(`${e.topic}|${e.partition}|${e.offset}`),
  ).length;
  // A missing entry names a record (its latest event) or one unreadable message; the rest of the record's events are decided.
  return {
    clean: isClean(report),
    events: report.events,
    decided: report.events - report.pending - consumedLetters - report.missing.length,
    deadLettered: consumedLetters,
    pending: report.pending,
    missing: report.missing.length,
  };
}

/** The report as lines for a terminal: the totals, then each discrepancy by its coordinates (never a citizen's ID). */
export function reportLines(summary: AccountingSummary, report: AccountingReport): string[] {
  const lines = [
    `${summary.events} events: ${summary.decided} decided, ${summary.deadLettered} dead-lettered, ${summary.pending} pending, ${summary.missing} missing`,
    `${report.decisions} decisions recorded (${report.republished} published more than once), ` +
      `${report.duplicated.length} sequence numbers taken twice, ${report.unpublished.length} not published; ` +
      `${report.repeatedDeadLetters} repeated dead letters`,
  ];
  for (const m of report.missing)
    // The record by its latest event's place only: a population record's id is a citizen's ID.
    lines.push(`missing: ${m.topic}/${m.partition}@${m.offset} ${m.why}${m.source ? ` (a ${m.source} record)` : ''}`);
  for (const d of report.duplicated)
    lines.push(`duplicated: ${d.source}/${d.entityId} sequence ${d.sequence}: ${d.decisionIds.join(', ')}`);
  for (const id of report.unpublished) lines.push(`unpublished: ${id}`);
  for (const s of report.stuck) lines.push(`stuck: ${s.topic}/${s.partition} committed ${s.committed} of ${s.end}, not moving`);
  for (const s of report.draining) lines.push(`draining: ${s.topic}/${s.partition} committed ${s.committed} of ${s.end}`);
  lines.push(summary.clean ? 'clean: every consumed event is accounted for' : 'DISCREPANCY: see the lines above');
  return lines;
}
