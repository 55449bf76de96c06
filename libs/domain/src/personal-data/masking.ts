/**
 * Citizen IDs are personal data and never appear in logs or error messages in clear.
 * A masked ID keeps its first three digits (the birth-province code, useful to ops)
 * and its last two (enough to tell two records apart in a conversation).
 */
export function maskId(id: string): string {
  if (id.length <= 5) return '*'.repeat(id.length);
  return id.slice(0, 3) + '*'.repeat(id.length - 5) + id.slice(-2);
}

// 9 to 12 digits standing alone: new 12-digit IDs, legacy 9-digit IDs, and the
// 10-digit social insurance numbers, which identify a person just as well.
const ID_LIKE = /(?<![\d])\d{9,12}(?![\d])/g;

/** Masks every ID-like run of digits in a piece of text. */
export function maskIdsInText(text: string): string {
  return text.replace(ID_LIKE, (m) => maskId(m));
}

/** Deep copy of a value with every ID-like string masked (for structured log fields). */
export function maskIdsDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskIdsInText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: maskIdsInText(value.message), stack: value.stack && maskIdsInText(value.stack) };
  }
  if (Array.isArray(value)) return value.map((v) => maskIdsDeep(v, depth + 1));
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskIdsDeep(v, depth + 1);
  return out;
}
