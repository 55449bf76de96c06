import { DeliveredMessage, EventConsumer, EventTransport, MessageBatch, partitionFor, seekToTimestamp } from '@lgsp/transport';
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

    beforeAll(async () => {
      under = await open();
      transport = under.transport;
    });
    afterEach(async () => {
      for (const c of consumers.splice(0)) await c.stop();
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
  });
}
