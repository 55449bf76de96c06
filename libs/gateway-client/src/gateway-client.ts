/**
 * A small typed client of the integration gateway (docs/gateway.md), on the platform's fetch: submit a record,
 * read what became of it, read the system's summary. Every error answer is a GatewayError carrying the problem
 * (RFC 9457) and whether sending the same request again can succeed. It depends on nothing but fetch, so an
 * integrator can copy it as it is.
 */

export type GatewaySource = 'population' | 'land' | 'insurance' | 'business';

export interface Submission {
  /** `snapshot` when absent. */
  operation?: 'snapshot' | 'create' | 'update' | 'delete';
  /** The source's record as the system holds it (the source's record schema, docs/contract.md). */
  record: Record<string, unknown>;
  /** An update's record before the change. */
  previous?: Record<string, unknown>;
  /** When the system committed the change (date-time with offset); the time of submission when absent. */
  committedAt?: string;
}

/** The answer to an accepted submission: the broker holds the event. */
export interface Accepted {
  trackingId: string;
  source: GatewaySource;
  entityId: string;
  topic: string;
  partition: number;
  offset: string;
  /** True when this answer is the first answer given again (the idempotency key was used before). */
  replayed: boolean;
}

export interface OwnSubmission {
  trackingId: string;
  source: string;
  entityId: string;
  status: number;
  submittedAt: string;
}

export interface SubmissionStatus {
  /** The caller's own submission; null for a record of its provinces another system sent. */
  submission: OwnSubmission | null;
  state: 'accepted' | 'reconciled' | 'refused';
  /** The pipeline's record status (current result with differences and proposed values, history); null until decided. */
  record: {
    current: {
      outcome: string;
      provinceCode: string | null;
      differences: { field: string; kind: string; [more: string]: unknown }[];
      [more: string]: unknown;
    } | null;
    [more: string]: unknown;
  } | null;
}

export interface SystemSummary {
  accepted: number;
  refused: number;
  records: number;
  reconciled: number;
  matched: number;
  deadLettered: number;
  matchRate: number | null;
  lag: Partial<Record<GatewaySource, number>>;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Each failing field by its JSON pointer in what was sent (422, 400). */
  errors?: { path: string; message: string; keyword: string }[];
  /** What a 403 refused (`source`, `province`) or why a 429 came (`rate`, `backpressure`). */
  refused?: string;
  [more: string]: unknown;
}

/** An error answer of the gateway, or no answer at all (status 0: the network failed). */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    /** Seconds the gateway asked to wait (Retry-After), when it did. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(problem ? `${status} ${problem.title}: ${problem.detail}` : `gateway answered ${status || 'nothing'}`);
    this.name = 'GatewayError';
  }

  /** Whether the same request (same idempotency key) may succeed later: rate limit, backpressure, 5xx, no answer. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export interface GatewayClientOptions {
  /** e.g. http://127.0.0.1:3001 */
  baseUrl: string;
  /** The system's key (`lgsp credentials create …`). */
  key: string;
  fetch?: typeof fetch;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait when the gateway named none (no Retry-After), doubled each attempt, milliseconds. */
  baseDelayMs: number;
  /** Longest single wait, milliseconds. */
  maxDelayMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class GatewayClient {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: GatewayClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? fetch;
  }

  /** Submits one record under an idempotency key; use the same key to send the same submission again. */
  async submit(source: GatewaySource, submission: Submission, idempotencyKey: string): Promise<Accepted> {
    return this.submitBody(source, JSON.stringify(submission), idempotencyKey);
  }

  /** Submits a body as it is (bytes or text), for a system that already holds the JSON. */
  async submitBody(source: GatewaySource, body: string | Uint8Array, idempotencyKey: string): Promise<Accepted> {
    const res = await this.request(`/v1/records/${encodeURIComponent(source)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body,
    });
    return { ...((await res.json()) as Omit<Accepted, 'replayed'>), replayed: res.headers.get('idempotent-replayed') === 'true' };
  }

  /**
   * Submits, sending the same request again (same key, so never twice on the broker) while the answer is retryable:
   * after the gateway's Retry-After when it gave one, else after a doubling wait. Other errors are thrown at once.
   */
  async submitWithRetry(
    source: GatewaySource,
    submission: Submission,
    idempotencyKey: string,
    policy: Partial<RetryPolicy> = {},
  ): Promise<Accepted> {
    const p = { ...DEFAULT_RETRY, ...policy };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.submit(source, submission, idempotencyKey);
      } catch (e) {
        if (!(e instanceof GatewayError) || !e.retryable || attempt >= p.attempts) throw e;
        const wait = e.retryAfterSeconds !== null ? e.retryAfterSeconds * 1000 : p.baseDelayMs * 2 ** (attempt - 1);
        await sleep(Math.min(wait, p.maxDelayMs));
      }
    }
  }

  /** What became of a submission, by its tracking id. */
  async status(trackingId: string): Promise<SubmissionStatus> {
    return (await this.request(`/v1/submissions/${encodeURIComponent(trackingId)}`)).json() as Promise<SubmissionStatus>;
  }

  /** What became of a record, by the system's own record key. */
  async recordStatus(source: GatewaySource, entityId: string): Promise<SubmissionStatus> {
    const path = `/v1/records/${encodeURIComponent(source)}/${encodeURIComponent(entityId)}`;
    return (await this.request(path)).json() as Promise<SubmissionStatus>;
  }

  /** The system's own summary: accepted, reconciled, dead-lettered, match rate, lag. */
  async summary(): Promise<SystemSummary> {
    return (await this.request('/v1/summary')).json() as Promise<SystemSummary>;
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetch(`${this.baseUrl}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.options.key}` },
      });
    } catch {
      throw new GatewayError(0, null, null);
    }
    if (res.ok) return res;
    const text = await res.text();
    let problem: Problem | null = null;
    try {
      problem = (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as Problem) : null;
    } catch {
      problem = null;
    }
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new GatewayError(
      res.status,
      problem,
      res.headers.has('retry-after') && Number.isFinite(retryAfter) ? retryAfter : null,
    );
  }
}
