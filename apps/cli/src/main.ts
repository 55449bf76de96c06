import 'reflect-metadata';
import { Command } from 'commander';
import { benchCommand } from './commands/bench/bench.command';
import { evalCommand } from './commands/eval/eval.command';
import { generateCommand } from './commands/generate.command';
import { groundTruthCommand } from './commands/ground-truth.command';
import { kafkaCommand } from './commands/kafka.command';
import { startCommand } from './commands/start.command';
import { testCommand } from './commands/test.command';

/** `lgsp`: the one command-line tool; every command has --help. */
export function lgsp(): Command {
  return new Command('lgsp')
    .description('LGSP data-integration pipeline: reconcile national sync events against the citizen registry')
    .showHelpAfterError()
    .addCommand(startCommand())
    .addCommand(testCommand())
    .addCommand(kafkaCommand())
    .addCommand(generateCommand())
    .addCommand(groundTruthCommand())
    .addCommand(evalCommand())
    .addCommand(benchCommand());
}

lgsp()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    process.stderr.write(`lgsp: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
