import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Reach } from '@lgsp/access';
import type { ContractViolation } from '@lgsp/contracts';

/** An RFC 9457 problem; `errors` names each failing field by its JSON pointer in what was sent, never its value. */
export class GatewayProblem extends HttpException {
  constructor(
    status: HttpStatus,
    readonly title: string,
    readonly detail: string,
    readonly errors: ContractViolation[] = [],
    readonly headers: Record<string, string> = {},
    /** Members beside the standard ones (RFC 9457 extensions), e.g. what a 403 refused. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }
}

interface HttpResponse {
  headersSent: boolean;
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
  type(contentType: string): HttpResponse;
  send(body: string): void;
  end(): void;
}

export interface RefusedRequest {
  method: string;
  path: string;
  credential?: { id: string; name: string };
}

/** The status of an error thrown below Nest (the body parser's 413 and 400 carry one). */
function statusOf(e: unknown): number {
  if (e instanceof HttpException) return e.getStatus();
  const s = (e as { status?: unknown; statusCode?: unknown } | null)?.status ?? (e as { statusCode?: unknown })?.statusCode;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : 500;
}

/** A 403 for a source or province the credential is not authorised for, naming what was refused. */
export function notAuthorised(reach: Exclude<Reach, { ok: true }>): GatewayProblem {
  const extensions =
    reach.refused === 'source'
      ? { refused: 'source', source: reach.source }
      : { refused: 'province', provinceCode: reach.provinceCode };
  return new GatewayProblem(HttpStatus.FORBIDDEN, 'Not authorised', reach.detail, [], {}, extensions);
}

/** Every error of the gateway, 404 and the body parser's included, as application/problem+json. */
@Catch()
export class GatewayProblemFilter implements ExceptionFilter {
  constructor(
    private readonly onUnexpected: (e: unknown) => void,
    /** A refusal after authentication (a source or province not granted), for the access log. */
    private readonly onRefused: (request: RefusedRequest, refusal: Record<string, unknown>) => void = () => undefined,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<HttpResponse>();
    const status = statusOf(exception);
    if (status >= 500 && !(exception instanceof GatewayProblem)) this.onUnexpected(exception);
    const problem = exception instanceof GatewayProblem ? exception : undefined;
    if (problem && status === 403 && problem.extensions.refused)
      this.onRefused(http.getRequest<RefusedRequest>(), problem.extensions);
    const body: Record<string, unknown> = {
      type: 'about:blank',
      title:
        problem?.title ??
        (status === 413 ? 'Body too large' : status === 404 ? 'Not found' : status >= 500 ? 'Internal error' : 'Bad request'),
      status,
      // An unexpected error's own message may quote input: the caller gets only whether to retry.
      detail:
        problem?.detail ??
        (status === 413
          ? 'the body is larger than this endpoint takes: send fewer records per request (bulk: NDJSON)'
          : status === 404
            ? 'no such endpoint: see docs/gateway.md'
            : status >= 500
              ? 'the gateway failed; retry later with the same idempotency key'
              : 'the request could not be read'),
    };
    if (problem) Object.assign(body, problem.extensions);
    if (problem && problem.errors.length > 0) body.errors = problem.errors;
    if (response.headersSent) return response.end();
    for (const [name, value] of Object.entries(problem?.headers ?? {})) response.setHeader(name, value);
    response.status(status).type('application/problem+json').send(JSON.stringify(body));
  }
}
