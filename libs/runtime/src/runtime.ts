import { Logger as PinoLogger } from 'pino';
import { Pool } from 'pg';
import { DataSource, MixedList } from 'typeorm';
import { Settings } from '@lgsp/config';
import { createPool, openDatabase } from '@lgsp/database';
import { createLogger } from '@lgsp/logging';
import { EmbeddedTransport, EventTransport, KafkaTransport, kafkaLogCreator } from '@lgsp/transport';
import { embeddedServer, EmbeddedServer, settingsOfInstance } from './embedded-server';
import { productMigrations } from './migrations';
import { RunningInstance } from './running-instance';

/**
 * The resources every app process shares: the database (migrated), a pg pool for bulk
 * SQL, the event transport chosen by configuration, and the masked JSON logger.
 */
export interface Runtime {
  settings: Settings;
  databaseUrl: string;
  dataSource: DataSource;
  pool: Pool;
  transport: EventTransport;
  logger: PinoLogger;
  /** The process started the embedded PostgreSQL itself (it then serves the data directory). */
  embedded?: boolean;
  /** The running `lgsp start` this process uses the database and transport of, if any. */
  instance?: RunningInstance;
  close(): Promise<void>;
  /** What close() is doing now (a stop that overruns its deadline names it). */
  closingStep?(): string;
}

export interface RuntimeOptions {
  entities?: MixedList<Function>;
  /** Applied after the product's own (the lab's tables, for the lab's commands); a product process passes none. */
  migrations?: Function[];
  logger?: PinoLogger;
  /**
   * Without DATABASE_URL, use a running `lgsp start`'s database and transport instead of starting
   * the embedded PostgreSQL (the CLI's commands). Left out: the process serves the data directory
   * itself and refuses to start beside a running instance (`lgsp start`).
   */
  attach?: boolean;
}

export async function openRuntime(given: Settings, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger(given.logLevel);
  let server: EmbeddedServer | undefined;
  let settings = given;
  let databaseUrl = settings.databaseUrl;
  if (!databaseUrl) {
    server = await embeddedServer(settings, options.attach ? 'attach' : 'own', (line) => logger.info(line));
    databaseUrl = server.url;
    if (server.instance) settings = settingsOfInstance(settings, server.instance);
  }
  const migrations = [...productMigrations(settings.transport), ...(options.migrations ?? [])];
  // A server this process started is stopped again when the database will not open (a failed migration).
  const dataSource = await openDatabase(databaseUrl, migrations, options.entities ?? []).catch(async (e: unknown) => {
    await server?.stop();
    throw e;
  });
  const pool = createPool(databaseUrl, { max: 20, logger });
  const transport: EventTransport =
    settings.transport === 'kafka'
      ? new KafkaTransport({
          brokers: settings.kafkaBrokers,
          clientId: settings.kafkaClientId,
          sessionTimeoutMs: settings.kafkaSessionTimeoutMs,
          heartbeatIntervalMs: settings.kafkaHeartbeatIntervalMs,
          // kafkajs's own account of a stall (a lost coordinator, a retried request) goes to the masked log.
          logCreator: kafkaLogCreator(logger),
        })
      : new EmbeddedTransport({
          pool,
          defaultPartitions: settings.topicPartitions,
          warn: (message, error) => logger.warn({ err: error }, message),
        });
  const embedded = server !== undefined && !server.instance;
  logger.info({ transport: transport.kind, embeddedDatabase: embedded }, 'runtime ready');
  let step = () => 'open';
  return {
    settings,
    databaseUrl,
    dataSource,
    pool,
    transport,
    logger,
    embedded,
    instance: server?.instance,
    async close() {
      step = () => `closing the ${transport.kind} transport${transport.closingStep ? `: ${transport.closingStep()}` : ''}`;
      await transport.close();
      // pg's end() waits for every client checked out to come back: name how many have not.
      step = () => `ending the database pool (${pool.totalCount - pool.idleCount} clients still checked out)`;
      await pool.end();
      step = () => 'closing the data source';
      await dataSource.destroy();
      step = () => 'stopping the embedded PostgreSQL';
      await server?.stop();
      step = () => 'closed';
    },
    closingStep: () => step(),
  };
}
