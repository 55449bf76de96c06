import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DeliveredMessage } from '@lgsp/transport';
import { ArchiveIntegrityError, dayOf, defaultArchiveDir, EventArchive } from './event-archive';

const DAY1 = Date.parse('2026-11-30T23:59:59.000Z');
const DAY2 = Date.parse('2026-12-01T00:00:01.000Z');

function message(offset: number, timestamp: number, partition = 2): DeliveredMessage {
  return {
    topic: 'lgsp.land.v1',
    partition,
    offset: String(offset),
    key: `key-${offset}`,
    // Bytes that are not UTF-8 must come back as they were: the decision's event hash is over them.
    value: Buffer.from([0xff, 0x00, offset & 0xff, 0xc3]),
    headers: { 'content-type': 'application/json', 'lgsp-schema': 'land/v1' },
    timestamp,
  };
}

describe('the event archive', () => {
  let dir: string;
  let archive: EventArchive;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'archive-spec-'));
    archive = new EventArchive(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps each message with its bytes, headers and coordinates, one gzip segment per broker day, each in its manifest with a sha256', async () => {
    const batch = [message(10, DAY1), message(11, DAY1), message(12, DAY2)];
    const entries = await archive.append(batch);
    expect(entries.map((e) => [e.segment, e.count, e.firstOffset, e.lastOffset])).toEqual([
      ['2-00000000000000000010-00000000000000000011.ndjson.gz', 2, '10', '11'],
      ['2-00000000000000000012-00000000000000000012.ndjson.gz', 1, '12', '12'],
    ]);
    expect(await archive.days('lgsp.land.v1')).toEqual(['2026-11-30', '2026-12-01']);
    const segment = readFileSync(join(dir, 'lgsp.land.v1', '2026-11-30', entries[0].segment));
    expect(JSON.parse(gunzipSync(segment).toString().split('\n')[0])).toMatchObject({ offset: '10', key: 'key-10' });
    expect(await archive.manifest('lgsp.land.v1', '2026-12-01')).toEqual([entries[1]]);

    const read = await archive.read('lgsp.land.v1', new Map([[2, 100n]]), DAY1);
    expect(read).toEqual(batch);
  });

  it('reads only the partitions asked, below their bound, from the time on', async () => {
    await archive.append([message(10, DAY1), message(11, DAY2), message(12, DAY2)]);
    await archive.append([message(5, DAY2, 0)]);
    const read = await archive.read('lgsp.land.v1', new Map([[2, 12n]]), DAY2);
    expect(read.map((m) => `${m.partition}/${m.offset}`)).toEqual(['2/11']);
    expect(await archive.read('lgsp.land.v1', new Map([[0, 6n]]), DAY1)).toEqual([message(5, DAY2, 0)]);
    expect(await archive.read('lgsp.other', new Map([[0, 6n]]), DAY1)).toEqual([]);
  });

  it('archiving a batch again (delivered again after a crash, cut otherwise) reads back each message once', async () => {
    await archive.append([message(1, DAY1), message(2, DAY1)]);
    await archive.append([message(1, DAY1), message(2, DAY1)]);
    await archive.append([message(2, DAY1), message(3, DAY1)]);
    const read = await archive.read('lgsp.land.v1', new Map([[2, 100n]]), DAY1);
    expect(read.map((m) => m.offset)).toEqual(['1', '2', '3']);
    // The same segment twice is one manifest entry: the last line names the file as it is.
    expect((await archive.manifest('lgsp.land.v1', '2026-11-30')).length).toBe(2);
    expect(await archive.verify()).toEqual({ topics: 1, segments: 2, messages: 4 });
  });

  it('a segment altered after it was archived is refused, named, on read and on verify', async () => {
    const [entry] = await archive.append([message(1, DAY1), message(2, DAY1)]);
    const path = join(dir, 'lgsp.land.v1', '2026-11-30', entry.segment);
    const bytes = readFileSync(path);
    bytes[bytes.length - 5] ^= 1;
    writeFileSync(path, bytes);
    await expect(archive.read('lgsp.land.v1', new Map([[2, 100n]]), DAY1)).rejects.toThrow(ArchiveIntegrityError);
    await expect(archive.verify()).rejects.toThrow(`archive segment lgsp.land.v1/2026-11-30/${entry.segment} has sha256`);
  });

  it('a segment a crash left without its manifest line, or a line cut short, is not part of the archive', async () => {
    await archive.append([message(1, DAY1)]);
    const dayDir = join(dir, 'lgsp.land.v1', '2026-11-30');
    writeFileSync(join(dayDir, '2-00000000000000000009-00000000000000000009.ndjson.gz'), 'not committed');
    writeFileSync(join(dayDir, 'manifest.jsonl'), `${readFileSync(join(dayDir, 'manifest.jsonl'), 'utf8')}{"format":"lgsp-arch`);
    expect((await archive.read('lgsp.land.v1', new Map([[2, 100n]]), DAY1)).map((m) => m.offset)).toEqual(['1']);
  });

  it('retention removes whole days older than the setting, and 0 keeps everything', async () => {
    await archive.append([message(1, DAY1), message(2, DAY2)]);
    expect(await archive.prune(0, new Date('2030-01-01'))).toEqual([]);
    expect(await archive.prune(1, new Date('2026-12-02T12:00:00Z'))).toEqual(['lgsp.land.v1/2026-11-30']);
    expect(readdirSync(join(dir, 'lgsp.land.v1'))).toEqual(['2026-12-01']);
  });

  it('lives beside the data directory unless a setting says where, and partitions by UTC day', () => {
    expect(defaultArchiveDir('/var/lib/lgsp/pgdata')).toBe('/var/lib/lgsp/archive');
    expect(dayOf(DAY1)).toBe('2026-11-30');
  });
});
