import {
  ConsumerCrash,
  DeliveredMessage,
  EventConsumer,
  EventTransport,
  EventTransportServer,
  EventTransportServerOptions,
  MessageBatch,
  partitionFor,
  ProcessingFailure,
  seekToTimestamp,
} from '@lgsp/transport';
import { eventually, uniqueName } from '../support/environment';

export interface TransportUnderTest {
  transport: EventTransport;
  close(): Promise<void>;
}

/**
 * The semantics the pipeline relies on, asserted identically against every transport:
 * the Kafka one on the real broker, the embedded one on real PostgreSQL.
 */
export function describeTransportConformance(name: string, open: () => Promise<TransportUnderTest>): void {
  describe(`${name} transport conformance`, () => {
    let under: TransportUnderTest;
    let transport: EventTransport;
    const consumers: EventConsumer[] = [];
    const servers: EventTransportServer[] = [];

    beforeAll(async () => {
      under = await open();
      transport = under.transport;
    });
    afterEach(async () => {
      for (const c of consumers.splice(0)) await c.stop();
      for (const s of servers.splice(0)) await s.close();
    });
    afterAll(async () => {
      await under?.close();
    });

    async function topic(partitions: number): Promise<string> {
      const t = uniqueName('conformance');
      await transport.createTopics([{ topic: t, partitions }]);
      return t;
    }

    async function produce(t: string, count: number, keyOf: (i: number) => string | null, timestamp?: number): Promise<void> {
      const producer = await transport.producer();
      const messages = Array.from({ length: count }, (_, i) => ({
        key: keyOf(i),
        value: JSON.stringify({ i, key: keyOf(i) }),
        headers: { 'lgsp-seq': String(i) },
        timestamp,
      }));
      await producer.send(t, messages);
      await producer.disconnect();
    }

    async function consume(
      t: string,
      groupId: string,
      onBatch: (batch: MessageBatch) => Promise<void> | void = () => undefined,
    ): Promise<{ consumer: EventConsumer; received: DeliveredMessage[] }> {
      const consumer = transport.consumer({ groupId, fromBeginning: true, maxBatchSize: 50 });
      consumers.push(consumer);
      const received: DeliveredMessage[] = [];
      await consumer.subscribe([t]);
      await consumer.run(async (batch) => {
        await onBatch(batch);
        received.push(...batch.messages);
      });
      return { consumer, received };
    }

    const seqs = (messages: DeliveredMessage[]) => messages.map((m) => Number(m.headers['lgsp-seq']));

    /** The Nest strategy the pipeline runs, with one handler on one topic and its error policy on fast bounds. */
    async function serve(
      t: string,
      handler: (batch: MessageBatch) => Promise<void> | void,
      options: Partial<EventTransportServerOptions> = {},
    ): Promise<{ server: EventTransportServer; deadLetters: ProcessingFailure[]; groupId: string }> {
      const deadLetters: ProcessingFailure[] = [];
      const groupId = uniqueName('g');
      const server = new EventTransportServer({
        transport,
        groupId,
        fromBeginning: true,
        maxBatchSize: 50,
        retry: { initialMs: 20, maxMs: 100 },
        deadLetter: async (failures) => {
          deadLetters.push(...failures);
        },
        ...options,
      });
      servers.push(server);
      server.addHandler(t, async (batch: MessageBatch) => handler(batch), true);
      await new Promise<void>((resolve, reject) => {
        // listen() reports through its callback (Nest's contract); its promise only says it returned
        void server.listen((e) => (e ? reject(e as Error) : resolve()));
      });
      return { server, deadLetters, groupId };
    }

    async function committedCount(groupId: string, t: string): Promise<number> {
      return (await transport.groupOffsets(groupId, t)).reduce((sum, o) => sum + Math.max(0, Number(o.offset)), 0);
    }

    const connectionLost = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

    it('delivers what was produced: key, value, headers and timestamp', async () => {
      const t = await topic(2);
      const before = Date.now();
      await produce(t, 3, (i) => `citizen-${i}`);
      const { received } = await consume(t, uniqueName('g'));
      await eventually(() => received.length >= 3 || undefined, 30_000, '3 messages');
      const byKey = new Map(received.map((m) => [m.key, m]));
      expect([...byKey.keys()].sort()).toEqual(['citizen-0', 'citizen-1', 'citizen-2']);
      const m = byKey.get('citizen-1')!;
      expect(JSON.parse(m.value.toString())).toEqual({ i: 1, key: 'citizen-1' });
      expect(m.headers['lgsp-seq']).toBe('1');
      expect(m.timestamp).toBeGreaterThanOrEqual(before - 1000);
      expect(m.topic).toBe(t);
    });

    it('keeps the order of each key and places keys by the Kafka default partitioner', async () => {
      const t = await topic(3);
      const keys = Array.from({ length: 10 }, (_, i) => `key-${i}`);
      await produce(t, 300, (i) => keys[i % keys.length]);
      const { received } = await consume(t, uniqueName('g'));
      await eventually(() => received.length >= 300 || undefined, 30_000, '300 messages');
      expect(received).toHaveLength(300);
      for (const key of keys) {
        const ofKey = received.filter((m) => m.key === key);
        const order = seqs(ofKey);
        expect(order).toEqual([...order].sort((a, b) => a - b));
        expect(new Set(ofKey.map((m) => m.partition))).toEqual(new Set([partitionFor(t, key, 3)]));
      }
      const offsets = await transport.topicOffsets(t);
      expect(offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0)).toBe(300);
    });

    it('resumes a group from its committed offsets', async () => {
      const t = await topic(2);
      const groupId = uniqueName('g');
      await produce(t, 20, (i) => `k${i}`);
      const first = await consume(t, groupId);
      await eventually(() => first.received.length >= 20 || undefined, 30_000, 'first 20');
      await eventually(
        async () => {
          const committed = await transport.groupOffsets(groupId, t);
          return committed.reduce((s, o) => s + Math.max(0, Number(o.offset)), 0) === 20 || undefined;
        },
        30_000,
        'offsets committed',
      );
      await first.consumer.stop();

      await produce(t, 5, (i) => `late${i}`);
      const second = await consume(t, groupId);
      await eventually(() => second.received.length >= 5 || undefined, 30_000, '5 new messages');
      await new Promise((r) => setTimeout(r, 1500));
      expect(second.received.map((m) => m.key).sort()).toEqual(['late0', 'late1', 'late2', 'late3', 'late4']);
    });

    it('pauses one topic while the others flow, and delivers it all once resumed', async () => {
      const [held, flowing] = [await topic(2), await topic(2)];
      const consumer = transport.consumer({ groupId: uniqueName('g'), fromBeginning: true, maxBatchSize: 50 });
      consumers.push(consumer);
      const received: DeliveredMessage[] = [];
      await consumer.subscribe([held, flowing]);
      consumer.pause([held]);
      await consumer.run(async (batch) => {
        received.push(...batch.messages);
      });
      await produce(held, 10, (i) => `h${i}`);
      await produce(flowing, 10, (i) => `f${i}`);
      await eventually(() => received.length >= 10 || undefined, 30_000, 'the flowing topic');
      await new Promise((r) => setTimeout(r, 1500));
      expect(received.every((m) => m.topic === flowing)).toBe(true);
      consumer.resume([held]);
      await eventually(() => received.length >= 20 || undefined, 30_000, 'the resumed topic');
      expect(
        received
          .filter((m) => m.topic === held)
          .map((m) => m.key)
          .sort(),
      ).toEqual(Array.from({ length: 10 }, (_, i) => `h${i}`).sort());
    });

    it('redelivers a batch whose handler failed (at-least-once), losing nothing', async () => {
      const t = await topic(1);
      await produce(t, 10, (i) => `k${i}`);
      let failures = 0;
      const attempts: number[] = [];
      const { received } = await consume(t, uniqueName('g'), (batch) => {
        attempts.push(...seqs(batch.messages));
        if (failures === 0) {
          failures++;
          throw new Error('simulated failure before the results were written');
        }
      });
      await eventually(() => received.length >= 10 || undefined, 60_000, 'all 10 after a failure');
      expect(failures).toBe(1);
      expect(seqs(received).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      // the failed messages were offered again
      expect(attempts.length).toBeGreaterThan(10);
    });

    it('splits the partitions between two members of a group, each message once', async () => {
      const t = await topic(4);
      const groupId = uniqueName('g');
      const a = await consume(t, groupId);
      const b = await consume(t, groupId);
      await eventually(
        () =>
          (a.consumer.assignment().length > 0 &&
            b.consumer.assignment().length > 0 &&
            a.consumer.assignment().length + b.consumer.assignment().length === 4) ||
          undefined,
        60_000,
        'both members assigned',
      );
      const pa = new Set(a.consumer.assignment().map((p) => p.partition));
      const pb = new Set(b.consumer.assignment().map((p) => p.partition));
      expect([...pa].filter((p) => pb.has(p))).toEqual([]);

      await produce(t, 200, (i) => `citizen-${i}`);
      await eventually(() => a.received.length + b.received.length >= 200 || undefined, 60_000, '200 messages');
      await new Promise((r) => setTimeout(r, 1000));
      const all = [...a.received, ...b.received];
      expect(all).toHaveLength(200);
      expect(new Set(seqs(all)).size).toBe(200);
      expect(a.received.length).toBeGreaterThan(0);
      expect(b.received.length).toBeGreaterThan(0);
      for (const m of a.received) expect(pa.has(m.partition)).toBe(true);
      for (const m of b.received) expect(pb.has(m.partition)).toBe(true);
    });

    it('gives every group its own copy of the stream', async () => {
      const t = await topic(2);
      await produce(t, 30, (i) => `k${i}`);
      const one = await consume(t, uniqueName('g'));
      const two = await consume(t, uniqueName('g'));
      await eventually(() => (one.received.length >= 30 && two.received.length >= 30) || undefined, 30_000, 'both groups');
      expect(seqs(one.received).sort((x, y) => x - y)).toEqual(seqs(two.received).sort((x, y) => x - y));
    });

    it('replays from an offset and from a timestamp', async () => {
      const t = await topic(1);
      const early = Date.now() - 60_000;
      const late = Date.now() - 30_000;
      await produce(t, 5, (i) => `early${i}`, early);
      await produce(t, 5, (i) => `late${i}`, late);

      const byTime = await transport.offsetsForTimestamp(t, late);
      expect(byTime).toEqual([{ partition: 0, offset: '5' }]);

      // an auditor's replay group positioned before it starts
      const replayGroup = uniqueName('replay');
      await transport.setGroupOffsets(replayGroup, t, byTime);
      const replay = await consume(t, replayGroup);
      await eventually(() => replay.received.length >= 5 || undefined, 30_000, 'replayed messages');
      expect(replay.received.map((m) => m.key)).toEqual(['late0', 'late1', 'late2', 'late3', 'late4']);

      // a running consumer moved back to an offset, then to a timestamp
      replay.received.length = 0;
      replay.consumer.seek(t, 0, '2');
      await eventually(() => replay.received.length >= 8 || undefined, 30_000, 'messages after seek to offset 2');
      expect(replay.received.slice(0, 8).map((m) => m.offset)).toEqual(['2', '3', '4', '5', '6', '7', '8', '9']);
      replay.received.length = 0;
      await seekToTimestamp(transport, replay.consumer, t, late);
      await eventually(() => replay.received.length >= 5 || undefined, 30_000, 'messages after seek to time');
      expect(replay.received.slice(0, 5).map((m) => m.key)).toEqual(['late0', 'late1', 'late2', 'late3', 'late4']);
    });

    it('hands a batch that failed with a transient error to the handler again, whole, skipping nothing', async () => {
      const t = await topic(1);
      await produce(t, 10, (i) => `k${i}`);
      const calls: number[][] = [];
      const done = new Set<number>();
      const { server, deadLetters, groupId } = await serve(t, (batch) => {
        calls.push(seqs(batch.messages));
        if (calls.length === 1) throw connectionLost();
        for (const seq of seqs(batch.messages)) done.add(seq);
      });
      await eventually(() => done.size >= 10 || undefined, 60_000, 'all 10 after a transient failure');
      expect(calls[1]).toEqual(calls[0]);
      expect([...done].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(deadLetters).toEqual([]);
      await eventually(async () => (await committedCount(groupId, t)) === 10 || undefined, 30_000, 'offsets committed');
      expect(server.consumerStatus().state).toBe('running');
    });

    it('dead-letters exactly the message that always fails, with its reason, and processes and commits the rest', async () => {
      const t = await topic(1);
      await produce(t, 20, (i) => `k${i}`);
      const done = new Set<number>();
      const { deadLetters, groupId } = await serve(t, (batch) => {
        const batchSeqs = seqs(batch.messages);
        // a bug met by one record only
        if (batchSeqs.includes(7)) throw new TypeError("Cannot read properties of undefined (reading 'holder')");
        for (const seq of batchSeqs) done.add(seq);
      });
      await eventually(async () => (await committedCount(groupId, t)) === 20 || undefined, 60_000, 'all 20 committed');
      expect(deadLetters.map((f) => Number(f.message.headers['lgsp-seq']))).toEqual([7]);
      expect(deadLetters[0]).toMatchObject({ reason: 'processing:type-error', kind: 'type-error', errorClass: 'TypeError' });
      expect(deadLetters[0].stackDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(deadLetters[0].message.offset).toBe('7');
      expect([...done].sort((a, b) => a - b)).toEqual([...Array(20).keys()].filter((i) => i !== 7));
    });

    it('reports the consumer retrying while a transient failure lasts past the capped delay, and running after', async () => {
      const t = await topic(1);
      await produce(t, 5, (i) => `k${i}`);
      let databaseDown = true;
      const done = new Set<number>();
      const { server } = await serve(t, (batch) => {
        if (databaseDown) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        for (const seq of seqs(batch.messages)) done.add(seq);
      });
      const retrying = await eventually(
        () => (server.consumerStatus().state === 'retrying' ? server.consumerStatus() : undefined),
        30_000,
        'the retrying state',
      );
      expect(retrying.retrying).toEqual([expect.objectContaining({ topic: t, partition: 0, kind: 'connection-lost' })]);
      expect(done.size).toBe(0);
      databaseDown = false;
      await eventually(() => done.size >= 5 || undefined, 30_000, 'all 5 once the database is back');
      await eventually(() => server.consumerStatus().state === 'running' || undefined, 10_000, 'running again');
    });

    it('keeps consuming after a handler throws a TypeError into the consumer itself', async () => {
      // Without the server's policy: kafkajs stops a consumer for good on such an error (restart: false).
      const t = await topic(1);
      await produce(t, 5, (i) => `before${i}`);
      const crashes: ConsumerCrash[] = [];
      const consumer = transport.consumer({
        groupId: uniqueName('g'),
        fromBeginning: true,
        maxBatchSize: 50,
        onCrash: (crash) => crashes.push(crash),
      });
      consumers.push(consumer);
      const received: DeliveredMessage[] = [];
      let thrown = false;
      await consumer.subscribe([t]);
      await consumer.run(async (batch) => {
        if (!thrown) {
          thrown = true;
          throw new TypeError("Cannot read properties of undefined (reading 'citizenId')");
        }
        received.push(...batch.messages);
      });
      await eventually(() => received.length >= 5 || undefined, 60_000, 'the batch after the TypeError');
      await produce(t, 5, (i) => `after${i}`);
      await eventually(() => received.length >= 10 || undefined, 60_000, 'messages produced after it');
      expect(received.map((m) => m.key)).toEqual([
        ...[0, 1, 2, 3, 4].map((i) => `before${i}`),
        ...[0, 1, 2, 3, 4].map((i) => `after${i}`),
      ]);
      // Kafka crashed and restarted it; the embedded consumer redelivers without crashing. Never for good.
      expect(crashes.every((c) => c.restarting)).toBe(true);
      if (transport.kind === 'kafka') expect(crashes.length).toBeGreaterThan(0);
    });

    it('reports a consumer that cannot be restarted as crashed for good', async () => {
      const t = await topic(1);
      await produce(t, 3, (i) => `k${i}`);
      const crashes: ConsumerCrash[] = [];
      const consumer = transport.consumer({
        groupId: uniqueName('g'),
        fromBeginning: true,
        maxRestarts: 1,
        onCrash: (crash) => crashes.push(crash),
      });
      consumers.push(consumer);
      let calls = 0;
      await consumer.subscribe([t]);
      await consumer.run(async () => {
        calls++;
        throw new TypeError('always');
      });
      if (transport.kind === 'kafka') {
        await eventually(() => crashes.some((c) => !c.restarting) || undefined, 60_000, 'the final crash');
        expect(crashes.map((c) => c.restarting)).toEqual([true, false]);
      } else {
        // The embedded consumer never gives a partition up over a handler's error: it keeps redelivering.
        await eventually(() => calls >= 3 || undefined, 30_000, 'redeliveries');
        expect(crashes).toEqual([]);
      }
    });

    it('probes a topic it serves quickly, and refuses one it does not', async () => {
      const t = await topic(2);
      const started = Date.now();
      await transport.probe(t, 2000);
      expect(Date.now() - started).toBeLessThan(2000);
      await expect(transport.probe(uniqueName('absent'), 2000)).rejects.toThrow();
      // A failed probe leaves the shared clients working.
      expect((await transport.topicOffsets(t)).map((o) => o.partition)).toEqual([0, 1]);
    });
  });
}
