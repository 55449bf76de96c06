import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { DecisionReport, DecisionReportRepository, decisionReport, reportCsv, reportHtml, verifyDatabase } from '@lgsp/audit';
import type { Runtime } from '@lgsp/runtime';
import { printReportPdf } from '../lab/report-pdf.command';
import { openCliRuntime } from './cli-runtime';
import { RuntimeFlags, withDatabaseOption } from './runtime-flags';

interface ReportFlags extends RuntimeFlags {
  from: string;
  to?: string;
  format?: string;
  out?: string;
  pdf?: string;
  verify?: boolean;
}

const fail = (cause: string, next: string) => {
  process.stderr.write(`lgsp audit report: ${cause}\n  next: ${next}\n`);
  process.exitCode = 2;
};

async function report(flags: ReportFlags): Promise<void> {
  const from = new Date(flags.from);
  const to = flags.to ? new Date(flags.to) : new Date();
  if (Number.isNaN(from.getTime())) return fail(`--from ${flags.from} is not a date`, 'pass e.g. --from 2026-11-01');
  if (Number.isNaN(to.getTime())) return fail(`--to ${flags.to} is not a date`, 'pass e.g. --to 2026-12-01');
  const format = flags.format ?? 'json';
  if (!['json', 'csv', 'html'].includes(format)) return fail(`--format ${format} is not json, csv or html`, 'pass --format csv');
  let runtime: Runtime;
  try {
    runtime = await openCliRuntime(flags);
  } catch (e) {
    return fail(
      `cannot open the database (${(e as Error).message})`,
      'check that --database-url/DATABASE_URL names a running PostgreSQL',
    );
  }
  let r: DecisionReport;
  try {
    const repo = new DecisionReportRepository();
    const verified = flags.verify ? await verifyDatabase(runtime.pool, { trusted: null }) : null;
    r = decisionReport(await repo.periodCounts(runtime.pool, from, to), {
      from,
      to,
      generatedAt: new Date(),
      decisions: await repo.decisionsIn(runtime.pool, from, to),
      verification: verified && {
        ok: verified.ok,
        entries: verified.entries,
        checkpointsChecked: verified.checkpointsChecked,
        first: verified.first
          ? `${verified.first.kind} at position ${verified.first.position ?? '-'}: ${verified.first.detail}`
          : null,
      },
    });
  } finally {
    await runtime.close();
  }
  const text = format === 'csv' ? reportCsv(r) : format === 'html' ? reportHtml(r) : `${JSON.stringify(r, null, 2)}\n`;
  if (flags.out) writeFileSync(flags.out, text);
  else process.stdout.write(text);
  if (flags.pdf) {
    if (!(await printReportPdf(reportHtml(r), flags.pdf)))
      return fail(
        'the PDF needs Chromium through playwright-core, which this install lacks',
        'use --format html, or the development install',
      );
    process.stderr.write(`lgsp audit report: PDF written to ${flags.pdf}\n`);
  }
}

/** `lgsp audit report`: a period's decisions, counts per outcome and match rates per province and commune. */
export function auditReportCommand(): Command {
  return withDatabaseOption(
    new Command('report')
      .description(
        'a period’s decisions for an auditor: counts per outcome and match rates per source, province and commune ' +
          '("94.25 %: 990,698 of 1,051,089 land parcels"), as JSON, CSV or HTML, and PDF through Chromium',
      )
      .requiredOption('--from <date>', 'start of the period (decided_at, ISO 8601)')
      .option('--to <date>', 'end of the period, excluded (default: now)')
      .option('--format <kind>', 'json, csv or html', 'json')
      .option('--out <file>', 'write the report here instead of stdout')
      .option('--pdf <file>', 'also print the HTML report to this PDF (Chromium)')
      .option('--verify', 'verify the decision log first and put its status in the report'),
  ).action((flags: ReportFlags) => report(flags));
}
