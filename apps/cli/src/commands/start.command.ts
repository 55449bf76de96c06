import { Command } from 'commander';
import { runApp } from './app-process';
import { environmentWith, RuntimeFlags, withRuntimeOptions } from './runtime-flags';

export function startCommand(): Command {
  const command = new Command('start')
    .description('run the whole pipeline in one process (embedded PostgreSQL and transport unless configured otherwise)')
    .option('--port <port>', 'HTTP port of the API and dashboard (sets HTTP_PORT)');
  return withRuntimeOptions(command).action(async (flags: RuntimeFlags) => {
    process.exitCode = await runApp('pipeline', environmentWith(flags));
  });
}
