import { Command } from 'commander';
import { brokerAnswers, defaultLayout, ensureBroker, stopBroker } from '@lgsp/kafka-local';

const say = (line: string) => process.stdout.write(`${line}\n`);

export function kafkaCommand(): Command {
  const kafka = new Command('kafka').description('a local single-node Apache Kafka broker (jars from Maven Central, no Docker)');
  kafka
    .command('start')
    .description('start the broker on 127.0.0.1:9092, or reuse one already running; returns when it answers')
    .action(async () => {
      const broker = await ensureBroker(defaultLayout(), say);
      say(`KAFKA_BROKERS=${broker.brokers.join(',')}`);
    });
  kafka
    .command('stop')
    .description('stop the broker started by `lgsp kafka start`')
    .action(async () => {
      if (!(await stopBroker(defaultLayout(), say))) say('no broker started by lgsp is running');
    });
  kafka
    .command('status')
    .description('tell whether a broker answers on the local port')
    .action(async () => {
      const layout = defaultLayout();
      const up = await brokerAnswers([`127.0.0.1:${layout.port}`]);
      say(up ? `a broker answers on 127.0.0.1:${layout.port}` : `no broker answers on 127.0.0.1:${layout.port}`);
      process.exitCode = up ? 0 : 1;
    });
  return kafka;
}
