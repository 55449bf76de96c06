import { HttpException } from '@nestjs/common';
import type { ConsumerStatus } from '@lgsp/transport';
import { HealthController } from './health.controller';
import type { ConsumerHealth } from './consumer-health.service';

function controllerWith(status: ConsumerStatus | undefined): HealthController {
  const consumer = { status: () => status } as unknown as ConsumerHealth;
  return new HealthController(undefined as never, undefined as never, undefined as never, consumer);
}

const status = (state: ConsumerStatus['state']): ConsumerStatus => ({ state, retrying: [], pausedTopics: [] });

describe('HealthController.health (liveness)', () => {
  it.each(['running', 'paused', 'retrying', 'starting'] as const)('is ok while the consumer is %s', (state) => {
    expect(controllerWith(status(state)).health()).toEqual({ status: 'ok' });
  });

  it('is ok in a process without a consumer', () => {
    expect(controllerWith(undefined).health()).toEqual({ status: 'ok' });
  });

  it('answers 503 once the consumer has crashed for good, naming it', () => {
    const crashed = {
      ...status('crashed'),
      crash: { errorClass: 'KafkaJSNumberOfRetriesExceeded', kind: 'transient', restarting: false },
    };
    let thrown: unknown;
    try {
      controllerWith(crashed).health();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(HttpException);
    expect((thrown as HttpException).getStatus()).toBe(503);
    expect((thrown as HttpException).getResponse()).toMatchObject({ status: 'dead', consumer: { state: 'crashed' } });
  });

  it('answers 503 stalled when messages wait and none was processed for the stall time', () => {
    const stalled = { ...status('running'), stalled: { lag: 40, idleMs: 121_000, since: '2026-01-01T00:00:00.000Z' } };
    let thrown: unknown;
    try {
      controllerWith(stalled).health();
    } catch (e) {
      thrown = e;
    }
    expect((thrown as HttpException).getStatus()).toBe(503);
    expect((thrown as HttpException).getResponse()).toMatchObject({
      status: 'stalled',
      reason: '40 messages wait and none was processed for 121 s',
    });
  });
});

describe('HealthController.ready (readiness)', () => {
  it('runs its checks side by side and answers within a second when both hang', async () => {
    const hang = () => new Promise<never>(() => undefined);
    const transport = {
      kind: 'kafka',
      probe: (_topic: string, timeoutMs: number) =>
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no broker within ${timeoutMs} ms`)), timeoutMs)),
    };
    const controller = new HealthController(
      { query: hang } as never,
      transport as never,
      { topics: { results: 'r' } } as never,
      { status: () => undefined } as unknown as ConsumerHealth,
    );
    const started = Date.now();
    const answer = await controller.ready().catch((e: HttpException) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((answer as HttpException).getStatus()).toBe(503);
    expect(JSON.stringify((answer as HttpException).getResponse())).toMatch(/database did not answer.*no broker within/);
  });
});
