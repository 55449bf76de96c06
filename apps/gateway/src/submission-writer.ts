import { HttpStatus } from '@nestjs/common';
import type { Pool } from 'pg';
import { NewSubmission, StoredAnswer, SubmissionsRepository } from '@lgsp/access';
import { SourceName, TopicNames } from '@lgsp/contracts';
import { inTransaction } from '@lgsp/database';
import type { EventProducer } from '@lgsp/transport';
import { Judgement, messageOf } from './submission';

/** One submission to write: its idempotency key, the sha256 of what was sent under it, and its judgement. */
export interface WriteItem {
  idempotencyKey: string;
  bodySha256: Buffer;
  trackingId: string;
  judged: Judgement;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  /** The first answer to this key, given again: nothing was published this time. */
  replayed: boolean;
  /** The key was used before for different bytes: refused, nothing stored or published. */
  reused?: boolean;
}

/** Refusal answers that are not a judgement of the record: kept in one place for single and bulk. */
export const KEY_REUSED = {
  status: HttpStatus.UNPROCESSABLE_ENTITY,
  title: 'Idempotency key reused',
  detail: 'this idempotency key was used for a different body: use a new key for a new submission (not worth a retry)',
};
export const KEY_IN_FLIGHT = {
  status: HttpStatus.CONFLICT,
  title: 'Submission in progress',
  detail: 'another request with this idempotency key is still being answered: retry in a moment with the same key',
};

/** PostgreSQL's lock_not_available: a claim waited its lock timeout for another request's key. */
const LOCK_NOT_AVAILABLE = '55P03';

/** Thrown when a claim timed out waiting for another request that holds one of its keys; retry with the same keys. */
export class KeyInFlight extends Error {
  constructor() {
    super(KEY_IN_FLIGHT.detail);
  }
}

export function problemBody(p: { status: number; title: string; detail: string }, errors?: unknown[]): Record<string, unknown> {
  return { type: 'about:blank', title: p.title, status: p.status, detail: p.detail, ...(errors ? { errors } : {}) };
}

/**
 * Writes judged submissions: claims their keys in one transaction, publishes the accepted ones that it claimed (one
 * send: the idempotent producer, acks from all in-sync replicas), and commits only after the broker's acknowledgement.
 * A key another request holds makes the claim wait for that request's end, then its answer is the answer: no key is
 * ever published twice by two racing requests, and nothing loops. A failed publish rolls the claims back, so a retry
 * with the same keys publishes them.
 */
export class SubmissionWriter {
  constructor(
    private readonly pool: Pool,
    private readonly producer: EventProducer,
    private readonly topics: TopicNames,
    private readonly submissions: SubmissionsRepository,
    private readonly lockTimeoutMs = 10_000,
  ) {}

  /**
   * The answers, in the items' order. Keys must be distinct. `placed`: the accepted answers name the partition and
   * offset of their event (one item; a batch's answers name their tracking id). `after`: the publish waits for it, so
   * that the batches of one request reach the broker in the request's order.
   */
  async write(
    credentialId: string,
    source: SourceName,
    items: WriteItem[],
    options: { placed?: boolean; after?: Promise<unknown>; claimAfter?: Promise<unknown>; onClaimed?: () => void } = {},
  ): Promise<Answer[]> {
    if (new Set(items.map((i) => i.idempotencyKey)).size !== items.length)
      throw new Error('a write takes each idempotency key once');
    if (items.length === 0) {
      options.onClaimed?.();
      return options.after ? options.after.then(() => []) : [];
    }
    const topic = this.topics.sources[source];
    const rows: NewSubmission[] = items.map((item) => ({
      credentialId,
      idempotencyKey: item.idempotencyKey,
      bodySha256: item.bodySha256,
      trackingId: item.trackingId,
      source,
      entityId: item.judged.ok ? item.judged.event.entityId : '',
      ...(item.judged.ok
        ? {
            status: HttpStatus.ACCEPTED,
            answer: { trackingId: item.trackingId, source, entityId: item.judged.event.entityId, topic },
          }
        : {
            status: HttpStatus.UNPROCESSABLE_ENTITY,
            answer: problemBody(
              { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid submission', detail: item.judged.detail },
              item.judged.errors,
            ),
          }),
    }));
    try {
      return await inTransaction(this.pool, async (q) => {
        // A request's batches claim in order: a later batch claiming a key of an earlier one first would wait for
        // the earlier one's publish while the earlier one waits for its claim (a deadlock until the lock timeout).
        await options.claimAfter?.catch(() => undefined);
        const claimed = await this.submissions.claim(q, rows, this.lockTimeoutMs);
        options.onClaimed?.();
        const earlier = await this.submissions.answers(
          q,
          credentialId,
          rows.filter((r) => !claimed.has(r.idempotencyKey)).map((r) => r.idempotencyKey),
        );
        const answers = rows.map((row, i): Answer | StoredAnswer => {
          if (claimed.has(row.idempotencyKey)) return { status: row.status, body: row.answer, replayed: false };
          const first = earlier.get(row.idempotencyKey);
          // Rows are never deleted and the claim waited for any holder to end: a key not claimed has an answer.
          if (!first) throw new Error('a key neither claimed nor answered');
          return first.bodySha256.equals(items[i].bodySha256)
            ? { status: first.status, body: first.answer, replayed: true }
            : { status: KEY_REUSED.status, body: problemBody(KEY_REUSED), replayed: false, reused: true };
        }) as Answer[];
        const publish = items.flatMap((item, i) =>
          item.judged.ok && claimed.has(item.idempotencyKey) ? [{ i, event: item.judged.event }] : [],
        );
        await options.after;
        if (publish.length > 0) {
          const sent = await this.producer.send(
            topic,
            publish.map((p) => messageOf(p.event)),
          );
          if (options.placed && publish.length === 1) {
            const [{ i }] = publish;
            const body = { ...answers[i].body, partition: sent[0].partition, offset: sent[0].baseOffset };
            await this.submissions.answer(q, credentialId, items[i].idempotencyKey, body);
            answers[i] = { ...answers[i], body };
          }
        }
        return answers;
      });
    } catch (e) {
      if ((e as { code?: unknown }).code === LOCK_NOT_AVAILABLE) throw new KeyInFlight();
      throw e;
    }
  }
}
