import { InvalidSettingsError, loadSettings } from './load-settings';

describe('loadSettings', () => {
  it('applies the defaults of an empty environment', () => {
    const s = loadSettings({});
    expect(s.transport).toBe('embedded');
    expect(s.databaseUrl).toBeNull();
    expect(s.httpPort).toBe(3000);
    // The gateway runs beside the pipeline on one host: its default port must not be the pipeline's.
    expect(s.gatewayPort).not.toBe(s.httpPort);
    expect(s.kafkaBrokers).toEqual([]);
  });

  it('reads and coerces given values', () => {
    const s = loadSettings({
      LGSP_TRANSPORT: 'kafka',
      KAFKA_BROKERS: '127.0.0.1:9092,broker-2:19092',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/lgsp',
      HTTP_PORT: '8080',
    });
    expect(s.transport).toBe('kafka');
    expect(s.kafkaBrokers).toEqual(['127.0.0.1:9092', 'broker-2:19092']);
    expect(s.httpPort).toBe(8080);
  });

  it('names every malformed setting and does not echo its value', () => {
    let error: unknown;
    try {
      loadSettings({ LGSP_TRANSPORT: 'rabbit', HTTP_PORT: 'eighty', DATABASE_URL: 'mysql://secret-password@x/y' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidSettingsError);
    const message = (error as Error).message;
    expect(message).toContain('LGSP_TRANSPORT');
    expect(message).toContain('HTTP_PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('secret-password');
    expect((error as InvalidSettingsError).problems).toHaveLength(3);
  });

  it('requires KAFKA_BROKERS when the transport is kafka', () => {
    expect(() => loadSettings({ LGSP_TRANSPORT: 'kafka' })).toThrow(/KAFKA_BROKERS is missing/);
  });

  it('defaults the group session to 6 s with heartbeats every 0.5 s, and refuses a heartbeat over a third of it', () => {
    expect(loadSettings({})).toMatchObject({ kafkaSessionTimeoutMs: 6000, kafkaHeartbeatIntervalMs: 500, stallSeconds: 120 });
    expect(loadSettings({ KAFKA_SESSION_TIMEOUT_MS: '9000', KAFKA_HEARTBEAT_INTERVAL_MS: '3000' }).kafkaSessionTimeoutMs).toBe(
      9000,
    );
    expect(() => loadSettings({ KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '2500' })).toThrow(
      /KAFKA_HEARTBEAT_INTERVAL_MS is too long/,
    );
    expect(() => loadSettings({ LGSP_STALL_SECONDS: '-1' })).toThrow(/LGSP_STALL_SECONDS is malformed/);
  });
});
