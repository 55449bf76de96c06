import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Authentication, Credentials, Scope, StoredCredential } from '@lgsp/access';
import { maskId } from '@lgsp/domain';
import { LOGGER } from '@lgsp/runtime';
import { ProblemException } from '../monitoring/api/problem';

/** What the guard needs of Credentials (a fake in its unit test). */
export interface Authenticator {
  authenticate(presented: string): Promise<Authentication>;
}
export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

/** The scope every record endpoint needs. */
export const RECORDS_SCOPE: Scope = 'records:read';

interface GuardedRequest {
  method: string;
  path: string;
  route?: { path?: string };
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  credential?: StoredCredential;
}
interface GuardedResponse {
  setHeader(name: string, value: string): void;
}

/** The key a request presents: `Authorization: Bearer <key>`, or `X-API-Key: <key>`. */
export function presentedKey(headers: GuardedRequest['headers']): string | null {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(one(headers.authorization) ?? '');
  if (bearer) return bearer[1];
  const key = one(headers['x-api-key'])?.trim();
  return key ? key : null;
}

const HOW =
  'send an API key as `Authorization: Bearer <key>` or `X-API-Key: <key>`; an operator creates one with ' +
  '`lgsp credentials create <name>`';

/**
 * The record endpoints return names, IDs and dates of birth: they answer only a caller with a live API key that has
 * the records scope. Every request is logged with who (credential id and name), what (route, record with its key
 * masked) and when (the log line's time); a refusal too, without the key.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(AUTHENTICATOR) private readonly credentials: Authenticator,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    const what = describe(request);
    const key = presentedKey(request.headers);
    if (key === null) return this.refuse(http.getResponse(), what, 'missing', 'Authentication required', `no API key: ${HOW}`);
    const auth = await this.credentials.authenticate(key);
    if (!auth.ok) {
      const detail =
        auth.refusal === 'revoked'
          ? 'this API key was revoked: ask the operator for a new one'
          : `this API key is not known (mistyped, or never created): ${HOW}`;
      return this.refuse(http.getResponse(), what, auth.refusal, 'Invalid API key', detail, auth.id);
    }
    if (!Credentials.allows(auth.credential, RECORDS_SCOPE)) {
      this.logger.warn(
        { access: { ...what, credentialId: auth.credential.id, credential: auth.credential.name, refused: 'scope' } },
        'record access refused',
      );
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'Missing scope',
        `this API key lacks the ${RECORDS_SCOPE} scope: ask the operator for a key that has it`,
      );
    }
    request.credential = auth.credential;
    this.logger.info(
      { access: { ...what, credentialId: auth.credential.id, credential: auth.credential.name } },
      'record access',
    );
    return true;
  }

  private refuse(
    response: GuardedResponse,
    what: Record<string, unknown>,
    refused: string,
    title: string,
    detail: string,
    credentialId?: string,
  ): never {
    this.logger.warn({ access: { ...what, refused, ...(credentialId ? { credentialId } : {}) } }, 'record access refused');
    response.setHeader('WWW-Authenticate', 'Bearer realm="lgsp-records"');
    throw new ProblemException(HttpStatus.UNAUTHORIZED, title, detail);
  }
}

/** The request as the access log names it: never a record key in clear, never a query value but the look-up ids. */
function describe(request: GuardedRequest): Record<string, unknown> {
  const params = request.params ?? {};
  const query = request.query ?? {};
  return {
    method: request.method,
    route: request.route?.path ?? request.path,
    ...(params.source ? { source: params.source } : {}),
    ...(params.entityId ? { entityId: maskId(params.entityId) } : {}),
    // The listing's filters say what was looked at (codes, kinds, ids of events and traces: nothing personal).
    // A cursor encodes a record key: only its presence is logged.
    ...(Object.keys(query).length > 0
      ? { query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, k === 'cursor' ? '(given)' : String(v)])) }
      : {}),
  };
}
