import pino from 'pino';
import { loadSettings } from '@lgsp/config';
import { createLogger } from '@lgsp/logging';
import { openRuntime, Runtime, RuntimeOptions } from '@lgsp/runtime';
import { environmentWith, RuntimeFlags } from './runtime-flags';

/**
 * Opens the runtime in the CLI process itself. Logs go to stderr: stdout carries the
 * command's answer (a digest, a summary) so it can be piped. Without DATABASE_URL, a running
 * `lgsp start` on the data directory is used rather than a second embedded PostgreSQL.
 */
export function openCliRuntime(flags: RuntimeFlags, options: Omit<RuntimeOptions, 'logger'> = {}): Promise<Runtime> {
  const settings = loadSettings(environmentWith(flags));
  return openRuntime(settings, { ...options, attach: true, logger: createLogger(settings.logLevel, pino.destination(2)) });
}
