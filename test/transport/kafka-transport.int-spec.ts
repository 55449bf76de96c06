import { KafkaTransport } from '@lgsp/transport';
import { kafkaBrokers } from '../support/environment';
import { describeTransportConformance } from './transport-conformance';

describeTransportConformance('kafka', async () => {
  const transport = new KafkaTransport({ brokers: kafkaBrokers(), clientId: 'lgsp-conformance' });
  return { transport, close: () => transport.close() };
});
