/** Every setting the apps read from the environment, with its rule and default. */
export interface Settings {
  /** Which event transport carries the sync events: Kafka in production, the PostgreSQL-backed one embedded. */
  transport: 'kafka' | 'embedded';
  /** Kafka bootstrap brokers (host:port); required when transport is kafka. */
  kafkaBrokers: string[];
  kafkaClientId: string;
  /** Kafka group session: a worker silent this long is dead and its partitions go to another (kill -9 recovery). */
  kafkaSessionTimeoutMs: number;
  /** How often a worker tells the group it is alive; well under a third of the session. */
  kafkaHeartbeatIntervalMs: number;
  /** Messages waiting and none processed for this long: the worker is stalled (/health 503, a log line); 0: never. */
  stallSeconds: number;
  /** A stop asked for (SIGTERM, Ctrl-C) that has not finished within this long ends the process anyway, with exit 1. */
  shutdownSeconds: number;
  /** PostgreSQL connection string; when absent the pipeline starts an embedded PostgreSQL. */
  databaseUrl: string | null;
  /** Where the embedded PostgreSQL keeps its data. */
  dataDir: string;
  /** `lgsp start` on an empty embedded database loads the lab's demo province and keeps it changing. */
  demo: boolean;
  embeddedPostgresPort: number;
  httpPort: number;
  /** Port of the integration gateway (`lgsp gateway`), apart from the pipeline's so both run on one host. */
  gatewayPort: number;
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
  /**
   * The Ed25519 key that signs the decision log's checkpoints: its 32-byte seed, hex or base64. A secret.
   * Absent: the product generates one beside the data directory and says so (see ADR 0011).
   */
  auditSigningKey: string | null;
  /** The gateway's token bucket per credential: requests a second it refills with (0: no rate limit)... */
  gatewayRatePerSecond: number;
  /** ...and the most it holds, the burst a system may send at once. */
  gatewayBurst: number;
  /** The pipeline's offset lag on a source's topic above which the gateway answers 429 to that source (0: never). */
  gatewayMaxLag: number;
  /** Gateway processes sharing the one port (`lgsp gateway`); each keeps its own rate buckets and database pool. */
  gatewayProcesses: number;
  /** A checkpoint once the log has grown this many leaves since the last one... */
  auditCheckpointLeaves: number;
  /** ...or once this many seconds have passed with any new leaf. */
  auditCheckpointSeconds: number;
  /** Archive every consumed event (raw bytes, headers, coordinates) so a replay outlives the topics' retention. */
  archive: boolean;
  /** Where the archive is kept; absent: `archive` beside the data directory (ADR 0017). */
  archiveDir: string | null;
  /** Days of the archive kept (by broker day); 0: kept for ever. */
  archiveRetentionDays: number;
  /** retention.ms of the source topics the pipeline creates, in hours; absent: the broker's default. */
  topicRetentionHours: number | null;
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
    env: 'KAFKA_SESSION_TIMEOUT_MS',
    key: 'kafkaSessionTimeoutMs',
    description: 'milliseconds, 3000 to 300000 (the broker bounds it with group.min/max.session.timeout.ms)',
    schema: { type: 'integer', minimum: 3000, maximum: 300000 },
    default: '6000',
  },
  {
    env: 'KAFKA_HEARTBEAT_INTERVAL_MS',
    key: 'kafkaHeartbeatIntervalMs',
    description: 'milliseconds, 100 to 60000, at most a third of KAFKA_SESSION_TIMEOUT_MS',
    schema: { type: 'integer', minimum: 100, maximum: 60000 },
    default: '500',
  },
  {
    env: 'LGSP_STALL_SECONDS',
    key: 'stallSeconds',
    description: 'seconds with messages waiting and none processed before the worker counts as stalled, 0 (never) to 86400',
    schema: { type: 'number', minimum: 0, maximum: 86400 },
    default: '120',
  },
  {
    env: 'LGSP_SHUTDOWN_SECONDS',
    key: 'shutdownSeconds',
    description: 'seconds a stop may take (finishing the batches in hand) before the process exits anyway, 1 to 3600',
    schema: { type: 'number', minimum: 1, maximum: 3600 },
    default: '25',
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
    env: 'LGSP_DEMO',
    key: 'demo',
    description:
      'true or false: lgsp start on an empty embedded database (no DATABASE_URL, embedded transport) loads a demo province and keeps it changing',
    schema: { type: 'boolean' },
    default: 'true',
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
    env: 'LGSP_GATEWAY_PORT',
    key: 'gatewayPort',
    description: 'port of the integration gateway (lgsp gateway --port), distinct from HTTP_PORT',
    schema: { type: 'integer', minimum: 0, maximum: 65535 },
    default: '3080',
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
    default: '500',
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
  {
    env: 'LGSP_AUDIT_SIGNING_KEY',
    key: 'auditSigningKey',
    description: 'the 32-byte Ed25519 seed that signs the decision log, as 64 hex digits or 44 base64 characters',
    schema: { type: 'string', pattern: '^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$' },
  },
  {
    env: 'LGSP_AUDIT_CHECKPOINT_LEAVES',
    key: 'auditCheckpointLeaves',
    description: 'decisions between two signed checkpoints of the decision log, 1 to 10000000',
    schema: { type: 'integer', minimum: 1, maximum: 10000000 },
    default: '10000',
  },
  {
    env: 'LGSP_AUDIT_CHECKPOINT_SECONDS',
    key: 'auditCheckpointSeconds',
    description: 'most seconds a new decision waits for a signed checkpoint, 1 to 86400',
    schema: { type: 'number', minimum: 1, maximum: 86400 },
    default: '60',
  },
  {
    env: 'LGSP_ARCHIVE',
    key: 'archive',
    description: "true or false: archive every consumed event so that replays outlive the topics' retention",
    schema: { type: 'boolean' },
    default: 'true',
  },
  {
    env: 'LGSP_ARCHIVE_DIR',
    key: 'archiveDir',
    description: 'directory of the event archive (default: archive beside the data directory)',
    schema: { type: 'string', minLength: 1 },
  },
  {
    env: 'LGSP_ARCHIVE_RETENTION_DAYS',
    key: 'archiveRetentionDays',
    description: 'days of events the archive keeps, 0 (for ever) to 36500',
    schema: { type: 'integer', minimum: 0, maximum: 36500 },
    default: '0',
  },
  {
    env: 'LGSP_TOPIC_RETENTION_HOURS',
    key: 'topicRetentionHours',
    description: "retention of the source topics the pipeline creates, in hours, 1 to 876000 (default: the broker's)",
    schema: { type: 'integer', minimum: 1, maximum: 876000 },
  },
  {
    env: 'LGSP_GATEWAY_RATE',
    key: 'gatewayRatePerSecond',
    description: "requests a second each credential's token bucket refills with at the gateway (0: no rate limit)",
    schema: { type: 'number', minimum: 0 },
    default: '50',
  },
  {
    env: 'LGSP_GATEWAY_BURST',
    key: 'gatewayBurst',
    description: 'most requests a credential may send at once to the gateway (the bucket size), a whole number, at least 1',
    schema: { type: 'integer', minimum: 1 },
    default: '100',
  },
  {
    env: 'LGSP_GATEWAY_MAX_LAG',
    key: 'gatewayMaxLag',
    description:
      "the pipeline's offset lag (messages) on a source's topic above which the gateway refuses that source's submissions with 429 (0: never)",
    schema: { type: 'integer', minimum: 0 },
    default: '100000',
  },
  {
    env: 'LGSP_GATEWAY_PROCESSES',
    key: 'gatewayProcesses',
    description:
      'gateway processes sharing its port, 1 to 64 (each its own rate limit buckets and database pool; more than 1 needs DATABASE_URL)',
    schema: { type: 'integer', minimum: 1, maximum: 64 },
    default: '1',
  },
];
