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
});
