import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';

export interface InvalidParam {
  name: string;
  reason: string;
}

/** An RFC 9457 problem; `invalid-params` names each offending field (the RFC's own example extension). */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly title: string,
    readonly detail: string,
    readonly invalidParams: InvalidParam[] = [],
  ) {
    super(detail, status);
  }
}

export class InvalidRequest extends ProblemException {
  constructor(invalidParams: InvalidParam[]) {
    super(
      HttpStatus.BAD_REQUEST,
      'Invalid request parameters',
      invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; '),
      invalidParams,
    );
  }
}

/** The parts of Express's request and response the filter uses (the platform under Nest here). */
interface HttpRequest {
  path: string;
}
interface HttpResponse {
  status(code: number): HttpResponse;
  type(contentType: string): HttpResponse;
  send(body: string): void;
}

/** The problem+json body of an HTTP error: the status's own title unless the error names one. */
export function problemBody(exception: HttpException, path: string): Record<string, unknown> {
  const status = exception.getStatus();
  const body: Record<string, unknown> = {
    type: 'about:blank',
    title: exception instanceof ProblemException ? exception.title : (STATUS_CODES[status] ?? 'Error'),
    status,
    detail: exception.message,
    instance: path,
  };
  if (exception instanceof ProblemException && exception.invalidParams.length > 0)
    body['invalid-params'] = exception.invalidParams;
  return body;
}

export function sendProblem(host: ArgumentsHost, exception: HttpException): void {
  const http = host.switchToHttp();
  const body = problemBody(exception, http.getRequest<HttpRequest>().path);
  http.getResponse<HttpResponse>().status(exception.getStatus()).type('application/problem+json').send(JSON.stringify(body));
}

/** Renders every HTTP error of the monitoring API as application/problem+json. */
@Catch(HttpException)
export class ProblemFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    sendProblem(host, exception);
  }
}
