import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Logger } from 'pino';
import type { StoredCredential } from '@lgsp/access';
import { SourceName, SOURCE_NAMES, TopicNames } from '@lgsp/contracts';
import { LOGGER } from '@lgsp/runtime';
import { PipelineLag } from './pipeline-lag';
import { GatewayProblem } from './problem';
import { TokenBuckets } from './token-buckets';

export const ADMISSION = Symbol('ADMISSION');
/** On a handler that publishes to the source of its `:source` parameter: refused while the pipeline is behind on it. */
export const WAITS_FOR_PIPELINE = 'lgsp:waits-for-pipeline';

export interface Admission {
  buckets: TokenBuckets;
  lag: PipelineLag;
  topics: TopicNames;
  /** Offset lag above which a source's submissions are refused; 0: never. */
  maxLag: number;
  /** What a backpressure refusal tells the caller to wait. */
  backpressureRetrySeconds: number;
}

/**
 * After the key guard: each system's requests through its token bucket, and submissions refused while the pipeline
 * is more than the configured lag behind on the source's topic. Either is 429 with Retry-After, before anything is
 * read or published: the caller sends the same request again later, nothing is dropped.
 */
@Injectable()
export class AdmissionGuard implements CanActivate {
  constructor(
    @Inject(ADMISSION) private readonly admission: Admission,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<{ method: string; credential?: StoredCredential; params?: Record<string, string> }>();
    const credential = request.credential!;
    const taken = this.admission.buckets.take(credential.id);
    if (!taken.ok) {
      this.logger.warn(
        { access: { method: request.method, credentialId: credential.id, refused: 'rate' } },
        'gateway access refused',
      );
      throw tooMany(
        'Rate limit',
        `this system sent more requests than its rate allows: send again after ${taken.retryAfterSeconds} s (Retry-After), with the same idempotency key`,
        taken.retryAfterSeconds,
        'rate',
      );
    }
    const source = request.params?.source;
    const waits = this.reflector.get<boolean>(WAITS_FOR_PIPELINE, context.getHandler());
    if (!waits || this.admission.maxLag <= 0 || !source || !(SOURCE_NAMES as readonly string[]).includes(source)) return true;
    let lag: number;
    try {
      lag = await this.admission.lag.of(this.admission.topics.sources[source as SourceName]);
    } catch (e) {
      // Not measurable (the broker is unreachable): the publish itself will fail and say to retry.
      this.logger.warn({ err: e, source }, 'gateway could not measure the pipeline lag');
      return true;
    }
    if (lag <= this.admission.maxLag) return true;
    const wait = this.admission.backpressureRetrySeconds;
    this.logger.warn(
      { access: { method: request.method, credentialId: credential.id, source, refused: 'backpressure', lag } },
      'gateway access refused',
    );
    throw tooMany(
      'Pipeline behind',
      `the pipeline is ${lag} events behind on ${source} (more than ${this.admission.maxLag}): nothing was published; send again after ${wait} s (Retry-After), with the same idempotency key`,
      wait,
      'backpressure',
    );
  }
}

function tooMany(title: string, detail: string, seconds: number, refused: string): GatewayProblem {
  return new GatewayProblem(
    HttpStatus.TOO_MANY_REQUESTS,
    title,
    detail,
    [],
    { 'Retry-After': String(seconds) },
    { refused, retryAfterSeconds: seconds },
  );
}
