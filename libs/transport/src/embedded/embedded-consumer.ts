import { randomUUID } from 'node:crypto';
import { Notification, Pool, PoolClient } from 'pg';
import { BatchControl, BatchHandler, ConsumerOptions, EventConsumer, TopicPartition } from '../event-transport';
import { EmbeddedLog, NOTIFY_CHANNEL } from './embedded-log';

export interface EmbeddedTiming {
  /** How often a member proves it is alive and re-checks the assignment. */
  heartbeatMs: number;
  /** A member silent for this long leaves the group; its partitions move on. */
  sessionTimeoutMs: number;
  /** Longest wait for new messages when no notification arrives. */
  pollMs: number;
  /** Pause before a failed batch is delivered again. */
  retryBackoffMs: number;
}

export type TransportWarning = (message: string, error: unknown) => void;

interface OwnedPartition extends TopicPartition {
  position: bigint | null;
  retryAt: number;
}

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * A consumer-group member of the embedded transport. Partitions are spread over the
 * live members by a deterministic round-robin; a PostgreSQL advisory lock per
 * (group, topic, partition) makes sure only one member reads a partition at a time,
 * even while members disagree during a rebalance.
 */
export class EmbeddedConsumer implements EventConsumer {
  private readonly memberId = randomUUID();
  private topics: string[] = [];
  private client: PoolClient | undefined;
  private readonly owned = new Map<string, OwnedPartition>();
  private readonly seeks = new Map<string, bigint>();
  private readonly paused = new Set<string>();
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lastHeartbeat = 0;
  /** Times in a row the consuming loop itself died and was started again. */
  private restarts = 0;

  constructor(
    private readonly pool: Pool,
    private readonly log: EmbeddedLog,
    private readonly options: ConsumerOptions,
    private readonly timing: EmbeddedTiming,
    private readonly warn: TransportWarning,
  ) {}

  async subscribe(topics: string[]): Promise<void> {
    this.topics = [...new Set([...this.topics, ...topics])];
    for (const topic of topics) await this.log.partitions(topic);
  }

  async run(handler: BatchHandler): Promise<void> {
    if (this.loop) throw new Error('this consumer is already running');
    await this.connect();
    await this.heartbeat();
    await this.rebalance();
    this.loop = this.supervise(handler);
  }

  /**
   * The loop catches its own failures, so it should never end before stop(); should it die all
   * the same (a bug), it is started again a bounded number of times, then reported crashed for
   * good: a live process must not keep a consumer that no longer consumes.
   */
  private async supervise(handler: BatchHandler): Promise<void> {
    for (;;) {
      try {
        await this.consume(handler);
        return;
      } catch (e) {
        if (this.stopping) return;
        const restarting = this.restarts < (this.options.maxRestarts ?? 5);
        this.options.onCrash?.({ error: e, restarting });
        if (!restarting) return;
        this.restarts++;
        await new Promise((r) => setTimeout(r, this.timing.retryBackoffMs));
        this.options.onRecover?.();
      }
    }
  }

  seek(topic: string, partition: number, offset: string): void {
    this.seeks.set(key(topic, partition), BigInt(offset));
    this.wake?.();
  }

  pause(topics: string[]): void {
    for (const topic of topics) this.paused.add(topic);
  }

  resume(topics: string[]): void {
    for (const topic of topics) this.paused.delete(topic);
    this.wake?.();
  }

  pausedTopics(): string[] {
    return [...this.paused];
  }

