import { KafkaTransport } from '@lgsp/transport';

describe('Kafka readiness probe', () => {
  it('fails within its bound when no broker answers, instead of retrying for half a minute', async () => {
    // Nothing listens on port 1: what a worker sees during a broker outage.
    const transport = new KafkaTransport({ brokers: ['127.0.0.1:1'], clientId: 'lgsp-probe-test' });
    try {
      const started = Date.now();
      await expect(transport.probe('lgsp.results.v1', 2000)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await transport.close();
    }
  });
});
