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
      { maxLag: 1000, intervalMs: 1000, sectoralTopics: ['land', 'insurance'] },
      quiet,
    );
    for (const value of [10, 5000, 3000, 900, 600, 400, 700, 2000]) {
      lag = value;
      await gate.check();
    }
    expect(calls).toEqual(['pause land,insurance', 'resume land,insurance', 'pause land,insurance']);
    expect(gate.isHolding).toBe(true);
  });

  it('leaves the topics alone when the lag cannot be read', async () => {
    const { consumer, calls } = fakeConsumer();
    const gate = new RegistryFirst(
      consumer,
      () => Promise.reject(new Error('broker down')),
      { maxLag: 1, intervalMs: 1000, sectoralTopics: ['land'] },
      quiet,
    );
    await gate.check();
    expect(calls).toEqual([]);
  });

  it('never holds with a threshold of 0', () => {
    const { consumer } = fakeConsumer();
    const gate = new RegistryFirst(consumer, async () => 1e9, { maxLag: 0, intervalMs: 10, sectoralTopics: ['land'] }, quiet);
    gate.start();
    expect((gate as unknown as { timer: unknown }).timer).toBeUndefined();
  });
});
