import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { DEAD_LETTER_HEADERS, RESULT_HEADERS, SECTORAL_SOURCES, type TopicNames } from '@lgsp/contracts';
import type { DeliveredMessage, EventTransport, TopicPartitionOffsets } from '@lgsp/transport';
import type { AccountingInput, Coordinates, PartitionProgress, PublishedDecision, SourceEvent } from './accounting';
import { AccountingRepository } from './accounting.repository';

export interface AccountingTarget {
  topics: TopicNames;
  /** The pipeline's consumer group (pipelineGroupOf(prefix)). */
  groupId: string;
}

export interface LoadOptions {
  /** How long the group's committed offsets are watched to tell a moving partition from a stuck one. */
  observeMs?: number;
  /** Bound on reading the topics. */
  readTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** UUIDs compare as PostgreSQL prints them. */
const uuidCase = (id: string) => id.toLowerCase();

/** The group's committed offsets and the log-end offsets of every source topic. */
async function progressOf(transport: EventTransport, target: AccountingTarget): Promise<PartitionProgress[]> {
  const out: PartitionProgress[] = [];
  for (const topic of Object.values(target.topics.sources)) {
    const [ends, committed] = await Promise.all([transport.topicOffsets(topic), transport.groupOffsets(target.groupId, topic)]);
    const at = new Map(committed.map((c) => [c.partition, c.offset]));
    for (const e of ends)
      out.push({ topic, partition: e.partition, committed: at.get(e.partition) ?? '-1', end: e.high, moved: false });
  }
  return out;
}

/**
 * Every message the topics hold up to the given ends, read by a consumer group of the checker's
 * own (the pipeline's group is left alone). Resolves once each partition reached its end.
 */
async function readUpTo(
  transport: EventTransport,
  ends: Map<string, TopicPartitionOffsets[]>,
  timeoutMs: number,
): Promise<Map<string, DeliveredMessage[]>> {
  const byTopic = new Map<string, DeliveredMessage[]>([...ends.keys()].map((t) => [t, []]));
  const remaining = new Map<string, bigint>();
  for (const [topic, parts] of ends)
    for (const p of parts) if (BigInt(p.high) > BigInt(p.low)) remaining.set(`${topic}|${p.partition}`, BigInt(p.high));
  if (remaining.size === 0) return byTopic;
  const consumer = transport.consumer({ groupId: `lgsp-accounting-${randomBytes(6).toString('hex')}`, fromBeginning: true });
  try {
    await consumer.subscribe([...ends.keys()]);
    await consumer.run(async (batch) => {
      const key = `${batch.topic}|${batch.partition}`;
      const end = remaining.get(key);
      if (end === undefined) return;
      for (const m of batch.messages) if (BigInt(m.offset) < end) byTopic.get(batch.topic)!.push(m);
      const last = batch.messages[batch.messages.length - 1];
      if (last && BigInt(last.offset) + 1n >= end) remaining.delete(key);
    });
    const deadline = Date.now() + timeoutMs;
    while (remaining.size > 0) {
      if (Date.now() > deadline)
        throw new Error(
          `reading the topics timed out after ${timeoutMs} ms with ${remaining.size} partition(s) not read to their end ` +
            `(${[...remaining.keys()].slice(0, 3).join(', ')})`,
        );
      await sleep(100);
    }
  } finally {
    await consumer.stop();
  }
  return byTopic;
}

/** A source message as the accounting needs it; null when it is not JSON or lacks what identifies its record. */
export function sourceEventOf(m: DeliveredMessage): SourceEvent {
  const at = { topic: m.topic, partition: m.partition, offset: m.offset };
  try {
    const v = JSON.parse(m.value.toString('utf8')) as Record<string, unknown>;
    const { source, entityId, eventId, committedAt } = v ?? {};
    if (
      [source, entityId, eventId, committedAt].every((f) => typeof f === 'string') &&
      !Number.isNaN(Date.parse(committedAt as string))
    )
      return {
        ...at,
        event: {
          source: source as string,
          entityId: entityId as string,
          eventId: uuidCase(eventId as string),
          committedAt: committedAt as string,
        },
      };
  } catch {
    // not JSON: only a dead letter accounts for it
  }
  return { ...at, event: null };
}

function deadLetterOf(m: DeliveredMessage): Coordinates | null {
  const topic = m.headers[DEAD_LETTER_HEADERS.sourceTopic];
  const partition = Number(m.headers[DEAD_LETTER_HEADERS.sourcePartition]);
  const offset = m.headers[DEAD_LETTER_HEADERS.sourceOffset];
  if (!topic || !Number.isInteger(partition) || !/^\d+$/.test(offset ?? '')) return null;
  return { topic, partition, offset };
}

function publishedOf(m: DeliveredMessage): PublishedDecision | null {
  try {
    const v = JSON.parse(m.value.toString('utf8')) as { decisionId?: unknown; sequence?: unknown };
    const id = m.headers[RESULT_HEADERS.decisionId] ?? v.decisionId;
    if (typeof id !== 'string' || typeof v.sequence !== 'number') return null;
    // The cause event's UUID in the id, as PostgreSQL prints it.
    const cut = id.lastIndexOf('/');
    return { decisionId: id.slice(0, cut + 1) + uuidCase(id.slice(cut + 1)), sequence: v.sequence };
  } catch {
    return null;
  }
}

export interface LoadedAccounting {
  input: AccountingInput;
  /** Dead-letter and results messages the checker could not read (a dead letter without provenance, a result without id). */
  unreadable: { deadLetters: number; results: number };
}

/**
 * Reads what the accounting is a function of. Order matters while the pipeline runs: the
 * group's offsets first (an event below them was written and published before they were
 * committed), then the database, then the topics up to their ends (the results topic read
 * after the database holds every decision it shows, since results are published first).
 */
export async function loadAccounting(
  transport: EventTransport,
  pool: Pool,
  target: AccountingTarget,
  options: LoadOptions = {},
): Promise<LoadedAccounting> {
  const first = await progressOf(transport, target);
  if (options.observeMs) await sleep(options.observeMs);
  const progress = options.observeMs ? await progressOf(transport, target) : first;
  const before = new Map(first.map((p) => [`${p.topic}|${p.partition}`, p.committed]));
  for (const p of progress) p.moved = before.get(`${p.topic}|${p.partition}`) !== p.committed;

  const repository = new AccountingRepository(pool);
  const stored = await repository.storedStates();
  const decisions = await repository.decisions();

  const ends = new Map<string, TopicPartitionOffsets[]>();
  for (const topic of [...Object.values(target.topics.sources), target.topics.deadLetter, target.topics.results])
    ends.set(topic, await transport.topicOffsets(topic));
  // Source messages only up to the ends observed with the offsets: what came later is pending anyway.
  for (const p of progress) {
    const parts = ends.get(p.topic)!;
    const part = parts.find((x) => x.partition === p.partition);
    if (part && BigInt(part.high) > BigInt(p.end)) part.high = p.end;
  }
  const messages = await readUpTo(transport, ends, options.readTimeoutMs ?? 120_000);

  const events = Object.values(target.topics.sources).flatMap((t) => messages.get(t)!.map(sourceEventOf));
  const letters = messages.get(target.topics.deadLetter)!.map(deadLetterOf);
  const results = messages.get(target.topics.results)!.map(publishedOf);
  return {
    input: {
      events,
      progress,
      deadLetters: letters.filter((l): l is Coordinates => l !== null),
      stored,
      sectoralSources: SECTORAL_SOURCES,
      decisions,
      published: results.filter((r): r is PublishedDecision => r !== null),
    },
    unreadable: { deadLetters: letters.filter((l) => l === null).length, results: results.filter((r) => r === null).length },
  };
}

/**
 * Waits until the pipeline is idle: no source partition behind its group's committed offset,
 * twice in a row a second apart. Resolves true when idle, false when `timeoutMs` ran out first.
 */
export async function waitUntilIdle(transport: EventTransport, target: AccountingTarget, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let idleBefore = false;
  for (;;) {
    const progress = await progressOf(transport, target);
    const idle = progress.every((p) => BigInt(p.end) <= (BigInt(p.committed) < 0n ? 0n : BigInt(p.committed)));
    if (idle && idleBefore) return true;
    idleBefore = idle;
    if (Date.now() > deadline) return false;
    await sleep(1000);
  }
}
