import { Credentials, CredentialsRepository } from '@lgsp/access';
import type { Settings } from '@lgsp/config';
import { GatewayClient } from '@lgsp/gateway-client';
import { allTopicsOf } from '@lgsp/contracts';
import { createLogger } from '@lgsp/logging';
import type { Runtime } from '@lgsp/runtime';
import { createPool } from '@lgsp/database';
import { KafkaTransport } from '@lgsp/transport';
import { PipelineHarness, pipelineOnKafka } from '../../pipeline/test/pipeline-harness';
import { GatewayOptions, RunningGateway, startGateway } from '../src/gateway';

/** The gateway on the real broker and a fresh database, beside a pipeline harness on the same topics. */
export interface GatewayHarness {
  h: PipelineHarness;
  gateway: RunningGateway;
  credentials: Credentials;
  /** A new key with these scopes, for these sources and provinces (all when absent). */
  key(name: string, scopes?: string[], grants?: { sources?: string[]; provinces?: string[] }): Promise<string>;
  /** The typed client with a key. */
  client(key: string): GatewayClient;
  close(): Promise<void>;
}

/** `settings` go to the pipeline and the gateway alike (the gateway's rate limit and lag threshold among them). */
export async function gatewayOnKafka(options: GatewayOptions = {}, settings: Partial<Settings> = {}): Promise<GatewayHarness> {
  const h = await pipelineOnKafka(settings);
  // Every topic of the harness, the results' too, which the harness reads on close even when no worker ran.
  await h.transport.createTopics(allTopicsOf(h.topics).map((topic) => ({ topic, partitions: h.settings.topicPartitions })));
  const runtime: Runtime = {
    settings: h.settings,
    databaseUrl: h.db.scratch.url,
    dataSource: h.db.dataSource,
    pool: createPool(h.db.scratch.url),
    transport: new KafkaTransport({ brokers: h.settings.kafkaBrokers, clientId: 'lgsp-gateway-test' }),
    logger: createLogger('warn'),
    close: async () => undefined,
  };
  // The backpressure is the lag of the harness's own pipeline group.
  const gateway = await startGateway(runtime, { port: 0, topics: h.topics, consumerGroup: h.groupId, ...options });
  const credentials = new Credentials(new CredentialsRepository(h.pool));
  return {
    h,
    gateway,
    credentials,
    async key(name, scopes = ['gateway:write', 'gateway:read'], grants = {}) {
      return (await credentials.create(name, scopes, grants)).key;
    },
    client: (key) => new GatewayClient({ baseUrl: gateway.url, key }),
    async close() {
      await gateway.close();
      await runtime.transport.close();
      await runtime.pool.end();
      await h.close();
    },
  };
}
