/** Every setting the apps read from the environment, with its rule and default. */
export interface Settings {
  /** Which event transport carries the sync events: Kafka in production, the PostgreSQL-backed one embedded. */
  transport: 'kafka' | 'embedded';
  /** Kafka bootstrap brokers (host:port); required when transport is kafka. */
  kafkaBrokers: string[];
  kafkaClientId: string;
  /** PostgreSQL connection string; when absent the pipeline starts an embedded PostgreSQL. */
  databaseUrl: string | null;
  /** Where the embedded PostgreSQL keeps its data. */
  dataDir: string;
  embeddedPostgresPort: number;
  httpPort: number;
  /** Interface the HTTP server binds to (0.0.0.0 in a container). */
  httpHost: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Partitions of each source topic (the unit of parallelism of a consumer group). */
  topicPartitions: number;
  /** Partitions a worker processes at the same time (kafkajs' partitionsConsumedConcurrently). */
  workerConcurrency: number;
  /** Most events a worker takes from one partition in one batch. */
  maxBatchSize: number;
  /** Population events the group may be behind before the sectoral topics wait for the registry (0: never). */
  registryFirstLag: number;
  /** Dead-letter a message whose key or headers break the contract instead of reconciling it with a producer finding. */
  strictProducers: boolean;
  /** Names the topics `<prefix>.population` … instead of the contract's defaults (separate environments, evaluations). */
  topicPrefix: string | null;
  /** How often the monitor takes a metrics snapshot, publishes it and evaluates the alerts. */
  metricsIntervalMs: number;
  /** Alert thresholds (see the README's monitoring section). */
  alertLagMessages: number;
  alertLagSeconds: number;
  alertLagForSeconds: number;
  alertWindowSeconds: number;
  alertMatchRateDropPoints: number;
  alertDeadLetterRate: number;
  alertMinEvents: number;
}

export interface SettingRule {
  env: string;
  key: keyof Settings;
  description: string;
  schema: Record<string, unknown>;
  default?: string;
}

