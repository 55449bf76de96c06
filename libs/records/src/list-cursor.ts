import { RecordKey } from './record-status';

/** The listing's cursor: the last key of a page, opaque to callers (base64url of its JSON). */
export function encodeCursor(key: RecordKey): string {
  return Buffer.from(JSON.stringify([key.source, key.entityId]), 'utf8').toString('base64url');
}

/** Null when the text is not a cursor this API gave. */
export function decodeCursor(cursor: string): RecordKey | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return { source: value[0] as string, entityId: value[1] as string };
  } catch {
    // not JSON: not a cursor
  }
  return null;
}
