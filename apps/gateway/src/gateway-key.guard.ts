import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Logger } from 'pino';
import { Credentials, Scope, StoredCredential } from '@lgsp/access';
import { maskId } from '@lgsp/domain';
import { LOGGER } from '@lgsp/runtime';
import { GatewayProblem } from './problem';

export const CREDENTIALS = Symbol('CREDENTIALS');
export const NEEDS_SCOPE = 'lgsp:needs-scope';

interface GuardedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string>;
  credential?: StoredCredential;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="lgsp-gateway"' };

/**
 * Every gateway endpoint needs a live key with the endpoint's scope. Every access is logged: who (credential id
 * and name), what (method, route, source, record key masked), when (the line's time); refusals too, never the key.
 */
@Injectable()
export class GatewayKeyGuard implements CanActivate {
  constructor(
    @Inject(CREDENTIALS) private readonly credentials: Credentials,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const scope = this.reflector.get<Scope>(NEEDS_SCOPE, context.getHandler());
    const params = request.params ?? {};
    const what = {
      method: request.method,
      route: request.path.replace(params.entityId ?? '\0', maskId(params.entityId ?? '')),
      ...(params.source ? { source: params.source } : {}),
    };
    const bearer =
      /^Bearer\s+(\S+)\s*$/i.exec(one(request.headers.authorization) ?? '')?.[1] ?? one(request.headers['x-api-key']);
    if (!bearer) {
      this.logger.warn({ access: { ...what, refused: 'missing' } }, 'gateway access refused');
      throw new GatewayProblem(
        HttpStatus.UNAUTHORIZED,
        'Authentication required',
        "send the system's key as `Authorization: Bearer <key>`",
        [],
        CHALLENGE,
      );
    }
    const auth = await this.credentials.authenticate(bearer);
    if (!auth.ok) {
      this.logger.warn(
        { access: { ...what, refused: auth.refusal, ...(auth.id ? { credentialId: auth.id } : {}) } },
        'gateway access refused',
      );
      const detail =
        auth.refusal === 'revoked'
          ? 'this key was revoked: ask the operator for a new one'
          : 'this key is not known: check it, or ask the operator for one';
      throw new GatewayProblem(HttpStatus.UNAUTHORIZED, 'Invalid API key', detail, [], CHALLENGE);
    }
    const who = { credentialId: auth.credential.id, credential: auth.credential.name };
    if (scope && !Credentials.allows(auth.credential, scope)) {
      this.logger.warn({ access: { ...what, ...who, refused: 'scope' } }, 'gateway access refused');
      throw new GatewayProblem(
        HttpStatus.FORBIDDEN,
        'Missing scope',
        `this key lacks the ${scope} scope: ask the operator for one that has it`,
      );
    }
    request.credential = auth.credential;
    this.logger.info({ access: { ...what, ...who } }, 'gateway access');
    return true;
  }
}
