import 'reflect-metadata';
import { Command } from 'commander';
import { credentialsCommand } from './commands/credentials.command';
import { kafkaCommand } from './commands/kafka.command';
import { startCommand } from './commands/start.command';
import { testCommand } from './commands/test.command';
// The lab's commands: their definitions only; each loads its tooling when it runs.
import { benchCommand } from './lab/bench/bench.command';
import { evalCommand } from './lab/eval/eval.command';
import { generateCommand } from './lab/generate.command';
import { groundTruthCommand } from './lab/ground-truth.command';

/** `lgsp`: the one command-line tool; every command has --help. */
export function lgsp(): Command {
  return new Command('lgsp')
    .description('LGSP data-integration pipeline: reconcile national sync events against the citizen registry')
    .showHelpAfterError()
    .addCommand(startCommand())
    .addCommand(testCommand())
    .addCommand(kafkaCommand())
    .addCommand(credentialsCommand())
    .addCommand(generateCommand())
    .addCommand(groundTruthCommand())
    .addCommand(evalCommand())
    .addCommand(benchCommand());
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