  assignment(): TopicPartition[] {
    return [...this.owned.values()].map(({ topic, partition }) => ({ topic, partition }));
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.wake?.();
    await this.loop;
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.query('SELECT pg_advisory_unlock_all()');
      await client.query(`DELETE FROM lgsp_transport.group_members WHERE group_id = $1 AND member_id = $2`, [
        this.options.groupId,
        this.memberId,
      ]);
      await client.query(`UNLISTEN ${NOTIFY_CHANNEL}`);
      // The pool hands this client to the next consumer: this one's listeners go with it otherwise.
      client.removeListener('notification', this.onNotification);
      client.removeListener('error', this.onClientError);
      client.release();
    } catch (e) {
      client.release(e as Error);
    }
    this.owned.clear();
  }

  private readonly onNotification = (n: Notification) => {
    if (n.payload && this.topics.includes(n.payload)) this.wake?.();
  };
  private readonly onClientError = (e: Error) => this.warn('embedded consumer connection failed', e);

  private async connect(): Promise<void> {
    const client = await this.pool.connect();
    client.on('notification', this.onNotification);
    client.on('error', this.onClientError);
    try {
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (e) {
      // Not kept checked out for ever (pg's end() would wait on it): destroyed with the error.
      client.release(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    this.client = client;
  }

  private async heartbeat(): Promise<void> {
    await this.client!.query(
      `INSERT INTO lgsp_transport.group_members (group_id, member_id, topics, heartbeat_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (group_id, member_id) DO UPDATE SET topics = EXCLUDED.topics, heartbeat_at = now()`,
      [this.options.groupId, this.memberId, this.topics],
    );
    this.lastHeartbeat = Date.now();
  }

  private async rebalance(): Promise<void> {
    const client = this.client!;
    const r = await client.query(
      `SELECT member_id, topics FROM lgsp_transport.group_members
       WHERE group_id = $1 AND heartbeat_at > now() - make_interval(secs => $2)`,
      [this.options.groupId, this.timing.sessionTimeoutMs / 1000],
    );
    const wanted = new Set<string>();
    for (const topic of this.topics) {
      const members = r.rows
        .filter((m) => (m.topics as string[]).includes(topic))
        .map((m) => m.member_id as string)
        .sort();
      const me = members.indexOf(this.memberId);
      if (me < 0) continue;
      const partitions = await this.log.partitions(topic);
      for (let p = 0; p < partitions; p++) if (p % members.length === me) wanted.add(key(topic, p));
    }
    for (const [k, owned] of this.owned) {
      if (wanted.has(k)) continue;
      await client.query('SELECT pg_advisory_unlock(hashtext($1), $2)', [this.lockName(owned.topic), owned.partition]);
      this.owned.delete(k);
    }
    for (const k of wanted) {
      if (this.owned.has(k)) continue;
      const [topic, p] = k.split('\u0000');
      const partition = Number(p);
      const lock = await client.query('SELECT pg_try_advisory_lock(hashtext($1), $2) AS ok', [this.lockName(topic), partition]);
      // Not free yet: the previous owner is finishing a batch; try again at the next heartbeat.
      if (lock.rows[0].ok) this.owned.set(k, { topic, partition, position: null, retryAt: 0 });
    }
  }

  private lockName(topic: string): string {
    return `${this.options.groupId}/${topic}`;
  }

  private async position(owned: OwnedPartition): Promise<bigint> {
    const k = key(owned.topic, owned.partition);
    const sought = this.seeks.get(k);
    if (sought !== undefined) {
      this.seeks.delete(k);
      owned.position = sought;
    }
    if (owned.position === null) {
      const committed = await this.log.committedOffset(this.client!, this.options.groupId, owned.topic, owned.partition);
      owned.position =
        committed ?? (this.options.fromBeginning ? 0n : await this.log.highWatermark(this.client!, owned.topic, owned.partition));
    }
    return owned.position;
  }

  private async consume(handler: BatchHandler): Promise<void> {
    const concurrency = Math.max(1, this.options.partitionsConsumedConcurrently ?? 1);
    while (!this.stopping) {
      let delivered = false;
      try {
        if (Date.now() - this.lastHeartbeat >= this.timing.heartbeatMs) {
          await this.heartbeat();
          await this.rebalance();
        }
        // Partitions are independent: up to `concurrency` of them are handled at the same time.
        const ready = [...this.owned.values()].filter((o) => o.retryAt <= Date.now() && !this.paused.has(o.topic));
        for (let i = 0; i < ready.length && !this.stopping; i += concurrency) {
          const results = await Promise.all(ready.slice(i, i + concurrency).map((owned) => this.deliver(owned, handler)));
          if (results.some(Boolean)) delivered = true;
        }
      } catch (e) {
        this.warn('embedded consumer loop failed; retrying', e);
        await this.reconnect();
      }
      if (!delivered && !this.stopping) await this.idle();
    }
  }

  /** Fetches one batch of a partition, hands it over, and commits it; false when there was nothing. */
  private async deliver(owned: OwnedPartition, handler: BatchHandler): Promise<boolean> {
    const max = this.options.maxBatchSize ?? 1000;
    const from = await this.position(owned);
    const messages = await this.log.fetch(this.client!, owned.topic, owned.partition, from, max);
    if (messages.length === 0) return false;
    await this.options.beforeBatch?.(owned.topic);
    // Paused by the gate: not handled, not committed; the same messages are fetched again on resume.
    if (this.paused.has(owned.topic)) return false;
    const high = await this.log.highWatermark(this.client!, owned.topic, owned.partition);
    const k = key(owned.topic, owned.partition);
    const control: BatchControl = {
      // A rebalance drops the partition from `owned` (or a reconnect rebuilds it): the batch is then someone else's.
      isActive: () => !this.stopping && this.owned.get(k) === owned,
      heartbeat: async () => {
        if (Date.now() - this.lastHeartbeat >= this.timing.heartbeatMs) await this.heartbeat();
      },
    };
    try {
      await handler({ topic: owned.topic, partition: owned.partition, messages, highWatermark: high.toString() }, control);
    } catch (e) {
      if (!control.isActive()) return false;
      // Not committed: the same batch comes again after the back-off (at-least-once).
      owned.retryAt = Date.now() + this.timing.retryBackoffMs;
      this.warn(`batch handler failed on ${owned.topic}/${owned.partition}; redelivering`, e);
      return false;
    }
    this.restarts = 0;
    const next = BigInt(messages[messages.length - 1].offset) + 1n;
    await this.log.commit(this.client!, this.options.groupId, owned.topic, owned.partition, next);
    if (owned.position === from) owned.position = next;
    return true;
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.min(this.timing.pollMs, this.timing.heartbeatMs));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async reconnect(): Promise<void> {
    await new Promise((r) => setTimeout(r, this.timing.retryBackoffMs));
    try {
      this.client?.release(true);
    } catch {
      // already gone
    }
    this.client = undefined;
    this.owned.clear(); // the advisory locks went with the connection
    if (this.stopping) return;
    try {
      await this.connect();
      await this.heartbeat();
      await this.rebalance();
    } catch (e) {
      this.warn('embedded consumer cannot reconnect yet', e);
    }
  }
}
