import { randomUUID } from 'node:crypto';
import { SyncEventOf, SyncEventValidator } from '@lgsp/contracts';
import { eventRefOf, SectoralSource } from '@lgsp/reconciliation';
import { DeliveredMessage, EventTransport, PartitionOffset } from '@lgsp/transport';
import { archiveGaps, OffsetGap } from '../archive/archive-gaps';
import type { EventArchive } from '../archive/event-archive';
import type { ReplayEvent } from './replay-decider';

/** The events a replay decides: sources, and a window of source commit times [from, to). */
export interface ReplayWindow {
  sources: Record<SectoralSource, string | undefined>;
  from: Date;
  to: Date;
}

export interface ReadWindow {
  /** Valid events committed in the window, in (source, partition, offset) order. */
  events: ReplayEvent[];
  /** Messages read from the topics in the range the window's times point to. */
  read: number;
  /** Of those, the ones whose body breaks the contract (the live pipeline dead-lettered them). */
  invalid: number;
  /** Of those read, the ones read from the archive: the topic no longer held them. */
  fromArchive: number;
  /**
   * Offsets the window may need that the topics lost and the archive does not hold (none: the window is complete).
   * The events there are not in `events`: their decisions cannot be replayed.
   */
  gaps: OffsetGap[];
}

/**
 * Reads a window with a reader of its own: a consumer group named for the run (never the live
 * group, whose offsets stay where they are), set to the first offset at or after `from` by broker
 * time (a broker timestamp is never earlier than its event's source commit), read up to the log end
 * as the run started, and filtered by the events' own commit times. Events committed before `to`
 * but published after the run started are not in it: the window is what the topic held.
 */
export async function readWindow(
  transport: EventTransport,
  window: ReplayWindow,
  onProgress: (read: number, total: number) => void = () => undefined,
  archive?: EventArchive,
  /** Stops the reading (a cancelled run): the reader's consumer is stopped and the abort's reason thrown. */
  signal?: AbortSignal,
): Promise<ReadWindow> {
  const validator = new SyncEventValidator();
  const sourceOf = new Map<string, SectoralSource>();
  for (const [source, topic] of Object.entries(window.sources) as [SectoralSource, string | undefined][])
    if (topic !== undefined) sourceOf.set(topic, source);
  // One reader for every topic: one group join, however many sources.
  const { messages, fromArchive, gaps } = await readRange(
    transport,
    [...sourceOf.keys()],
    window.from.getTime(),
    onProgress,
    archive,
    signal,
  );
  const events: ReplayEvent[] = [];
  let invalid = 0;
  for (const message of messages) {
    const source = sourceOf.get(message.topic)!;
    const parsed = validator.parse(source, message.value);
    if (!parsed.ok) {
      invalid++;
      continue;
    }
    const event = parsed.event as SyncEventOf<SectoralSource> & { eventId: string; committedAt: string };
    const at = Date.parse(event.committedAt);
    if (at < window.from.getTime() || at >= window.to.getTime()) continue;
    events.push({ source, event, ref: eventRefOf(message, event.eventId, event.committedAt) });
  }
  events.sort(
    (a, b) => cmp(a.source, b.source) || a.ref.partition - b.ref.partition || Number(BigInt(a.ref.offset) - BigInt(b.ref.offset)),
  );
  return { events, read: messages.length, invalid, fromArchive, gaps };
}

/** How long a reader waits with nothing delivered before it takes the range as read. */
const IDLE_MS = 15_000;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every message of the topics from the offsets for a time to the log ends as they are now. Where a partition's first
 * held offset is already at or after the time and the topic has lost messages below it (retention, deleted records),
 * those may be in the window: they are read from the archive, up to that first held offset. What neither holds is
 * returned as gaps (archiveGaps).
 */
