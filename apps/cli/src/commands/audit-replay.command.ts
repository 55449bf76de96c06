import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { InvalidRuleSet, RuleSet, ruleSetFrom } from '@lgsp/domain';
import { topicNames } from '@lgsp/contracts';
import {
  archiveDirOf,
  EventArchive,
  gapLine,
  InvalidReplayRequest,
  ProgressClock,
  progressLine,
  RecordChange,
  replayRequestOf,
  ReplayResult,
  ReplayRun,
} from '@lgsp/audit';
import { openCliRuntime } from './cli-runtime';
import { RuntimeFlags, withRuntimeOptions } from './runtime-flags';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** A replay that cannot start, with its cause and what to do. */
export class AuditReplayError extends Error {}

interface ReplayFlags extends RuntimeFlags {
  sources?: string;
  from?: string;
  to?: string;
  provinces?: string;
  rules?: string;
  diff?: string;
}

/**
 * `lgsp audit replay`: re-decides a window of past sectoral events as an isolated audit run and
 * prints its run id and decision digest beside the digest of the live decisions of the same events.
 * Progress (rate, ETA) goes to stderr on a terminal; stdout carries the answer only.
 */
export function auditReplayCommand(): Command {
  return withRuntimeOptions(
    new Command('replay')
      .description(
        'replay a window of sectoral events (by source commit time) against the registry as it stood at each event, ' +
          'into audit_replay tables tagged with a run id; live results, metrics and topics are not touched',
      )
      .option('--sources <list>', 'sectoral sources, comma-separated (land, insurance, business); default all')
      .requiredOption('--from <time>', 'start of the window, ISO 8601 (e.g. 2026-11-01 or 2026-11-01T00:00:00Z), included')
      .requiredOption('--to <time>', 'end of the window, ISO 8601, excluded')
      .option('--provinces <list>', 'only records counted in these 2025 province codes, comma-separated (e.g. 66,01)')
      .option('--rules <file>', 'decide under a candidate rule set (JSON: name, version, and the parameters it changes)')
      .option('--diff <file>', 'write the diff report (every record whose outcome, differences or candidates changed) as JSON'),
  ).action(async (flags: ReplayFlags) => {
    const rules = flags.rules === undefined ? undefined : ruleSetOfFile(flags.rules);
    let runtime;
    try {
      runtime = await openCliRuntime(flags);
    } catch (e) {
      throw new AuditReplayError(
        `cannot open the database or transport (${e instanceof Error ? e.message : String(e)}): check that PostgreSQL ` +
          'and the broker run, and that --database-url/DATABASE_URL and --brokers/KAFKA_BROKERS name the pipeline’s',
      );
    }
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once('SIGINT', onSignal);
    try {
      let request;
      try {
        request = replayRequestOf(
          { sources: flags.sources, from: flags.from, to: flags.to, provinces: flags.provinces },
          topicNames(runtime.settings.topicPrefix),
        );
      } catch (e) {
        if (e instanceof InvalidReplayRequest) throw new AuditReplayError(`--${e.message}`);
        throw e;
      }
      const clock = new ProgressClock();
      const tty = process.stderr.isTTY === true;
      let last = 0;
      const result = await new ReplayRun(runtime.pool, runtime.transport, new EventArchive(archiveDirOf(runtime.settings))).run(
        { ...request, rules, signal: abort.signal },
        (p) => {
          const line = progressLine(clock.report(p));
          if (tty) process.stderr.write(`\r\x1b[K${line}`);
          else if (Date.now() - last > 10_000) {
            last = Date.now();
            process.stderr.write(`${line}\n`);
          }
        },
      );
      if (tty) process.stderr.write('\r\x1b[K');
      if (flags.diff !== undefined) writeFileSync(flags.diff, `${JSON.stringify(diffReport(result), null, 2)}\n`);
      report(result, rules !== undefined);
    } catch (e) {
      if (abort.signal.aborted) throw new AuditReplayError('replay cancelled (its run is kept with status "cancelled")');
      throw e;
    } finally {
      process.off('SIGINT', onSignal);
      await runtime.close();
    }
  });
}

