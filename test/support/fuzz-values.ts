import fc from 'fast-check';

/**
 * The fuzz runs' shared pieces (the consumer's in test/faults, the gateway's in apps/gateway/test, the contract's
 * validator's in libs/contracts): values at the edge
 * of what a JSON contract and PostgreSQL take, a way to put one into any leaf of a document, and seeded ids and order,
 * so a run is the same for a seed.
 */
const edgeChar = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDE00', 'ệ', 'Đ', ' ', '\u202E'),
);
export const edgeString = fc.array(edgeChar, { maxLength: 40 }).map((cs) => cs.join(''));
export const pad = (n: number, w: number) => String(n).padStart(w, '0');
export const edgeDate = fc
  .record({
    y: fc.oneof(fc.constantFrom(0, 1, 9999), fc.integer({ min: 0, max: 9999 })),
    m: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    sign: fc.constantFrom('+', '-'),
    oh: fc.integer({ min: 0, max: 23 }),
    om: fc.constantFrom(0, 30, 59),
    kind: fc.constantFrom('date', 'datetime', 'zulu'),
  })
  .map(({ y, m, d, sign, oh, om, kind }) => {
    const date = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
    if (kind === 'date') return date;
    return `${date}T12:00:00${kind === 'zulu' ? 'Z' : `${sign}${pad(oh, 2)}:${pad(om, 2)}`}`;
  });
export const edgeValue = fc.oneof(
  edgeString,
  edgeDate,
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -0, 2 ** 53 + 1, '', 'x'.repeat(5000)),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every leaf of a document, with its path. */
export function leafValues(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: unknown }[] {
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leafValues(v, [...path, Array.isArray(value) ? Number(k) : k]));
  return [{ path, value }];
}

/** The paths of every leaf of a document. */
export function leaves(value: unknown): (string | number)[][] {
  return leafValues(value).map((l) => l.path);
}

export function withLeaf(event: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(event) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]] = replacement;
  return copy;
}

/** A deterministic UUID-shaped id (v4 layout) for a seed, kind and index. */
export function uuidOf(seed: number, kind: number, i: number): string {
  const hex = `${pad(seed, 4)}${pad(kind, 4)}${pad(i, 12)}`.padStart(32, '0').slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Fisher–Yates with a small seeded generator (mulberry32). */
export function shuffle<T>(items: T[], seed: number): void {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
