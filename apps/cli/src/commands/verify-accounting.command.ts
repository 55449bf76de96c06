import { Command } from 'commander';
import { account, isClean, loadAccounting, reportLines, summarise, waitUntilIdle } from '@lgsp/accounting';
import { topicNames } from '@lgsp/contracts';
import { pipelineGroupOf } from '@lgsp/reconciliation';
import type { Runtime } from '@lgsp/runtime';
import { openCliRuntime } from './cli-runtime';
import { RuntimeFlags, withRuntimeOptions } from './runtime-flags';

/** Exit codes: the accounting is clean, it found a discrepancy, or it could not be checked. */
export const ACCOUNTING_EXIT = { clean: 0, discrepancy: 1, unchecked: 2 } as const;

interface Flags extends RuntimeFlags {
  json?: boolean;
  wait?: string;
  group?: string;
  observeMs?: string;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const causeOf = (e: unknown) => (e instanceof Error ? e.message || e.name : String(e)) || 'no reason given';

/** Could not check: the cause and the next step, exit 2. */
function unchecked(json: boolean | undefined, cause: string, next: string): void {
  if (json) say(JSON.stringify({ status: 'unchecked', cause, next }));
  else process.stderr.write(`lgsp verify-accounting: could not check: ${cause}\n  next: ${next}\n`);
  process.exitCode = ACCOUNTING_EXIT.unchecked;
}

async function verify(flags: Flags): Promise<void> {
  const waitSeconds = flags.wait === undefined ? 0 : Number(flags.wait);
  const observeMs = flags.observeMs === undefined ? 2000 : Number(flags.observeMs);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0)
    return unchecked(flags.json, `--wait ${flags.wait} is not a number of seconds`, 'pass e.g. --wait 60');
  if (!Number.isInteger(observeMs) || observeMs < 0)
    return unchecked(flags.json, `--observe-ms ${flags.observeMs} is not a whole number`, 'pass e.g. --observe-ms 2000');

  let runtime: Runtime;
  try {
    runtime = await openCliRuntime(flags);
  } catch (e) {
    return unchecked(
      flags.json,
      `cannot open the deployment (${causeOf(e)})`,
      'check that PostgreSQL and the broker run and that --database-url/DATABASE_URL and --brokers/KAFKA_BROKERS name them',
    );
  }
  try {
    const prefix = runtime.settings.topicPrefix;
    const target = { topics: topicNames(prefix), groupId: flags.group ?? pipelineGroupOf(prefix) };
    if (waitSeconds > 0 && !(await waitUntilIdle(runtime.transport, target, waitSeconds * 1000)))
      process.stderr.write(`lgsp verify-accounting: the pipeline was not idle after ${waitSeconds} s; checking as it stands\n`);
    const { input, unreadable } = await loadAccounting(runtime.transport, runtime.pool, target, {
      observeMs: waitSeconds > 0 ? 0 : observeMs,
    });
    const report = account(input);
    const summary = summarise(input, report);
    if (flags.json) say(JSON.stringify({ status: summary.clean ? 'clean' : 'discrepancy', summary, unreadable, report }));
    else {
      for (const line of reportLines(summary, report)) say(line);
      if (unreadable.deadLetters + unreadable.results > 0)
        say(`unreadable: ${unreadable.deadLetters} dead letters without provenance, ${unreadable.results} results without id`);
    }
    process.exitCode = isClean(report) ? ACCOUNTING_EXIT.clean : ACCOUNTING_EXIT.discrepancy;
  } catch (e) {
    unchecked(
      flags.json,
      causeOf(e),
      'check that the topics exist (the same --topic-prefix as the pipeline) and that the broker answers, then run again',
    );
  } finally {
    await runtime.close();
  }
}

/** `lgsp verify-accounting`: every event of the source topics accounted for against the database and the other topics. */
export function verifyAccountingCommand(): Command {
  return withRuntimeOptions(
    new Command('verify-accounting').description(
      "check that every consumed event ended in its record's current result or one dead letter, no decision was " +
        'recorded twice, every decision was published and no partition is stuck (exit 0 clean, 1 discrepancy, 2 could not check)',
    ),
  )
    .option('--json', 'print the report as one JSON object')
    .option('--wait <seconds>', 'first wait until the pipeline is idle (no lag), at most this long')
    .option('--group <id>', "the pipeline's consumer group (default: the one its topic prefix gives)")
    .option('--observe-ms <ms>', 'how long committed offsets are watched to tell a moving partition from a stuck one', '2000')
    .action((flags: Flags) => verify(flags));
}
