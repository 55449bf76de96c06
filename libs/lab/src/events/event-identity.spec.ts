import { eventIdFor, streamNameFor, traceIdFor } from './event-identity';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event identity', () => {
  it('gives the same id for the same stream, source and position', () => {
    expect(eventIdFor('s', 'land', 7)).toBe(eventIdFor('s', 'land', 7));
    expect(eventIdFor('s', 'land', 7)).toMatch(UUID_V8);
  });

  it('gives different ids when any part differs', () => {
    const ids = new Set([
      eventIdFor('s', 'land', 7),
      eventIdFor('s', 'land', 8),
      eventIdFor('s', 'insurance', 7),
      eventIdFor('t', 'land', 7),
    ]);
    expect(ids.size).toBe(4);
  });

  it('derives a W3C trace id from the event id', () => {
    const id = eventIdFor('s', 'population', 0);
    expect(traceIdFor(id)).toMatch(/^[0-9a-f]{32}$/);
    expect(traceIdFor(id)).toBe(traceIdFor(id));
    expect(traceIdFor(id)).not.toBe(traceIdFor(eventIdFor('s', 'population', 1)));
  });

  it('names a stream by its parameters, whatever their key order', () => {
    expect(streamNameFor({ seed: 1, citizens: 10 })).toBe(streamNameFor({ citizens: 10, seed: 1 }));
    expect(streamNameFor({ seed: 1, citizens: 10 })).not.toBe(streamNameFor({ seed: 2, citizens: 10 }));
  });
});
