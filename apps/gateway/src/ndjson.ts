/** Whether a request's Content-Type says NDJSON (the bulk endpoint): application/x-ndjson, parameters allowed. */
export function isNdjson(contentType: string | string[] | undefined): boolean {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return /^\s*application\/(x-)?ndjson\s*(;|$)/i.test(value ?? '');
}

/** One line of an NDJSON body: its bytes (without the newline or a trailing CR), or that it was over the line limit. */
export type NdjsonLine =
  { line: number; bytes: Buffer; tooLong?: undefined } | { line: number; tooLong: true; bytes?: undefined };

/** The body went past its limit: the lines before `limit` bytes were read and given; nothing after. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the body is larger than ${limit} bytes`);
  }
}

export interface NdjsonLimits {
  /** Most bytes of the whole body. */
  maxBodyBytes: number;
  /** Most bytes of one line (without its newline); a longer line is given as tooLong, its bytes never held whole. */
  maxLineBytes: number;
}

const NEWLINE = 0x0a;
const isBlank = (b: Buffer) => b.every((c) => c === 0x20 || c === 0x09 || c === 0x0d);

/**
 * The lines of an NDJSON stream as they arrive, numbered from 1 as an editor numbers them; blank lines are skipped
 * (but counted). At most one line is held at a time (and at most maxLineBytes of it), so a body of any length is read
 * in bounded memory; the consumer's pace is the reading's pace.
 */
export async function* ndjsonLines(chunks: AsyncIterable<Buffer | string>, limits: NdjsonLimits): AsyncGenerator<NdjsonLine> {
  let parts: Buffer[] = [];
  let held = 0;
  let tooLong = false;
  let line = 1;
  let total = 0;
  const take = (): NdjsonLine | null => {
    const current = line++;
    if (tooLong) {
      tooLong = false;
      return { line: current, tooLong: true };
    }
    let bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts, held);
    parts = [];
    held = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    return isBlank(bytes) ? null : { line: current, bytes };
  };
  const hold = (segment: Buffer) => {
    if (tooLong || segment.length === 0) return;
    // A CR before the newline is not the line's: allow one byte over until the newline says which it is.
    if (held + segment.length > limits.maxLineBytes + 1) {
      tooLong = true;
      parts = [];
      held = 0;
      return;
    }
    parts.push(segment);
    held += segment.length;
  };
  for await (const raw of chunks) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    const room = limits.maxBodyBytes - total;
    const over = chunk.length > room;
    if (over) chunk = chunk.subarray(0, room);
    total += chunk.length;
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      hold(chunk.subarray(start, nl));
      start = nl + 1;
      const got = take();
      if (got && got.bytes && got.bytes.length > limits.maxLineBytes) yield { line: got.line, tooLong: true };
      else if (got) yield got;
    }
    hold(chunk.subarray(start));
    if (over) throw new BodyTooLarge(limits.maxBodyBytes);
  }
  if (held > 0 || tooLong) {
    const got = take();
    if (got && got.bytes && got.bytes.length > limits.maxLineBytes) yield { line: got.line, tooLong: true };
    else if (got) yield got;
  }
}
