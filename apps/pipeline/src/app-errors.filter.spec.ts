import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { Logger as PinoLogger } from 'pino';
import { firstValueFrom } from 'rxjs';
import { AppErrors } from './app-errors.filter';
import { HealthUnavailable } from './health/health.controller';

/** What the filter sent: status, content type and body. */
function httpHost(path: string) {
  const sent: { status?: number; type?: string; body?: unknown } = {};
  const response = {
    status(code: number) {
      sent.status = code;
      return response;
    },
    type(contentType: string) {
      sent.type = contentType;
      return response;
    },
    send(body: string) {
      sent.body = JSON.parse(body);
    },
    json(body: unknown) {
      sent.type = 'application/json';
      sent.body = body;
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ path }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('the app-wide error filter', () => {
  const logged: unknown[] = [];
  const logger = { error: (fields: unknown) => logged.push(fields) } as unknown as PinoLogger;
  const filter = new AppErrors(logger);

  it("renders an unknown route's 404 as problem+json", () => {
    const { host, sent } = httpHost('/api/nope');
    filter.catch(new NotFoundException('Cannot GET /api/nope'), host);
    expect(sent).toEqual({
      status: 404,
      type: 'application/problem+json',
      body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'Cannot GET /api/nope', instance: '/api/nope' },
    });
  });

  it("answers any other error with a 500 problem leaving out the error's message (it may quote a record), which goes to the log", () => {
    const { host, sent } = httpHost('/api/lag');
    const error = new Error('duplicate key value violates unique constraint: Nguyễn Văn An');
    filter.catch(error, host);
    expect(sent.status).toBe(500);
    expect(sent.type).toBe('application/problem+json');
    expect(JSON.stringify(sent.body)).not.toContain('Nguyễn');
    expect(sent.body).toMatchObject({ title: 'Internal Server Error', status: 500, instance: '/api/lag' });
    expect(logged).toEqual([{ err: error }]);
  });

  it("keeps a health probe's own report as its 503 body", () => {
    const { host, sent } = httpHost('/ready');
    filter.catch(new HealthUnavailable({ status: 'not-ready', reason: 'the consumer is retrying' }), host);
    expect(sent).toEqual({
      status: 503,
      type: 'application/json',
      body: { status: 'not-ready', reason: 'the consumer is retrying' },
    });
  });

  it("passes what an event handler threw through untouched, for the transport's error policy", async () => {
    const poison = new TypeError('not a sync event');
    const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    const result = filter.catch(poison, host);
    await expect(firstValueFrom(result!)).rejects.toBe(poison);
  });
});
