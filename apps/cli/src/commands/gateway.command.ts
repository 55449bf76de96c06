import { Command } from 'commander';
import { runApp } from './app-process';
import { environmentWith, RuntimeFlags, withRuntimeOptions } from './runtime-flags';

/** `lgsp gateway`: the integrators' HTTP gateway, its own process in front of the pipeline's transport and database. */
export function gatewayCommand(): Command {
  const command = new Command('gateway')
    .description("run the integration gateway (HTTP submissions for provincial systems) on the pipeline's transport and database")
    .option('--port <port>', 'HTTP port of the gateway (sets HTTP_PORT)');
  return withRuntimeOptions(command).action(async (flags: RuntimeFlags) => {
    process.exitCode = await runApp('gateway', environmentWith(flags));
  });
}
