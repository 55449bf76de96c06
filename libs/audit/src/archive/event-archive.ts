import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import type { DeliveredMessage } from '@lgsp/transport';
import type { ArchivedRange } from './archive-gaps';

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

/**
 * One line of a day's manifest: a segment file and what it holds. The manifest is the archive's commit point: a
 * segment is part of the archive once its line is appended, so a segment file a crash left without one is ignored
 * (and written again when the batch is delivered again).
 */
export interface SegmentEntry {
  format: 'lgsp-archive/v1';
  segment: string;
  topic: string;
  partition: number;
  firstOffset: string;
  lastOffset: string;
  count: number;
  /** Broker timestamps (ms) of the segment's first and last messages by time. */
  minTimestamp: number;
  maxTimestamp: number;
  bytes: number;
  /** sha256 of the segment file (the gzip bytes), hex. */
  sha256: string;
  archivedAt: string;
}

/** A segment whose bytes are not those its manifest line names: the archive was altered or damaged. */
export class ArchiveIntegrityError extends Error {
  constructor(
    readonly segment: string,
    detail: string,
  ) {
    super(`archive segment ${segment} ${detail}`);
    this.name = 'ArchiveIntegrityError';
  }
}

/** One archived message as a line of a segment: the bytes as delivered, base64. */
interface ArchivedLine {
  partition: number;
  offset: string;
  timestamp: number;
  key: string | null;
  headers: Record<string, string>;
  value: string;
}

/** The UTC day of a broker timestamp: the archive's partitioning. */
export const dayOf = (timestamp: number): string => new Date(timestamp).toISOString().slice(0, 10);

/** Offsets padded so segment names sort by offset. */
const pad = (offset: string) => offset.padStart(20, '0');

/** Where the product keeps the archive unless LGSP_ARCHIVE_DIR says: beside the embedded data directory. */
export function defaultArchiveDir(dataDir: string): string {
  return join(dirname(resolve(dataDir)), 'archive');
}

export function archiveDirOf(settings: { archiveDir: string | null; dataDir: string }): string {
  return resolve(settings.archiveDir ?? defaultArchiveDir(settings.dataDir));
}

/**
 * The event archive on a file system: `<dir>/<topic>/<YYYY-MM-DD>/` per topic and broker day, holding immutable
 * gzip'd JSON-lines segments named `<partition>-<first offset>-<last offset>.ndjson.gz` and a `manifest.jsonl` with a
 * line (and a sha256) per segment. Writers of different partitions share a manifest: each line is one O_APPEND write,
 * which the file system does not interleave. Idempotent: a batch archived again (delivered again after a crash) adds
 * segments whose messages the archive holds already; a reader keeps one message per (partition, offset).
 */
export class EventArchive {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** Archives a batch's messages (one topic and partition), one segment per broker day; resolves once durable. */
  async append(messages: DeliveredMessage[]): Promise<SegmentEntry[]> {
    const byDay = new Map<string, DeliveredMessage[]>();
    for (const m of messages) {
      const day = dayOf(m.timestamp);
      const list = byDay.get(day);
      if (list) list.push(m);
      else byDay.set(day, [m]);
    }
    const entries: SegmentEntry[] = [];
    for (const [day, list] of byDay) entries.push(await this.writeSegment(day, list));
    return entries;
  }

