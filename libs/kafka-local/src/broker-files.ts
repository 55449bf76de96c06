import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BrokerLayout {
  /** Directory holding the pom that resolves the broker's jars. */
  pomDir: string;
  /** Directory holding the resolved jars (the classpath is `libDir/*`). */
  libDir: string;
  /** Working directory of the running broker: properties, logs, data, pid. */
  stateDir: string;
  port: number;
  controllerPort: number;
}

export function brokerProperties(layout: BrokerLayout): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${layout.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${layout.port},CONTROLLER://127.0.0.1:${layout.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${layout.port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${join(layout.stateDir, 'data')}`,
    'num.partitions=3',
    // A single node: every internal topic must fit on one replica, or the group
    // coordinator never becomes available.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=3',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Lets a worker ask for a group session below the broker's 6 s default minimum
    // (KAFKA_SESSION_TIMEOUT_MS, 3 s at least): a dead worker's partitions move sooner.
    'group.min.session.timeout.ms=3000',
    'auto.create.topics.enable=true',
    'delete.topic.enable=true',
    // The defaults are sized for a dedicated server, not a 2-core laptop.
    'log.cleaner.dedupe.buffer.size=1048577',
    'num.network.threads=2',
    'num.io.threads=2',
    'log.retention.hours=168',
    'log.segment.bytes=67108864',
    '',
  ].join('\n');
}

export function log4jProperties(stateDir: string): string {
  return [
    'log4j.rootLogger=INFO, file',
    'log4j.appender.file=org.apache.log4j.RollingFileAppender',
    `log4j.appender.file.File=${join(stateDir, 'broker.log')}`,
    'log4j.appender.file.MaxFileSize=20MB',
    'log4j.appender.file.MaxBackupIndex=2',
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    'log4j.logger.kafka=INFO',
    'log4j.logger.org.apache.kafka=INFO',
    'log4j.logger.state.change.logger=WARN',
    '',
  ].join('\n');
}

export function writeBrokerConfig(layout: BrokerLayout): { serverProperties: string; log4j: string } {
  mkdirSync(layout.stateDir, { recursive: true });
  const serverProperties = join(layout.stateDir, 'server.properties');
  const log4j = join(layout.stateDir, 'log4j.properties');
  writeFileSync(serverProperties, brokerProperties(layout));
  writeFileSync(log4j, log4jProperties(layout.stateDir));
  return { serverProperties, log4j };
}
