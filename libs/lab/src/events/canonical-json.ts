/**
 * Canonical JSON (the RFC 8785 subset our data needs): object keys sorted by UTF-16 code
 * units, no whitespace, numbers and strings as JSON.stringify writes them (ECMAScript
 * shortest round-trip numbers, minimal escaping). Two equal values always give the same
 * bytes, whatever order their keys were built in, so a digest over it is reproducible.
 * Properties whose value is undefined are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`${typeof value} has no JSON form`);
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number has no JSON form');
    return text;
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i] === undefined ? null : value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${quotedKey(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

// Records reuse a few dozen property names millions of times: quote each once.
const QUOTED_KEYS = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (QUOTED_KEYS.size < 10_000) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}
