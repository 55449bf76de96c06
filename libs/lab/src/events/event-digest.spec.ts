import { createHash } from 'node:crypto';
import { examples } from '@lgsp/contracts';
import { EventDigest, digestLine } from './event-digest';

const [first, second] = examples.POPULATION_EXAMPLES;

describe('EventDigest', () => {
  it('ignores committedAt, the wall-clock commit time', () => {
    const a = new EventDigest();
    a.add(first);
    const b = new EventDigest();
    b.add({ ...first, committedAt: '2030-01-01T00:00:00Z' });
    expect(a.hex()).toBe(b.hex());
  });

  it('depends on every other field and on the order of events', () => {
    const digest = (...events: (typeof first)[]) => {
      const d = new EventDigest();
      for (const e of events) d.add(e);
      return d.hex();
    };
    expect(digest(first, second)).not.toBe(digest(second, first));
    expect(digest(first)).not.toBe(digest({ ...first, schemaVersion: 2 }));
  });

  it('is the sha256 of the canonical lines, so anyone can recompute it', () => {
    const d = new EventDigest();
    d.add(first);
    d.add(second);
    const { committedAt: _a, ...firstContent } = first;
    expect(digestLine(first)).not.toContain('committedAt');
    expect(digestLine(first).endsWith('\n')).toBe(true);
    expect(JSON.parse(digestLine(first))).toEqual(firstContent);
    const expected = createHash('sha256').update(digestLine(first)).update(digestLine(second)).digest('hex');
    expect(d.events).toBe(2);
    expect(d.hex()).toBe(expected);
  });
});
