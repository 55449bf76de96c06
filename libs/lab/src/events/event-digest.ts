import { createHash, type Hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { UncommittedEvent } from './sync-event-factory';

/**
 * The fingerprint of a generated dataset as published: SHA-256 over the canonical JSON
 * (canonical-json.ts) of every event, each followed by a line feed, in publication order
 * (population, land, insurance, business; each in generation order). `committedAt` is
 * excluded: it is the wall-clock commit time, the only part that differs between runs.
 */
export class EventDigest {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;

  add(event: UncommittedEvent | (UncommittedEvent & { committedAt?: string })): void {
    this.hash.update(digestLine(event));
    this.count++;
  }

  get events(): number {
    return this.count;
  }

  /** Hex digest; the digest cannot be extended afterwards. */
  hex(): string {
    return this.hash.digest('hex');
  }
}

/** The bytes one event contributes to the digest. */
export function digestLine(event: UncommittedEvent & { committedAt?: string }): string {
  const { committedAt: _ignored, ...content } = event;
  return `${canonicalJson(content)}\n`;
}
