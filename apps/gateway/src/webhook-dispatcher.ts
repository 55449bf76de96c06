import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { CredentialStore, mayReach } from '@lgsp/access';
import {
  CORRECTION_SCHEMA_VERSION,
  CorrectionsRepository,
  retryDelayMs,
  signatureHeader,
  WEBHOOK_HEADERS,
  WebhooksRepository,
  type DueWebhook,
} from '@lgsp/corrections';
import { scopeOf } from './corrections.service';

export interface WebhookOptions {
  /** How often the dispatcher looks for due webhooks, ms. */
  pollMs: number;
  /** The first retry's wait after a failure, ms; it doubles up to maxBackoffMs. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** Corrections per request. */
  batch: number;
  /** A receiver's answer must come within this, ms. */
  timeoutMs: number;
}

export const WEBHOOK_DEFAULTS: WebhookOptions = {
  pollMs: 1000,
  baseBackoffMs: 1000,
  maxBackoffMs: 5 * 60_000,
  batch: 100,
  timeoutMs: 10_000,
};

/**
 * Pushes each credential's new corrections to its webhook, in order, from the gateway's process: it reads the
 * corrections table and never touches the pipeline's partitions, so a slow or dead receiver delays only its own
 * deliveries. A failed batch is retried with bounded backoff, the cursor kept; each webhook's state (failures in a
 * row, the last failure, the next attempt) is in GET /v1/webhook and the log.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly corrections: CorrectionsRepository,
    private readonly credentials: CredentialStore,
    private readonly logger: Logger,
    private readonly options: WebhookOptions = WEBHOOK_DEFAULTS,
    private readonly post: typeof fetch = fetch,
  ) {}

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((e: unknown) => this.logger.warn({ err: e }, 'webhook dispatch failed; retrying at the next poll'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Works the due webhooks one by one until none is due (at most 50 a round, so a stop is heard). */
  async tick(): Promise<void> {
    for (let i = 0; i < 50 && !this.stopped; i++) {
      const due = await this.webhooks.claimDue(this.options.timeoutMs * 3);
      if (!due) return;
      await this.deliver(due);
    }
  }

  private async deliver(w: DueWebhook): Promise<void> {
    const poll = () => new Date(Date.now() + this.options.pollMs);
    const credential = await this.credentials.find(w.credentialId);
    if (!credential || credential.revokedAt !== null) {
      // A revoked key's webhook waits (its owner may be given a new key); it is never delivered to meanwhile.
      await this.webhooks.failed(w.credentialId, 'credential revoked', new Date(Date.now() + this.options.maxBackoffMs));
      return;
    }
    const rows = await this.corrections.afterTransaction(scopeOf(credential), w.cursor, this.options.batch);
    if (rows.length === 0) return this.webhooks.delivered(w.credentialId, w.cursor, 0, poll());
    const last = rows[rows.length - 1];
    const cursor = { xid: last.xid, id: last.correction.id };
    const shown = rows.filter((r) => mayReach(credential, r.correction).ok).map((r) => r.correction);
    if (shown.length === 0) return this.webhooks.delivered(w.credentialId, cursor, 0, new Date());
    const body = JSON.stringify({
      corrections: shown.map((c) => ({ schemaVersion: CORRECTION_SCHEMA_VERSION, ...c })),
    });
    // The same batch retried has the same id: the receiver can drop what it already took.
    const deliveryId = createHash('sha256')
      .update(`${w.credentialId}|${shown.map((c) => c.id).join(',')}`)
      .digest('hex')
      .slice(0, 32);
    let failure: string | null = null;
    try {
      const res = await this.post(w.url, {
        method: 'POST',
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.signature]: signatureHeader(w.secret, body, new Date()),
          [WEBHOOK_HEADERS.deliveryId]: deliveryId,
        },
      });
      await res.body?.cancel();
      if (!res.ok) failure = `HTTP ${res.status}`;
    } catch (e) {
      // The error's class or code only: a message may quote the URL, which may carry the receiver's token.
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      failure = cause ?? (e instanceof Error ? e.name : 'error');
    }
    if (failure === null) {
      await this.webhooks.delivered(w.credentialId, cursor, shown.length, new Date());
      return;
    }
    const failures = w.failures + 1;
    const wait = retryDelayMs(failures, this.options.baseBackoffMs, this.options.maxBackoffMs);
    this.logger.warn(
      { webhook: { credentialId: w.credentialId, failure, failures, retryInMs: wait, corrections: shown.length } },
      'webhook delivery failed; retrying with backoff',
    );
    await this.webhooks.failed(w.credentialId, failure, new Date(Date.now() + wait));
  }
}
