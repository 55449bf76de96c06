import { createHash, randomUUID } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { SourceName, SyncEventValidator, TopicNames } from '@lgsp/contracts';
import type { EventProducer } from '@lgsp/transport';
import { GatewayProblem } from './problem';
import { envelopeOf, messageOf, Submission, submissionPath, submissionShapeViolations } from './submission';
import { SubmissionsRepository } from './submissions.repository';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  replayed: boolean;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * One submission: decoded, validated with the pipeline's schemas, published (acks from all in-sync replicas) and
 * answered with its tracking id once the broker has it. The first final answer to a key is kept and given again.
 */
export class SubmissionService {
  constructor(
    private readonly validator: SyncEventValidator,
    private readonly producer: EventProducer,
    private readonly topics: TopicNames,
    private readonly submissions: SubmissionsRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async submit(credentialId: string, source: SourceName, idempotencyKey: string, bytes: Buffer): Promise<Answer> {
    const bodySha256 = createHash('sha256').update(bytes).digest();
    const earlier = await this.submissions.find(credentialId, idempotencyKey);
    if (earlier) {
      if (!earlier.bodySha256.equals(bodySha256))
        throw new GatewayProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'Idempotency key reused',
          'this idempotency key was used for a different body: use a new key for a new submission (not worth a retry)',
        );
      return { status: earlier.status, body: earlier.answer, replayed: true };
    }
    const trackingId = randomUUID();
    const { status, body, entityId } = await this.decide(source, bytes, trackingId as string);
    const stored = await this.submissions.insert({
      credentialId,
      idempotencyKey,
      bodySha256,
      trackingId,
      source,
      entityId,
      status,
      answer: body,
    });
    // A concurrent request with the same key stored its answer first: that one is the first answer.
    if (!stored) return this.submit(credentialId, source, idempotencyKey, bytes);
    return { status, body, replayed: false };
  }

  private async decide(
    source: SourceName,
    bytes: Buffer,
    trackingId: string,
  ): Promise<{ status: number; body: Record<string, unknown>; entityId: string }> {
    const refused = (detail: string, errors: { path: string; message: string; keyword: string }[]) => ({
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      body: { type: 'about:blank', title: 'Invalid submission', status: 422, detail, errors },
      entityId: '',
    });
    let text: string;
    try {
      text = STRICT_UTF8.decode(bytes);
    } catch {
      throw new GatewayProblem(
        HttpStatus.BAD_REQUEST,
        'Not UTF-8',
        'the body must be UTF-8 encoded JSON: fix the encoding, then send it again',
        [{ path: '', message: 'must be UTF-8 encoded', keyword: 'encoding' }],
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // The SyntaxError's text quotes the input, which may be personal data.
      throw new GatewayProblem(
        HttpStatus.BAD_REQUEST,
        'Malformed JSON',
        'the body is not valid JSON: fix it, then send it again',
        [{ path: '', message: 'must be valid JSON', keyword: 'json' }],
      );
    }
    const shape = submissionShapeViolations(value);
    if (shape.length > 0) return refused('the submission does not have the shape of one: see errors', shape);
    const submission = value as Submission;
    const event = envelopeOf(source, submission, this.now(), trackingId as ReturnType<typeof randomUUID>);
    const checked = this.validator.validate(source, event);
    if (!checked.ok) {
      const errors = checked.errors.map((e) => ({ ...e, path: submissionPath(source, event.operation, e.path) }));
      return refused("the record breaks the source's schema: fix the fields named in errors (not worth a retry as is)", errors);
    }
    const [sent] = await this.producer.send(this.topics.sources[source], [messageOf(event)]);
    return {
      status: HttpStatus.ACCEPTED,
      body: {
        trackingId,
        source,
        entityId: event.entityId,
        topic: sent.topic,
        partition: sent.partition,
        offset: sent.baseOffset,
      },
      entityId: event.entityId,
    };
  }
}
