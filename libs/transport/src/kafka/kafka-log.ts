import { logLevel, type logCreator } from 'kafkajs';

/** The part of a logger kafkajs's lines go to (the project's masked pino logger). */
export interface KafkaLogSink {
  error(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

const LEVELS: Record<number, keyof KafkaLogSink> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * kafkajs's own log (a coordinator lost, a rebalance, a request retried) through the project's
 * logger: a stall it explains is then visible. Its fields are broker, group and error names;
 * the masked logger still redacts any field named as personal data.
 */
export function kafkaLogCreator(sink: KafkaLogSink): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = log as Record<string, unknown> & { message: string };
      sink[LEVELS[level] ?? 'info']({ kafkajs: namespace, ...fields }, `kafkajs: ${message}`);
    };
}
