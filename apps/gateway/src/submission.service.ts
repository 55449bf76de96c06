import { randomUUID } from 'node:crypto';
import { SourceName, SyncEventValidator } from '@lgsp/contracts';
import { Grants, SubmissionsRepository } from '@lgsp/access';
import { GatewayProblem, notAuthorised } from './problem';
import { judgeSubmission, jsonBodyOf, reachOf, sha256 } from './submission';
import { Answer, KEY_IN_FLIGHT, KEY_REUSED, KeyInFlight, SubmissionWriter } from './submission-writer';

export type { Answer } from './submission-writer';

/** Who submits: the credential's id and what it is authorised for. */
export interface Submitter extends Grants {
  id: string;
}

/**
 * One submission: decoded, validated with the pipeline's schemas, published (acks from all in-sync replicas) and
 * answered with its tracking id once the broker has it. The first final answer to a key is kept and given again.
 */
export class SubmissionService {
  constructor(
    private readonly validator: SyncEventValidator,
    private readonly writer: SubmissionWriter,
    private readonly submissions: SubmissionsRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async submit(submitter: Submitter, source: SourceName, idempotencyKey: string, bytes: Buffer): Promise<Answer> {
    const credentialId = submitter.id;
    const bodySha256 = sha256(bytes);
    // A replay is answered without decoding, validating or opening a transaction.
    const earlier = await this.submissions.find(credentialId, idempotencyKey);
    if (earlier) return this.replay(earlier.bodySha256.equals(bodySha256), earlier);
    const body = jsonBodyOf(bytes);
    const trackingId = randomUUID();
    const judged = judgeSubmission(this.validator, source, body, this.now(), trackingId);
    // A valid record of a source or province the credential is not for is refused before anything is published, and
    // not kept as the key's answer: it is the caller's authorisation, not the submission, that is wrong.
    if (judged.ok) {
      const reach = reachOf(submitter, source, judged.event);
      if (!reach.ok) throw notAuthorised(reach);
    }
    let answer: Answer;
    try {
      [answer] = await this.writer.write(credentialId, source, [{ idempotencyKey, bodySha256, trackingId, judged }], {
        placed: true,
      });
    } catch (e) {
      if (e instanceof KeyInFlight)
        throw new GatewayProblem(KEY_IN_FLIGHT.status, KEY_IN_FLIGHT.title, KEY_IN_FLIGHT.detail, [], { 'Retry-After': '1' });
      throw e;
    }
    if (answer.reused) throw this.reused();
    return answer;
  }

  private replay(sameBody: boolean, earlier: { status: number; answer: Record<string, unknown> }): Answer {
    if (!sameBody) throw this.reused();
    return { status: earlier.status, body: earlier.answer, replayed: true };
  }

  private reused(): GatewayProblem {
    return new GatewayProblem(KEY_REUSED.status, KEY_REUSED.title, KEY_REUSED.detail);
  }
}
