import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_TRANSPORT } from '@lgsp/runtime';
import { EventTransport } from '@lgsp/transport';

@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the database answers and the transport is reachable. */
  @Get('ready')
  async ready(): Promise<{ status: 'ready'; transport: string }> {
    try {
      await this.dataSource.query('SELECT 1');
      await this.transport.topicOffsets('lgsp.health');
    } catch (e) {
      throw new HttpException({ status: 'not-ready', reason: (e as Error).message }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ready', transport: this.transport.kind };
  }
}
