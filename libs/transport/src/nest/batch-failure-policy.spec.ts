import { BatchControl, DeliveredMessage, MessageBatch } from '../event-transport';
import { BatchAbandoned, BatchFailurePolicy, ProcessingFailure, RetryNotice } from './batch-failure-policy';

function batchOf(n: number): MessageBatch {
  const messages: DeliveredMessage[] = Array.from({ length: n }, (_, i) => ({
    topic: 't',
    partition: 0,
    offset: String(i),
    key: `k${i}`,
    value: Buffer.from(String(i)),
    headers: {},
    timestamp: 0,
  }));
  return { topic: 't', partition: 0, messages, highWatermark: String(n) };
}

const active: BatchControl = { isActive: () => true, heartbeat: async () => undefined };
const offsets = (b: MessageBatch) => b.messages.map((m) => Number(m.offset));

function policyUnderTest(deadLetter: (f: ProcessingFailure[]) => Promise<void> = async () => undefined) {
  const retries: RetryNotice[] = [];
  const deadLettered: ProcessingFailure[] = [];
  const settled: string[] = [];
  const policy = new BatchFailurePolicy({
    retry: { initialMs: 1, maxMs: 4 },
    deadLetter: async (f) => {
      await deadLetter(f);
      deadLettered.push(...f);
    },
    onRetry: (n) => retries.push(n),
    onDeadLetter: () => undefined,
    onSettled: (topic, partition) => settled.push(`${topic}/${partition}`),
    random: () => 0.5,
  });
  return { policy, retries, deadLettered, settled };
}

const lost = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

describe('BatchFailurePolicy', () => {
  it('hands the same batch again after a transient failure, skipping nothing', async () => {
    const { policy, retries, deadLettered, settled } = policyUnderTest();
    const seen: number[][] = [];
    await policy.run(batchOf(5), active, async (b) => {
      seen.push(offsets(b));
      if (seen.length === 1) throw lost();
    });
    expect(seen).toEqual([
      [0, 1, 2, 3, 4],
      [0, 1, 2, 3, 4],
    ]);
    expect(retries.map((r) => [r.kind, r.firstOffset, r.lastOffset])).toEqual([['connection-lost', '0', '4']]);
    expect(deadLettered).toEqual([]);
    expect(settled).toEqual(['t/0']);
  });

  it('backs off exponentially up to the cap, then keeps retrying at the cap', async () => {
    const { policy, retries } = policyUnderTest();
    let calls = 0;
    await policy.run(batchOf(1), active, async () => {
      if (++calls <= 6) throw lost();
    });
    // ceilings 1, 2, 4, 4, 4, 4 ms with the jitter at its middle: 3/4 of each
    expect(retries.map((r) => r.delayMs)).toEqual([1, 2, 3, 3, 3, 3]);
    expect(retries.map((r) => r.atCap)).toEqual([false, false, true, true, true, true]);
  });

  it('isolates a poison message by halving, dead-letters it alone and processes the rest', async () => {
    const { policy, deadLettered, retries } = policyUnderTest();
    const processed = new Set<number>();
    await policy.run(batchOf(9), active, async (b) => {
      if (offsets(b).includes(6)) throw new TypeError("Cannot read properties of undefined (reading 'holder')");
      for (const o of offsets(b)) processed.add(o);
    });
    expect(deadLettered.map((f) => f.message.offset)).toEqual(['6']);
    expect(deadLettered[0]).toMatchObject({ reason: 'processing:type-error', errorClass: 'TypeError' });
    expect(deadLettered[0].stackDigest).toMatch(/^[0-9a-f]{64}$/);
    expect([...processed].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 7, 8]);
    expect(retries).toEqual([]);
  });

  it('takes an unrecognised failure for poison once it repeats the same way on the same input', async () => {
    const { policy, deadLettered, retries } = policyUnderTest();
    const fail = () => new Error('something unexpected');
    await policy.run(batchOf(4), active, async (b) => {
      if (offsets(b).includes(1)) throw fail();
    });
    expect(retries).toHaveLength(1);
    expect(deadLettered.map((f) => [f.message.offset, f.reason])).toEqual([['1', 'processing:repeated-failure']]);
  });

  it('keeps retrying a message whose dead letter cannot be written yet, never skipping it', async () => {
    let refusals = 2;
    const { policy, deadLettered, retries } = policyUnderTest(async () => {
      if (refusals-- > 0) throw Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' });
    });
    await policy.run(batchOf(1), active, async () => {
      throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    });
    expect(retries.map((r) => r.kind)).toEqual(['broker-unavailable', 'broker-unavailable']);
    expect(deadLettered.map((f) => f.reason)).toEqual(['processing:data-exception']);
  });

  const duplicateKey = () => Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });

  it('retries a constraint violation that does not come back (a race between workers), dead-lettering nothing', async () => {
    const { policy, deadLettered, retries } = policyUnderTest();
    const seen: number[][] = [];
    await policy.run(batchOf(4), active, async (b) => {
      seen.push(offsets(b));
      if (seen.length === 1) throw duplicateKey();
    });
    expect(retries.map((r) => r.kind)).toEqual(['integrity-violation']);
    expect(seen).toEqual([
      [0, 1, 2, 3],
      [0, 1, 2, 3],
    ]);
    expect(deadLettered).toEqual([]);
  });

  it('isolates a constraint violation that repeats, keeping its kind, after one wait', async () => {
    const { policy, deadLettered, retries } = policyUnderTest();
    const processed: number[] = [];
    await policy.run(batchOf(8), active, async (b) => {
      if (offsets(b).includes(5)) throw duplicateKey();
      processed.push(...offsets(b));
    });
    expect(retries).toHaveLength(1);
    expect(deadLettered.map((f) => [f.message.offset, f.reason])).toEqual([['5', 'processing:integrity-violation']]);
    expect(processed.sort()).toEqual([0, 1, 2, 3, 4, 6, 7]);
  });

  it('gives a batch up, uncommitted, when closed during a wait', async () => {
    const { policy } = new (class {
      policy = new BatchFailurePolicy({
        retry: { initialMs: 60_000, maxMs: 60_000 },
        deadLetter: async () => undefined,
        onRetry: () => setImmediate(() => policy.close()),
        onDeadLetter: () => undefined,
        onSettled: () => undefined,
      });
    })();
    const started = Date.now();
    await expect(
      policy.run(batchOf(2), active, async () => {
        throw lost();
      }),
    ).rejects.toBeInstanceOf(BatchAbandoned);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("stops retrying once the partition is no longer this consumer's", async () => {
    const { policy } = policyUnderTest();
    let owned = true;
    const control: BatchControl = { isActive: () => owned, heartbeat: async () => undefined };
    await expect(
      policy.run(batchOf(2), control, async () => {
        owned = false;
        throw lost();
      }),
    ).rejects.toThrow('ECONNRESET');
  });
});
