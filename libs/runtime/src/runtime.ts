import { Logger as PinoLogger } from 'pino';
import { Pool } from 'pg';
import { DataSource, MixedList } from 'typeorm';
import { Settings } from '@lgsp/config';
import { createPool, EmbeddedDatabase, openDatabase, startEmbeddedPostgres } from '@lgsp/database';
import { createLogger } from '@lgsp/logging';
import { EmbeddedTransport, EventTransport, KafkaTransport } from '@lgsp/transport';
import { productMigrations } from './migrations';

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
  close(): Promise<void>;
}

export interface RuntimeOptions {
  entities?: MixedList<Function>;
  /** Applied after the product's own (the lab's tables, for the lab's commands); a product process passes none. */
  migrations?: Function[];
  logger?: PinoLogger;
}

export async function openRuntime(settings: Settings, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger(settings.logLevel);
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = settings.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(settings.dataDir, settings.embeddedPostgresPort, (line) => logger.info(line));
    databaseUrl = embedded.url;
  }
  const migrations = [...productMigrations(settings.transport), ...(options.migrations ?? [])];
  const dataSource = await openDatabase(databaseUrl, migrations, options.entities ?? []);
  const pool = createPool(databaseUrl, { max: 20, logger });
  const transport: EventTransport =
    settings.transport === 'kafka'
      ? new KafkaTransport({ brokers: settings.kafkaBrokers, clientId: settings.kafkaClientId })
      : new EmbeddedTransport({
          pool,
          defaultPartitions: settings.topicPartitions,
          warn: (message, error) => logger.warn({ err: error }, message),
        });
  logger.info({ transport: transport.kind, embeddedDatabase: Boolean(embedded) }, 'runtime ready');
  return {
    settings,
    databaseUrl,
    dataSource,
    pool,
    transport,
    logger,
    async close() {
      await transport.close();
      await pool.end();
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
