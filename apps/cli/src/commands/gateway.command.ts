import { Command } from 'commander';
import { SETTING_RULES } from '@lgsp/config';
import { runApp } from './app-process';
import { environmentWith, RuntimeFlags, withRuntimeOptions } from './runtime-flags';

/** `lgsp gateway`: the integrators' HTTP gateway, its own process in front of the pipeline's transport and database. */
export function gatewayCommand(): Command {
  const byDefault = SETTING_RULES.find((r) => r.key === 'gatewayPort')?.default;
  const command = new Command('gateway')
    .description("run the integration gateway (HTTP submissions for provincial systems) on the pipeline's transport and database")
    .option(
      '--port <port>',
      `HTTP port of the gateway (sets LGSP_GATEWAY_PORT; default ${byDefault}, apart from the pipeline's)`,
    );
  return withRuntimeOptions(command).action(async ({ port, ...flags }: RuntimeFlags) => {
    // --port is the gateway's own port, not the pipeline's HTTP_PORT: both run side by side.
    const env = environmentWith(flags);
    if (port !== undefined && port !== '') env.LGSP_GATEWAY_PORT = port;
    process.exitCode = await runApp('gateway', env);
  });
}
