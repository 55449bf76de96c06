import { Command } from 'commander';
import { environmentWith, withRuntimeOptions } from './runtime-flags';

describe('the flags → environment mapping', () => {
  it('sets each variable from its flag, over the environment given, which it leaves alone', () => {
    const base = { LGSP_TOPIC_PREFIX: 'old', PATH: '/bin' };
    const env = environmentWith(
      {
        transport: 'kafka',
        brokers: 'b:9092',
        databaseUrl: 'postgres://x/y',
        topicPrefix: 'x',
        port: '8080',
        host: '0.0.0.0',
        dataDir: '/var/lib/lgsp',
      },
      base,
    );
    expect(env).toEqual({
      PATH: '/bin',
      LGSP_TRANSPORT: 'kafka',
      KAFKA_BROKERS: 'b:9092',
      DATABASE_URL: 'postgres://x/y',
      LGSP_TOPIC_PREFIX: 'x',
      HTTP_PORT: '8080',
      HTTP_HOST: '0.0.0.0',
      LGSP_DATA_DIR: '/var/lib/lgsp',
    });
    expect(base).toEqual({ LGSP_TOPIC_PREFIX: 'old', PATH: '/bin' });
  });

  it('keeps the environment where a flag is absent or empty', () => {
    expect(environmentWith({ topicPrefix: '' }, { LGSP_TOPIC_PREFIX: 'p' })).toEqual({ LGSP_TOPIC_PREFIX: 'p' });
  });

  it('maps what commander parses from the command line', () => {
    const command = withRuntimeOptions(new Command('start').option('--port <port>')).exitOverride();
    command.parse(['--topic-prefix', 'x', '--transport', 'kafka', '--port', '3001', '--data-dir', 'd'], { from: 'user' });
    expect(environmentWith(command.opts(), {})).toEqual({
      LGSP_TOPIC_PREFIX: 'x',
      LGSP_TRANSPORT: 'kafka',
      HTTP_PORT: '3001',
      LGSP_DATA_DIR: 'd',
    });
  });
});
