import { createHash } from 'node:crypto';

/** The class name of whatever was thrown: `TypeError`, `QueryFailedError`, `string` for a thrown string. */
export function errorClassName(error: unknown): string {
  if (error instanceof Error) {
    // The class first: node-postgres names its DatabaseError instances "error".
    const ctor = error.constructor?.name;
    return ctor && ctor !== 'Error' ? ctor : error.name || 'Error';
  }
  if (error === null) return 'null';
  if (typeof error === 'object') return (error as { constructor?: { name?: string } }).constructor?.name ?? 'Object';
  return typeof error;
}

/**
 * The frames of a stack trace, without its first lines: those repeat the message, and a
 * message may quote a value (PostgreSQL's data exceptions do, and they are names, IDs and
 * dates of birth here). The frames are code locations only.
 */
export function stackFrames(error: unknown): string[] {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return [];
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => line.trim());
}

/** Frames that say where a failure was thrown: the throwing function and its caller. */
const PLACE_FRAMES = 2;

/**
 * The place of a failure: its innermost frames, without columns and without V8's "async "
 * marks. The outer frames are not the place: a first call made synchronously shows every caller
 * down to the event loop, the same call made again after an await shows only the awaiting ones.
 */
function placeOf(error: unknown): string[] {
  return stackFrames(error)
    .slice(0, PLACE_FRAMES)
    .map((frame) => frame.replace(/^at async /, 'at ').replace(/:\d+(\)?)$/, '$1'));
}

/**
 * sha256 of the class name and the place it was thrown: equal for two failures thrown at the
 * same place, and it cannot be turned back into a value (a digest over a message quoting a
 * 12-digit ID could be, by trying every ID).
 */
export function stackDigest(error: unknown): string {
  return createHash('sha256')
    .update([errorClassName(error), ...placeOf(error)].join('\n'))
    .digest('hex');
}

/** What "failed the same way" means: same class, same code, same place. */
export function failureSignature(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return `${errorClassName(error)}|${typeof code === 'string' || typeof code === 'number' ? code : ''}|${stackDigest(error)}`;
}
