import { randomUUID } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import { SourceName, SyncEventValidator } from '@lgsp/contracts';
import { BodyTooLarge, ndjsonLines } from './ndjson';
import type { Grants } from '@lgsp/access';
import { notAuthorised } from './problem';
import { bulkLineParts, decodeJson, judgeSubmission, reachOf, sha256, SUBMISSION_MAX_BYTES } from './submission';
import { KEY_IN_FLIGHT, KeyInFlight, problemBody, SubmissionWriter, WriteItem } from './submission-writer';

/** The bulk endpoint's limits; the defaults are the documented ones (docs/gateway.md). */
export interface BulkLimits {
  /** Most bytes of one request's body. */
  maxBodyBytes: number;
  /** Most bytes of one line: one submission, as the single endpoint's body limit. */
  maxLineBytes: number;
  /** Lines claimed and published together (one transaction, one send to the broker). */
  batchLines: number;
  /** Batches of one request being written at once; with the line being read, the bound on lines in flight. */
  batchesInFlight: number;
}

export const DEFAULT_BULK_LIMITS: BulkLimits = {
  maxBodyBytes: 100 * 1024 * 1024,
  maxLineBytes: SUBMISSION_MAX_BYTES,
  batchLines: 1000,
  batchesInFlight: 2,
};

/** The answer to one line: its number, and its submission's answer (accepted with a tracking id, or a problem). */
export type LineAnswer = { line: number; status: number; idempotencyKey?: string; replayed?: true } & Record<string, unknown>;

/** The last line of a bulk answer: whether every line was read and answered, and the counts. */
export interface BulkSummary {
  summary: {
    complete: boolean;
    lines: number;
    accepted: number;
    replayed: number;
    refused: number;
    /** Why the rest of the body was not read (complete false): a problem, with whether to retry. */
    problem?: Record<string, unknown>;
  };
}

interface Planned {
  line: number;
  /** A line answered without the database: unreadable, too long, without a key. */
  answer?: LineAnswer;
  item?: WriteItem;
}

const NOT_WRITTEN = {
  status: HttpStatus.SERVICE_UNAVAILABLE,
  title: 'Not published',
  detail: 'the broker or the database failed: nothing of this line was kept; send it again with the same key',
};

/**
 * Bulk submission: NDJSON lines, each a submission with its own idempotency key, read from the request as it
 * arrives, judged as the single endpoint judges a body, and written in batches (each batch's keys claimed, its
 * accepted events published in one send, committed after the broker's acknowledgement). The answers come out batch
 * by batch in line order, so neither the body nor the answers are ever held whole. A failed batch stops the request:
 * the lines after it are not published, so a resend of the body with the same keys keeps the records' order.
 */
export interface BulkSubmissionOptions {
  limits?: BulkLimits;
  /** The clock submissions are judged by (a test's fixed time). */
  now?: () => Date;
  /** Told of a batch the broker or the database failed (its lines are answered 503): the operator's only news of it. */
  onBatchFailed?: (error: unknown, lines: number) => void;
}

export class BulkSubmissionService {
  readonly limits: BulkLimits;
  private readonly now: () => Date;
  private readonly onBatchFailed: (error: unknown, lines: number) => void;

  constructor(
    private readonly validator: SyncEventValidator,
    private readonly writer: SubmissionWriter,
    options: BulkSubmissionOptions = {},
  ) {
    this.limits = options.limits ?? DEFAULT_BULK_LIMITS;
    this.now = options.now ?? (() => new Date());
    this.onBatchFailed = options.onBatchFailed ?? (() => undefined);
  }