function ruleSetOfFile(file: string): RuleSet {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AuditReplayError(`--rules ${file}: cannot read it as JSON (${(e as Error).message})`);
  }
  try {
    return ruleSetFrom(json);
  } catch (e) {
    if (e instanceof InvalidRuleSet) throw new AuditReplayError(`--rules ${file}: ${e.message}`);
    throw e;
  }
}

/** The report an auditor hands on: the run, its rule set, and each record the rule set changed. */
function diffReport(r: ReplayResult) {
  return {
    runId: r.runId,
    ruleSet: r.ruleSet,
    digest: r.digest,
    liveDigest: r.liveDigest,
    changed: r.changes.length,
    changes: r.changes,
    otherChanges: r.otherChanges,
  };
}

const SHOWN = 20;

function report(r: ReplayResult, candidate: boolean): void {
  say(`run ${r.runId}`);
  say(`rule set ${r.ruleSet}`);
  say(
    `events: ${r.eventsRead} read (${r.fromArchive} of them from the archive), ${r.eventsInWindow} in the window, ` +
      `${r.invalid} breaking the contract`,
  );
  say(`digest ${r.digest} (${r.decided} records decided, ${r.deleted} deleted)`);
  say(`live   ${r.liveDigest} (${r.liveCount} live decisions of the same events, ${r.liveMissing} records without one)`);
  if (r.otherRuleVersions.length > 0) say(`live decisions under other rule versions: ${r.otherRuleVersions.join(', ')}`);
  if (r.gaps.length > 0) {
    say(`the window is incomplete: ${r.gaps.length} gaps, events that neither the topics nor the archive hold`);
    for (const g of r.gaps)
      say(`  ${gapLine(g)}: the replay cannot show those decisions; the digest will not match the live decisions of the window`);
    say(
      '  what to do: replay a window the topics or the archive still hold (LGSP_TOPIC_RETENTION_HOURS, ' +
        'LGSP_ARCHIVE_RETENTION_DAYS), or restore the archive days removed; an archive switched on later cannot ' +
        'give back what was consumed before',
    );
  }
  if (candidate) {
    say(`${r.changes.length} records decided otherwise than live`);
    for (const c of r.changes.slice(0, SHOWN)) say(`  ${changeLine(c)}`);
    if (r.changes.length > SHOWN) say(`  … ${r.changes.length - SHOWN} more (--diff <file> writes them all)`);
    return;
  }
  if (r.otherChanges.length > 0)
    say(`${r.otherChanges.length} records differ from live in evidence only (e.g. ${r.otherChanges[0].fields.join(', ')})`);
  if (r.gaps.length > 0) {
    say(
      r.digest === r.liveDigest
        ? 'incomplete: the events held give the live decisions, but the window’s gaps were not replayed'
        : 'incomplete: the replay differs from the live decisions, and the window’s gaps were not replayed',
    );
    process.exitCode = 4;
    return;
  }
  if (r.digest === r.liveDigest) {
    say('the replay gives the live decisions');
    return;
  }
  say(
    'the replay differs from the live decisions: compare them with ' +
      `SELECT * FROM audit_replay.decisions WHERE run_id = '${r.runId}' against reconciliation.decisions`,
  );
  process.exitCode = 3;
}

/** "land/07954.1.2: MISMATCHED → MATCHED; fullName TONE_PLACEMENT (name.tone-placement) → none". */
function changeLine(c: RecordChange): string {
  const side = (d: { kind: string; rule: string } | null) => (d === null ? 'none' : `${d.kind} (${d.rule})`);
  const parts = [
    ...(c.outcome ? [`${c.outcome.live} → ${c.outcome.replay}`] : []),
    ...c.differences.map((d) => `${d.field} ${side(d.live)} → ${side(d.replay)}`),
    ...(c.candidates ? [`candidates ${c.candidates.live.join(',') || 'none'} → ${c.candidates.replay.join(',') || 'none'}`] : []),
  ];
  return `${c.source}/${c.entityId}: ${parts.join('; ')}`;
}