export const SETTING_RULES: SettingRule[] = [
  {
    env: 'LGSP_TRANSPORT',
    key: 'transport',
    description: 'kafka or embedded',
    schema: { enum: ['kafka', 'embedded'] },
    default: 'embedded',
  },
  {
    env: 'KAFKA_BROKERS',
    key: 'kafkaBrokers',
    description: 'comma-separated host:port list',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._\\-\\[\\]:]+:[0-9]{1,5}(,[A-Za-z0-9._\\-\\[\\]:]+:[0-9]{1,5})*$' },
  },
  {
    env: 'KAFKA_CLIENT_ID',
    key: 'kafkaClientId',
    description: 'Kafka client id',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,100}$' },
    default: 'lgsp',
  },
  {
    env: 'DATABASE_URL',
    key: 'databaseUrl',
    description: 'postgres://user[:password]@host:port/database',
    schema: { type: 'string', pattern: '^postgres(ql)?://[^\\s/]+/[^\\s/?]+(\\?\\S*)?$' },
  },
  {
    env: 'LGSP_DATA_DIR',
    key: 'dataDir',
    description: 'directory of the embedded PostgreSQL data',
    schema: { type: 'string', minLength: 1 },
    default: '.lgsp/pgdata',
  },
  {
    env: 'LGSP_EMBEDDED_PG_PORT',
    key: 'embeddedPostgresPort',
    description: 'TCP port of the embedded PostgreSQL',
    schema: { type: 'integer', minimum: 1024, maximum: 65535 },
    default: '54329',
  },
  {
    env: 'HTTP_PORT',
    key: 'httpPort',
    description: 'port of the HTTP API and dashboard',
    schema: { type: 'integer', minimum: 0, maximum: 65535 },
    default: '3000',
  },
  {
    env: 'HTTP_HOST',
    key: 'httpHost',
    description: 'an IP address to bind, e.g. 127.0.0.1 or 0.0.0.0',
    schema: { type: 'string', pattern: '^[0-9a-fA-F.:]+$' },
    default: '127.0.0.1',
  },
  {
    env: 'LOG_LEVEL',
    key: 'logLevel',
    description: 'fatal, error, warn, info, debug, trace or silent',
    schema: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    default: 'info',
  },
  {
    env: 'LGSP_TOPIC_PREFIX',
    key: 'topicPrefix',
    description: 'letters, digits, dots, dashes or underscores',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,100}$' },
  },
  {
    env: 'LGSP_TOPIC_PARTITIONS',
    key: 'topicPartitions',
    description: 'partitions per source topic',
    schema: { type: 'integer', minimum: 1, maximum: 256 },
    default: '6',
  },
  {
    env: 'LGSP_WORKER_CONCURRENCY',
    key: 'workerConcurrency',
    description: 'partitions a worker processes at once, 1 to 64',
    schema: { type: 'integer', minimum: 1, maximum: 64 },
    default: '2',
  },
  {
    env: 'LGSP_MAX_BATCH_SIZE',
    key: 'maxBatchSize',
    description: 'most events per batch from one partition, 1 to 100000',
    schema: { type: 'integer', minimum: 1, maximum: 100000 },
    default: '2000',
  },
  {
    env: 'LGSP_REGISTRY_FIRST_LAG',
    key: 'registryFirstLag',
    description: 'population events behind before sectoral topics wait, a whole number (0: never wait)',
    schema: { type: 'integer', minimum: 0 },
    default: '2000',
  },
  {
    env: 'LGSP_STRICT_PRODUCERS',
    key: 'strictProducers',
    description: 'true or false: dead-letter key and header mistakes instead of reconciling them as producer findings',
    schema: { type: 'boolean' },
    default: 'false',
  },
  {
    env: 'LGSP_METRICS_INTERVAL_MS',
    key: 'metricsIntervalMs',
    description: 'milliseconds between metric snapshots, 100 to 3600000',
    schema: { type: 'integer', minimum: 100, maximum: 3600000 },
    default: '5000',
  },
  {
    env: 'LGSP_ALERT_LAG_MESSAGES',
    key: 'alertLagMessages',
    description: 'offset lag (messages) that makes a source late, a whole number',
    schema: { type: 'integer', minimum: 0 },
    default: '1000',
  },
  {
    env: 'LGSP_ALERT_LAG_SECONDS',
    key: 'alertLagSeconds',
    description: 'event-time lag (seconds) that makes a source late',
    schema: { type: 'number', minimum: 0 },
    default: '60',
  },
  {
    env: 'LGSP_ALERT_LAG_FOR_SECONDS',
    key: 'alertLagForSeconds',
    description: 'seconds a source must stay late before the lag alert opens',
    schema: { type: 'number', minimum: 0 },
    default: '30',
  },
  {
    env: 'LGSP_ALERT_WINDOW_SECONDS',
    key: 'alertWindowSeconds',
    description: 'window (seconds) of the match-rate drop and dead-letter spike alerts',
    schema: { type: 'number', minimum: 1 },
    default: '300',
  },
  {
    env: 'LGSP_ALERT_MATCH_RATE_DROP',
    key: 'alertMatchRateDropPoints',
    description: 'match-rate drop in percentage points within the window, 0 to 100',
    schema: { type: 'number', minimum: 0, maximum: 100 },
    default: '5',
  },
  {
    env: 'LGSP_ALERT_DEAD_LETTER_RATE',
    key: 'alertDeadLetterRate',
    description: 'share of dead-lettered messages within the window, 0 to 1',
    schema: { type: 'number', minimum: 0, maximum: 1 },
    default: '0.05',
  },
  {
    env: 'LGSP_ALERT_MIN_EVENTS',
    key: 'alertMinEvents',
    description: 'fewest results or messages a rate alert is judged on, a whole number',
    schema: { type: 'integer', minimum: 1 },
    default: '100',
  },
];
