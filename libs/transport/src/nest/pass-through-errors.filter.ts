import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC exception handler replaces whatever a handler threw with
 * `{ status: 'error', message }` and logs the message, which may quote a record's values.
 * The error policy of EventTransportServer needs the error itself (its class, code, cause) to
 * tell transient from poison, and logs without messages. Registered as an app-wide filter
 * (a hybrid app's microservice inherits it; one registered on the microservice alone comes too
 * late, after Nest has set up its listeners), so HTTP errors go on to Nest's default handling.
 */
@Catch()
export class PassThroughRpcErrors extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    return super.catch(exception, host);
  }
}