  async *submit(
    submitter: Grants & { id: string },
    source: SourceName,
    body: AsyncIterable<Buffer | string>,
  ): AsyncGenerator<LineAnswer[] | BulkSummary> {
    const credentialId = submitter.id;
    const counts = { lines: 0, accepted: 0, replayed: 0, refused: 0 };
    const inFlight: Promise<LineAnswer[]>[] = [];
    let previous: Promise<unknown> = Promise.resolve();
    let previousClaim: Promise<unknown> = Promise.resolve();
    let batch: Planned[] = [];
    let keys = new Set<string>();
    let problem: Record<string, unknown> | undefined;

    const flush = () => {
      if (batch.length === 0) return;
      const planned = batch;
      batch = [];
      keys = new Set();
      const items = planned.flatMap((p) => (p.item ? [p.item] : []));
      // The batch publishes after the one before it, and not at all if that one failed: the records keep their order.
      let claimed!: () => void;
      const claimedNow = new Promise<void>((resolve) => (claimed = resolve));
      const written = this.writer.write(credentialId, source, items, {
        after: previous,
        claimAfter: previousClaim,
        onClaimed: claimed,
      });
      void written.finally(claimed).catch(() => undefined);
      previous = written;
      previousClaim = claimedNow;
      inFlight.push(
        written.then(
          (answers) => {
            let next = 0;
            return planned.map((p) => {
              if (p.answer) return p.answer;
              const a = answers[next++];
              return {
                line: p.line,
                idempotencyKey: p.item!.idempotencyKey,
                ...a.body,
                status: a.status,
                ...(a.replayed ? { replayed: true as const } : {}),
              };
            });
          },
          (e: unknown) => {
            const why = e instanceof KeyInFlight ? KEY_IN_FLIGHT : NOT_WRITTEN;
            if (why === NOT_WRITTEN) this.onBatchFailed(e, planned.length);
            problem ??= problemBody({
              ...why,
              detail: `${why.detail}; the lines after it were not read: send them again`,
            });
            return planned.map(
              (p) =>
                p.answer ?? { line: p.line, idempotencyKey: p.item!.idempotencyKey, ...problemBody(why), status: why.status },
            );
          },
        ),
      );
    };
    const tally = (answers: LineAnswer[]) => {
      for (const a of answers) {
        counts.lines++;
        if (a.status >= 300) counts.refused++;
        else if (a.replayed) counts.replayed++;
        else counts.accepted++;
      }
      return answers;
    };

    try {
      for await (const got of ndjsonLines(body, this.limits)) {
        const planned = this.plan(submitter, source, got);
        if (planned.item && keys.has(planned.item.idempotencyKey)) flush();
        batch.push(planned);
        if (planned.item) keys.add(planned.item.idempotencyKey);
        if (batch.length >= this.limits.batchLines) flush();
        while (inFlight.length >= this.limits.batchesInFlight) yield tally(await inFlight.shift()!);
        if (problem) break;
      }
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) throw e;
      problem = problemBody({
        status: HttpStatus.PAYLOAD_TOO_LARGE,
        title: 'Body too large',
        detail:
          `a bulk body may hold ${this.limits.maxBodyBytes} bytes: the lines answered above were read and answered, ` +
          'the rest was not read; send it in another request',
      });
    }
    if (!problem) flush();
    else batch = [];
    while (inFlight.length > 0) yield tally(await inFlight.shift()!);
    yield { summary: { complete: !problem, ...counts, ...(problem ? { problem } : {}) } };
  }

  /** A line's answer when it needs no database (unreadable, too long, no key), else what to write. */
  private plan(grants: Grants, source: SourceName, got: { line: number; bytes?: Buffer; tooLong?: true }): Planned {
    const { line } = got;
    const refuse = (status: number, title: string, detail: string, errors?: unknown[]): Planned => ({
      line,
      answer: { line, ...problemBody({ status, title, detail }, errors), status },
    });
    if (got.tooLong || !got.bytes)
      return refuse(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'Line too large',
        `a line may hold ${this.limits.maxLineBytes} bytes (one submission): nothing of it was read`,
      );
    const decoded = decodeJson(got.bytes);
    if (!decoded.ok) {
      const { title, detail, errors } = decoded.unreadable;
      return refuse(HttpStatus.BAD_REQUEST, title, detail.replace('the body', 'the line'), errors);
    }
    const parts = bulkLineParts(decoded.value);
    if (!parts.ok)
      return refuse(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'Invalid submission',
        'the line has no idempotency key: see errors (nothing was kept)',
        parts.errors,
      );
    const trackingId = randomUUID();
    const judged = judgeSubmission(this.validator, source, parts.submission, this.now(), trackingId);
    // A valid line of a province the credential is not for is refused alone, and not kept as its key's answer (as a
    // single submission's 403 is not).
    const reach = judged.ok ? reachOf(grants, source, judged.event) : { ok: true as const };
    if (!reach.ok) {
      const p = notAuthorised(reach);
      const body = problemBody({ status: p.getStatus(), title: p.title, detail: p.detail });
      return { line, answer: { line, idempotencyKey: parts.key, ...body, ...p.extensions, status: p.getStatus() } };
    }
    return {
      line,
      item: { idempotencyKey: parts.key, bodySha256: sha256(got.bytes), trackingId, judged },
    };
  }
}
