import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { REPO_ROOT } from './commands/app-process';
import { addAuditLogCommands } from './commands/audit-log.command';
import { auditReportCommand } from './commands/audit-report.command';
import { auditReplayCommand } from './commands/audit-replay.command';
import { credentialsCommand } from './commands/credentials.command';
import { gatewayCommand } from './commands/gateway.command';
import { kafkaCommand } from './commands/kafka.command';
import { resetCommand } from './commands/reset.command';
import { startCommand } from './commands/start.command';
import { testCommand } from './commands/test.command';
import { verifyAccountingCommand } from './commands/verify-accounting.command';
// The lab's commands: their definitions only; each loads its tooling when it runs.
import { auditBenchCommand } from './lab/bench/audit-bench.command';
import { benchCommand } from './lab/bench/bench.command';
import { evalCommand } from './lab/eval/eval.command';
import { generateCommand } from './lab/generate.command';
import { groundTruthCommand } from './lab/ground-truth.command';

/** The installed package's version: a production install has package.json beside dist/ too. */
function version(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** `lgsp`: the one command-line tool; every command has --help. */
export function lgsp(): Command {
  return new Command('lgsp')
    .description('LGSP data-integration pipeline: reconcile national sync events against the citizen registry')
    .version(version(), '-V, --version', 'print the version of lgsp')
    .showHelpAfterError()
    .addCommand(startCommand())
    .addCommand(testCommand())
    .addCommand(kafkaCommand())
    .addCommand(credentialsCommand())
    .addCommand(resetCommand())
    .addCommand(verifyAccountingCommand())
    .addCommand(
      addAuditLogCommands(
        new Command('audit')
          .description('audits of past decisions: replay a window, verify the decision log, prove a decision, export')
          .addCommand(auditReplayCommand())
          .addCommand(auditReportCommand()),
      ),
    )
    .addCommand(gatewayCommand())
    .addCommand(generateCommand())
    .addCommand(groundTruthCommand())
    .addCommand(evalCommand())
    .addCommand(benchCommand())
    .addCommand(auditBenchCommand());
}

lgsp()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    // A library may reject with no value or an empty error: say so rather than print `undefined`.
    const cause = e instanceof Error ? e.message || e.name : e === undefined ? '' : String(e);
    process.stderr.write(
      `lgsp: ${cause || 'failed without saying why (a library rejected with no reason); run again with LOG_LEVEL=debug'}\n`,
    );
    process.exit(1);
  });
