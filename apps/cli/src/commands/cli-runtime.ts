import { Command } from 'commander';
import pino from 'pino';
import { loadSettings } from '@lgsp/config';
import { createLogger } from '@lgsp/logging';
import { openRuntime, Runtime } from '@lgsp/runtime';

export interface RuntimeFlags {
  transport?: string;
  brokers?: string;
  databaseUrl?: string;
  topicPrefix?: string;
}

/** The flags every command that opens the runtime accepts, as `lgsp start` does. */
export function withRuntimeOptions(command: Command): Command {
  return withDatabaseOption(command)
    .option('--transport <kind>', 'event transport: embedded or kafka (sets LGSP_TRANSPORT)')
    .option('--brokers <list>', 'Kafka brokers host:port,… (sets KAFKA_BROKERS)')
    .option('--topic-prefix <prefix>', 'publish to <prefix>.population, … (sets LGSP_TOPIC_PREFIX)');
}

/** For commands that only read the database. */
export function withDatabaseOption(command: Command): Command {
  return command.option('--database-url <url>', 'PostgreSQL URL (sets DATABASE_URL); without it an embedded PostgreSQL starts');
}

/** The process environment with the command-line flags applied over it. */
export function environmentWith(flags: RuntimeFlags): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (flags.transport) env.LGSP_TRANSPORT = flags.transport;
  if (flags.brokers) env.KAFKA_BROKERS = flags.brokers;
  if (flags.databaseUrl) env.DATABASE_URL = flags.databaseUrl;
  return env;
}

/**
 * Opens the runtime in the CLI process itself. Logs go to stderr: stdout carries the
 * command's answer (a digest, a summary) so it can be piped.
 */
export function openCliRuntime(flags: RuntimeFlags): Promise<Runtime> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (flags.transport) env.LGSP_TRANSPORT = flags.transport;
  if (flags.brokers) env.KAFKA_BROKERS = flags.brokers;
  if (flags.databaseUrl) env.DATABASE_URL = flags.databaseUrl;
  if (flags.topicPrefix) env.LGSP_TOPIC_PREFIX = flags.topicPrefix;
  const settings = loadSettings(env);
  return openRuntime(settings, { logger: createLogger(settings.logLevel, pino.destination(2)) });
}
