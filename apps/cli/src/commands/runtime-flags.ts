import { Command } from 'commander';

/** The flags of the commands that open the runtime; each names the variable it sets. */
export interface RuntimeFlags {
  transport?: string;
  brokers?: string;
  databaseUrl?: string;
  topicPrefix?: string;
  port?: string;
  host?: string;
  dataDir?: string;
}

/** Each flag and the environment variable it sets: the one mapping every command uses. */
const FLAG_VARIABLES: Record<keyof RuntimeFlags, string> = {
  transport: 'LGSP_TRANSPORT',
  brokers: 'KAFKA_BROKERS',
  databaseUrl: 'DATABASE_URL',
  topicPrefix: 'LGSP_TOPIC_PREFIX',
  port: 'HTTP_PORT',
  host: 'HTTP_HOST',
  dataDir: 'LGSP_DATA_DIR',
};

/** The flags every command that opens the runtime accepts, as `lgsp start` does. */
export function withRuntimeOptions(command: Command): Command {
  return withDatabaseOption(command)
    .option('--transport <kind>', `event transport: embedded or kafka (sets ${FLAG_VARIABLES.transport})`)
    .option('--brokers <list>', `Kafka brokers host:port,… (sets ${FLAG_VARIABLES.brokers})`)
    .option('--topic-prefix <prefix>', `publish to <prefix>.population, … (sets ${FLAG_VARIABLES.topicPrefix})`);
}

/** For commands that only read the database. */
export function withDatabaseOption(command: Command): Command {
  return withDataDirOption(
    command.option(
      '--database-url <url>',
      `PostgreSQL URL (sets ${FLAG_VARIABLES.databaseUrl}); without it the running lgsp start's database is used, ` +
        'else an embedded PostgreSQL starts',
    ),
  );
}

/** The embedded PostgreSQL's data directory, where a running `lgsp start` also says where it is. */
export function withDataDirOption(command: Command): Command {
  return command.option(
    '--data-dir <dir>',
    `data directory of the embedded PostgreSQL (sets ${FLAG_VARIABLES.dataDir}; default .lgsp/pgdata)`,
  );
}

/** The process environment with the command-line flags applied over it. */
export function environmentWith(flags: RuntimeFlags, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const [flag, variable] of Object.entries(FLAG_VARIABLES) as [keyof RuntimeFlags, string][]) {
    const value = flags[flag];
    if (value !== undefined && value !== '') env[variable] = value;
  }
  return env;
}
