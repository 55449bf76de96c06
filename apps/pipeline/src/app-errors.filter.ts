import { ArgumentsHost, Catch, ExceptionFilter, HttpException, InternalServerErrorException } from '@nestjs/common';
import { Logger as PinoLogger } from 'pino';
import { Observable, throwError } from 'rxjs';
import { HealthUnavailable } from './health/health.controller';
import { sendProblem } from './monitoring/api/problem';

/**
 * The app's one global filter. HTTP: every error is application/problem+json, an unknown route's
 * 404 included (a health probe's 503 keeps its own report); an error that is not an HTTP one is a 500 whose detail says nothing of its cause
 * (which may quote a record) and is logged instead. RPC: what a handler threw passes through
 * untouched, since EventTransportServer's error policy needs the error itself (its class, code,
 * cause) to tell transient from poison; Nest's own handler would replace it with
 * `{ status: 'error', message }`. Registered app-wide: a hybrid app's microservice inherits it.
 */
interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

@Catch()
export class AppErrors implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    if (exception instanceof HealthUnavailable) {
      host.switchToHttp().getResponse<JsonResponse>().status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    if (exception instanceof HttpException) return sendProblem(host, exception);
    this.logger.error({ err: exception }, 'an HTTP request failed');
    sendProblem(host, new InternalServerErrorException('the server could not answer; the cause is in its log'));
  }
}