async function readRange(
  transport: EventTransport,
  topics: string[],
  fromTime: number,
  onProgress: (read: number, total: number) => void,
  archive: EventArchive | undefined,
  signal: AbortSignal | undefined,
): Promise<{ messages: DeliveredMessage[]; fromArchive: number; gaps: OffsetGap[] }> {
  const at = (topic: string, partition: number) => `${topic}\u0000${partition}`;
  const starts = new Map<string, bigint>();
  const ends = new Map<string, bigint>();
  const offsets = new Map<string, PartitionOffset[]>();
  const archived: DeliveredMessage[] = [];
  const gaps: OffsetGap[] = [];
  for (const topic of topics) {
    const first = await transport.offsetsForTimestamp(topic, fromTime);
    offsets.set(topic, first);
    for (const p of first) starts.set(at(topic, p.partition), BigInt(p.offset));
    const held = await transport.topicOffsets(topic);
    for (const p of held) ends.set(at(topic, p.partition), BigInt(p.high));
    const lost = new Map<number, bigint>();
    for (const p of held) {
      const low = BigInt(p.low);
      if (low > 0n && (starts.get(at(topic, p.partition)) ?? low) <= low) lost.set(p.partition, low);
    }
    if (lost.size === 0) continue;
    if (archive) for (const m of await archive.read(topic, lost, fromTime)) archived.push(m);
    const ranges = archive ? await archive.ranges(topic, new Set(lost.keys())) : [];
    const losing = held
      .filter((p) => lost.has(p.partition))
      .map((p) => ({ partition: p.partition, low: BigInt(p.low), start: starts.get(at(topic, p.partition)) ?? BigInt(p.low) }));
    gaps.push(...archiveGaps(topic, losing, ranges, fromTime));
  }
  const pending = new Set([...ends].filter(([k, end]) => (starts.get(k) ?? end) < end).map(([k]) => k));
  const total = archived.length + [...ends].reduce((n, [k, end]) => n + Number(end - (starts.get(k) ?? end)), 0);
  // Keyed by position: a batch delivered again (at least once) is not read twice.
  const messages = new Map<string, DeliveredMessage>();
  for (const m of archived) messages.set(`${at(m.topic, m.partition)}:${m.offset}`, m);
  onProgress(messages.size, total);
  if (pending.size === 0) return { messages: [...messages.values()], fromArchive: archived.length, gaps };

  signal?.throwIfAborted();
  const groupId = `lgsp-audit-replay-${randomUUID()}`;
  const consumer = transport.consumer({ groupId, fromBeginning: true, maxBatchSize: 5000, partitionsConsumedConcurrently: 4 });
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  // A partition whose log ends in a transaction marker (a transactional producer's commit) never delivers its last
  // offset: once nothing has arrived for a while, the range is read.
  let idle: NodeJS.Timeout | undefined;
  const quiet = () => {
    clearTimeout(idle);
    idle = setTimeout(done, IDLE_MS);
  };
  quiet();
  // A cancel does not wait for the range to be read (a partition ending in a marker waits IDLE_MS).
  signal?.addEventListener('abort', done, { once: true });
  const subscribed = topics.filter((t) => [...pending].some((k) => k.startsWith(`${t}\u0000`)));
  await consumer.subscribe(subscribed);
  await consumer.run(async (batch) => {
    const key = at(batch.topic, batch.partition);
    const start = starts.get(key) ?? 0n;
    const end = ends.get(key) ?? 0n;
    for (const m of batch.messages) {
      const offset = BigInt(m.offset);
      if (offset >= start && offset < end) messages.set(`${key}:${m.offset}`, m);
      if (offset >= end - 1n) pending.delete(key);
    }
    onProgress(messages.size, total);
    quiet();
    if (pending.size === 0) done();
  });
  // Positioned by seeking once running (setting a new group's offsets first costs the admin client seconds per topic);
  // anything delivered from before the start is left out by the offset filter above.
  for (const topic of subscribed)
    for (const { partition, offset } of offsets.get(topic)!) consumer.seek(topic, partition, offset);
  try {
    await finished;
  } finally {
    signal?.removeEventListener('abort', done);
    clearTimeout(idle);
    await consumer.stop();
  }
  signal?.throwIfAborted();
  return { messages: [...messages.values()], fromArchive: archived.length, gaps };
}
