import { createServer, Server, Socket } from 'node:net';
import { classifyError } from '../errors';
import { BrokerRequestTimeout, KafkaTransport } from './kafka-transport';

/**
 * A "broker" that accepts connections and never answers: the wedged connection kafkajs would
 * otherwise wait on through all its retries (minutes), holding up the registry-first gate.
 */
describe('KafkaTransport admin requests against a broker that never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];
  let port = 0;

  beforeAll(async () => {
    server = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });

  it('fail within the admin bound with a retriable BrokerRequestTimeout, for every admin request', async () => {
    const transport = new KafkaTransport({ brokers: [`127.0.0.1:${port}`], adminTimeoutMs: 300 });
    try {
      for (const request of [() => transport.topicOffsets('lgsp.sources.land.v1'), () => transport.groupOffsets('g', 't')]) {
        const started = Date.now();
        const error = await request().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(BrokerRequestTimeout);
        expect(Date.now() - started).toBeLessThan(2000);
        expect((error as BrokerRequestTimeout).retriable).toBe(true);
        expect(classifyError(error)).toMatchObject({ verdict: 'TRANSIENT', kind: 'broker-unavailable' });
      }
    } finally {
      await transport.close();
    }
  });
});