  private async writeSegment(day: string, messages: DeliveredMessage[]): Promise<SegmentEntry> {
    const { topic, partition } = messages[0];
    const lines = messages.map((m) =>
      JSON.stringify({
        partition: m.partition,
        offset: m.offset,
        timestamp: m.timestamp,
        key: m.key,
        headers: m.headers,
        value: m.value.toString('base64'),
      } satisfies ArchivedLine),
    );
    const body = await gzip(Buffer.from(`${lines.join('\n')}\n`));
    const dayDir = join(this.dir, encodeURIComponent(topic), day);
    await fs.mkdir(dayDir, { recursive: true });
    const first = messages[0].offset;
    const last = messages[messages.length - 1].offset;
    const segment = `${partition}-${pad(first)}-${pad(last)}.ndjson.gz`;
    const path = join(dayDir, segment);
    // Written aside, flushed, then renamed: a segment is never seen half written.
    const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    const handle = await fs.open(temporary, 'w');
    try {
      await handle.writeFile(body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, path);
    const timestamps = messages.map((m) => m.timestamp);
    const entry: SegmentEntry = {
      format: 'lgsp-archive/v1',
      segment,
      topic,
      partition,
      firstOffset: first,
      lastOffset: last,
      count: messages.length,
      minTimestamp: Math.min(...timestamps),
      maxTimestamp: Math.max(...timestamps),
      bytes: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
      archivedAt: new Date().toISOString(),
    };
    const manifest = await fs.open(join(dayDir, 'manifest.jsonl'), 'a');
    try {
      await manifest.write(`${JSON.stringify(entry)}\n`);
      await manifest.sync();
    } finally {
      await manifest.close();
    }
    return entry;
  }

  /** The days the archive holds for a topic, oldest first. */
  async days(topic: string): Promise<string[]> {
    try {
      const names = await fs.readdir(join(this.dir, encodeURIComponent(topic)));
      return names.filter((n) => /^\d{4}-\d{2}-\d{2}$/.test(n)).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }

  /** A day's manifest; for a segment named twice (archived again), the last line, which names the file as it is. */
  async manifest(topic: string, day: string): Promise<SegmentEntry[]> {
    let text: string;
    try {
      text = await fs.readFile(join(this.dir, encodeURIComponent(topic), day, 'manifest.jsonl'), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const bySegment = new Map<string, SegmentEntry>();
    for (const line of text.split('\n')) {
      // A line cut short by a crash mid-append is not a commit: its segment is archived again on redelivery.
      if (line.trim() === '') continue;
      let entry: SegmentEntry;
      try {
        entry = JSON.parse(line) as SegmentEntry;
      } catch {
        continue;
      }
      bySegment.set(entry.segment, entry);
    }
    return [...bySegment.values()];
  }

  /** A segment's messages, after checking its bytes against the manifest's sha256 and size. */
  async readSegment(topic: string, day: string, entry: SegmentEntry): Promise<DeliveredMessage[]> {
    const name = `${encodeURIComponent(topic)}/${day}/${entry.segment}`;
    let body: Buffer;
    try {
      body = await fs.readFile(join(this.dir, encodeURIComponent(topic), day, entry.segment));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ArchiveIntegrityError(name, 'is missing');
      throw e;
    }
    const sha = createHash('sha256').update(body).digest('hex');
    if (body.length !== entry.bytes || sha !== entry.sha256)
      throw new ArchiveIntegrityError(name, `has sha256 ${sha}, its manifest says ${entry.sha256}`);
    const text = (await gunzip(body)).toString('utf8');
    const messages: DeliveredMessage[] = [];
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const a = JSON.parse(line) as ArchivedLine;
      messages.push({
        topic,
        partition: a.partition,
        offset: a.offset,
        timestamp: a.timestamp,
        key: a.key,
        headers: a.headers,
        value: Buffer.from(a.value, 'base64'),
      });
    }
    return messages;
  }

  /**
   * The archived messages of some partitions of a topic with a broker timestamp at or after `fromTime` and an offset
   * below the partition's bound (where the topic itself takes over), one per (partition, offset), by offset.
   */
  async read(topic: string, below: Map<number, bigint>, fromTime: number): Promise<DeliveredMessage[]> {
    const fromDay = dayOf(fromTime);
    const byPosition = new Map<string, DeliveredMessage>();
    for (const day of await this.days(topic)) {
      if (day < fromDay) continue;
      for (const entry of await this.manifest(topic, day)) {
        const bound = below.get(entry.partition);
        if (bound === undefined || BigInt(entry.firstOffset) >= bound || entry.maxTimestamp < fromTime) continue;
        for (const m of await this.readSegment(topic, day, entry))
          if (BigInt(m.offset) < bound && m.timestamp >= fromTime) byPosition.set(`${m.partition}:${m.offset}`, m);
      }
    }
    return [...byPosition.values()].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  }

  /**
   * The offset ranges the archive holds for a topic, one per segment of every day (from the manifests: no segment is
   * read), for the partitions asked: what archiveGaps needs to tell which lost offsets the archive cannot give back.
   */
  async ranges(topic: string, partitions: ReadonlySet<number>): Promise<ArchivedRange[]> {
    const out: ArchivedRange[] = [];
    for (const day of await this.days(topic))
      for (const e of await this.manifest(topic, day))
        if (partitions.has(e.partition))
          out.push({
            partition: e.partition,
            first: BigInt(e.firstOffset),
            last: BigInt(e.lastOffset),
            minTimestamp: e.minTimestamp,
          });
    return out;
  }

  /** Every segment of every topic checked against its manifest line; the first bad one is thrown. */
  async verify(): Promise<{ topics: number; segments: number; messages: number }> {
    let topics: string[];
    try {
      topics = (await fs.readdir(this.dir)).map((t) => decodeURIComponent(t));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { topics: 0, segments: 0, messages: 0 };
      throw e;
    }
    let segments = 0;
    let messages = 0;
    for (const topic of topics)
      for (const day of await this.days(topic))
        for (const entry of await this.manifest(topic, day)) {
          const read = await this.readSegment(topic, day, entry);
          if (read.length !== entry.count)
            throw new ArchiveIntegrityError(
              `${topic}/${day}/${entry.segment}`,
              `holds ${read.length} messages, its manifest says ${entry.count}`,
            );
          segments++;
          messages += read.length;
        }
    return { topics: topics.length, segments, messages };
  }

  /** Removes the days older than `days` days before `now` (0: keeps everything); returns the days removed. */
  async prune(days: number, now = new Date()): Promise<string[]> {
    if (days <= 0) return [];
    const oldest = dayOf(now.getTime() - days * 86_400_000);
    const removed: string[] = [];
    let topics: string[];
    try {
      topics = await fs.readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    for (const encoded of topics)
      for (const day of await this.days(decodeURIComponent(encoded)))
        if (day < oldest) {
          await fs.rm(join(this.dir, encoded, day), { recursive: true, force: true });
          removed.push(`${decodeURIComponent(encoded)}/${day}`);
        }
    return removed;
  }
}
