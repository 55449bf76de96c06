import { logLevel } from 'kafkajs';
import { kafkaLogCreator } from './kafka-log';

describe('kafkaLogCreator', () => {
  it("hands kafkajs's lines to the project's logger at their level, with their fields and namespace", () => {
    const lines: [string, object, string][] = [];
    const sink = {
      error: (f: object, m: string) => lines.push(['error', f, m]),
      warn: (f: object, m: string) => lines.push(['warn', f, m]),
      info: (f: object, m: string) => lines.push(['info', f, m]),
      debug: (f: object, m: string) => lines.push(['debug', f, m]),
    };
    const log = kafkaLogCreator(sink)(logLevel.WARN);
    log({
      namespace: 'Runner',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: { message: 'The group is rebalancing', timestamp: 'now', groupId: 'g', retryCount: 1 },
    });
    log({ namespace: 'Connection', level: logLevel.WARN, label: 'WARN', log: { message: 'slow', timestamp: 'now' } });
    expect(lines).toEqual([
      ['error', { kafkajs: 'Runner', groupId: 'g', retryCount: 1 }, 'kafkajs: The group is rebalancing'],
      ['warn', { kafkajs: 'Connection' }, 'kafkajs: slow'],
    ]);
  });
});
