import type { EventProducer, OutgoingMessage } from './event-transport';
import { messageBytes, produceRequests, sendInRequests } from './produce-requests';

const message = (valueBytes: number, i = 0): OutgoingMessage => ({
  key: `k${i}`,
  value: Buffer.alloc(valueBytes, 0x61),
  headers: { 'lgsp-dlq-reason': '{"kind":"CONTRACT_VIOLATION"}' },
});

describe('produceRequests', () => {
  it('counts key, value (in UTF-8 bytes, not characters) and headers', () => {
    const ascii = messageBytes({ key: 'k', value: 'aaaa' });
    expect(messageBytes({ key: 'k', value: 'ễễễễ' })).toBe(ascii + 4 * 2);
    expect(messageBytes({ key: 'k', value: 'aaaa', headers: { h: 'vv' } })).toBeGreaterThan(ascii + 3);
  });

  it('cuts ~1,000 messages of 1 kB into requests of at most 512 kB, in order, losing none', () => {
    const messages = Array.from({ length: 1000 }, (_, i) => message(1000, i));
    const chunks = [...produceRequests(messages)];
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.reduce((n, m) => n + messageBytes(m), 0)).toBeLessThanOrEqual(512 * 1024);
    expect(chunks.flat()).toEqual(messages);
  });

  it('also bounds the count, and gives a message larger than the limit a request of its own', () => {
    const small = Array.from({ length: 7 }, (_, i) => message(10, i));
    expect([...produceRequests(small, { maxBytes: 1e9, maxMessages: 3 })].map((c) => c.length)).toEqual([3, 3, 1]);
    const mixed = [message(10, 1), message(2000, 2), message(10, 3)];
    expect([...produceRequests(mixed, { maxBytes: 1000, maxMessages: 10 })].map((c) => c.map((m) => m.key))).toEqual([
      ['k1'],
      ['k2'],
      ['k3'],
    ]);
    expect([...produceRequests([])]).toEqual([]);
  });

  it('sends each request after the one before it resolved', async () => {
    const sent: number[] = [];
    let inFlight = 0;
    const producer: EventProducer = {
      send: async (_topic, messages) => {
        expect(++inFlight).toBe(1);
        await new Promise((r) => setTimeout(r, 1));
        sent.push(messages.length);
        inFlight--;
        return [];
      },
      disconnect: async () => undefined,
    };
    await sendInRequests(
      producer,
      't',
      Array.from({ length: 5 }, (_, i) => message(10, i)),
      { maxBytes: 1e9, maxMessages: 2 },
    );
    expect(sent).toEqual([2, 2, 1]);
  });
});
