import { DEAD_LETTER_HEADERS, DeadLetterReason } from '@lgsp/contracts';
import type { DeliveredMessage } from '@lgsp/transport';

/** A dead-lettered message as operations see it: where it came from and why, never its content. */
export interface DeadLetterEntry {
  topic: string;
  partition: number;
  offset: string;
  sourceTopic: string | null;
  sourcePartition: number | null;
  sourceOffset: string | null;
  consumerGroup: string | null;
  reasonKind: string;
  /** JSON pointer and rule of each violation (the contract keeps values out of them). */
  violations: { path: string; keyword: string; message: string }[];
  failedAt: string | null;
}

/** Reads the dead-letter headers of a message; the message value is never looked at. */
export function deadLetterEntryOf(message: DeliveredMessage): DeadLetterEntry {
  const h = message.headers;
  let reason: Partial<DeadLetterReason> = {};
  try {
    reason = JSON.parse(h[DEAD_LETTER_HEADERS.reason] ?? '{}') as Partial<DeadLetterReason>;
  } catch {
    reason = { kind: 'PROCESSING_FAILED', errors: [] };
  }
  const partition = Number(h[DEAD_LETTER_HEADERS.sourcePartition]);
  const failedAt = Date.parse(h[DEAD_LETTER_HEADERS.failedAt] ?? '');
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    sourceTopic: h[DEAD_LETTER_HEADERS.sourceTopic] ?? null,
    sourcePartition: Number.isInteger(partition) && h[DEAD_LETTER_HEADERS.sourcePartition] !== undefined ? partition : null,
    sourceOffset: /^\d+$/.test(h[DEAD_LETTER_HEADERS.sourceOffset] ?? '') ? h[DEAD_LETTER_HEADERS.sourceOffset] : null,
    consumerGroup: h[DEAD_LETTER_HEADERS.consumerGroup] ?? null,
    reasonKind: typeof reason.kind === 'string' ? reason.kind : 'UNKNOWN',
    // Only the three named fields are copied: whatever else a header might carry stays out.
    violations: (Array.isArray(reason.errors) ? reason.errors : []).map((e) => ({
      path: String(e.path ?? ''),
      keyword: String(e.keyword ?? ''),
      message: String(e.message ?? ''),
    })),
    failedAt: Number.isNaN(failedAt) ? null : new Date(failedAt).toISOString(),
  };
}
