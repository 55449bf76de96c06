import { EventConsumer } from '@lgsp/transport';
import { RegistryFirst } from './registry-first';

function fakeConsumer() {
  const calls: string[] = [];
  const consumer = {
    pause: (topics: string[]) => calls.push(`pause ${topics.join(',')}`),
    resume: (topics: string[]) => calls.push(`resume ${topics.join(',')}`),
  } as unknown as EventConsumer;
  return { consumer, calls };
}

const quiet = { info: () => undefined, warn: () => undefined };

describe('RegistryFirst', () => {
  it('holds the sectoral topics above the threshold and lets go at half of it', async () => {
    const { consumer, calls } = fakeConsumer();
    let lag = 0;
    const gate = new RegistryFirst(
      consumer,
      async () => lag,
      { maxLag: 1000, intervalMs: 1000, gateIntervalMs: 250, lagTimeoutMs: 3000, sectoralTopics: ['land', 'insurance'] },
      quiet,
    );
    for (const value of [10, 5000, 3000, 900, 600, 400, 700, 2000]) {
      lag = value;
      await gate.check();
    }
    expect(calls).toEqual(['pause land,insurance', 'resume land,insurance', 'pause land,insurance']);
    expect(gate.isHolding).toBe(true);
  });

  it('lets go of a hold, and takes none, while the lag cannot be read', async () => {
    const { consumer, calls } = fakeConsumer();
    let fail = true;
    const gate = new RegistryFirst(
      consumer,
      () => (fail ? Promise.reject(new Error('broker down')) : Promise.resolve(5)),
      { maxLag: 1, intervalMs: 1000, gateIntervalMs: 250, lagTimeoutMs: 3000, sectoralTopics: ['land'] },
      quiet,
    );
    await gate.check();
    expect(calls).toEqual([]);
    fail = false;
    await gate.check();
    fail = true;
    await gate.check();
    expect(calls).toEqual(['pause land', 'resume land']);
    expect(gate.isHolding).toBe(false);
  });

  it('never holds with a threshold of 0', () => {
    const { consumer } = fakeConsumer();
    const gate = new RegistryFirst(
      consumer,
      async () => 1e9,
      { maxLag: 0, intervalMs: 10, gateIntervalMs: 10, lagTimeoutMs: 3000, sectoralTopics: ['land'] },
      quiet,
    );
    gate.start();
    expect((gate as unknown as { timer: unknown }).timer).toBeUndefined();
  });

  it('reads the lag at the gate of a sectoral batch, at most once per gate interval, and pauses before it is handled', async () => {
    const { consumer, calls } = fakeConsumer();
    let lag = 0;
    let reads = 0;
    let clock = 0;
    const gate = new RegistryFirst(
      consumer,
      async () => {
        reads++;
        return lag;
      },
      { maxLag: 1000, intervalMs: 1000, gateIntervalMs: 250, lagTimeoutMs: 3000, sectoralTopics: ['land'] },
      quiet,
      () => clock,
    );
    await gate.beforeBatch('land');
    await Promise.all([gate.beforeBatch('land'), gate.beforeBatch('land')]);
    expect(reads).toBe(1);
    // A population batch never waits for a reading.
    lag = 5000;
    clock = 1000;
    await gate.beforeBatch('population');
    expect(reads).toBe(1);
    // A load arrived: the next sectoral batch sees it and is held before it is handled.
    await gate.beforeBatch('land');
    expect(reads).toBe(2);
    expect(calls).toEqual(['pause land']);
    expect(gate.isHolding).toBe(true);
  });

  it('lets a batch through, and a hold go, when a lag read neither answers nor fails within its bound', async () => {
    const { consumer, calls } = fakeConsumer();
    let wedged = false;
    const gate = new RegistryFirst(
      consumer,
      () => (wedged ? new Promise<number>(() => undefined) : Promise.resolve(5000)),
      { maxLag: 1000, intervalMs: 1000, gateIntervalMs: 0, lagTimeoutMs: 50, sectoralTopics: ['land'] },
      quiet,
    );
    await gate.check();
    expect(gate.isHolding).toBe(true);
    wedged = true;
    const started = Date.now();
    await gate.check();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(gate.isHolding).toBe(false);
    // The gate of a sectoral batch does not wait on the wedged read either.
    await gate.beforeBatch('land');
    expect(calls).toEqual(['pause land', 'resume land']);
  });
});
