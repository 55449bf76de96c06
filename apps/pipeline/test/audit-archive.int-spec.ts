import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { archiveDirOf, EventArchive, ReplayRepository, ReplayRun, ReplayRuns } from '@lgsp/audit';
import { generateDataset } from '@lgsp/lab';
import { kafkaBrokers } from '../../../test/support/environment';
import { publish, syncEvent } from '../../../test/support/sync-events';
import { PipelineHarness, pipelineOnKafka } from './pipeline-harness';

describe('the event archive: replays outlive the topic', () => {
  let h: PipelineHarness;
  const kafka = new Kafka({ brokers: kafkaBrokers(), clientId: 'lgsp-test-archive', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();

  beforeAll(async () => {
    // One hour: the source topics are created with that retention (LGSP_TOPIC_RETENTION_HOURS).
    h = await pipelineOnKafka({ topicRetentionHours: 1 });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.disconnect();
    await h.close();
  });

  it('archives every consumed event; a window the topic no longer holds replays from the archive with the live digest', async () => {
    const dataset = generateDataset({ seed: 1717, citizens: 150, province: '66', dirt: { DUPLICATE: 0 } });
    const citizens = [...dataset.citizens()];
    await h.startWorker();
    await h.loadRegistry(citizens);
    const from = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const land = [...dataset.landParcels()].map((p) => syncEvent('land', p.parcelId, p));
    await publish(h.transport, h.topics.sources.land, land);
    await h.settled();
    const to = new Date();
    for (const w of h.workers.splice(0)) await w.close();

    const configs = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: h.topics.sources.land, configNames: ['retention.ms'] }],
      includeSynonyms: false,
    });
    expect(configs.resources[0].configEntries).toEqual([
      expect.objectContaining({ configName: 'retention.ms', configValue: '3600000' }),
    ]);

    // Every consumed event is in the archive, by the coordinates the topic gave it: the land events and the
    // population events both (settled: the group committed them, which it does only after archiving).
    const archive = new EventArchive(archiveDirOf(h.settings));
    const count = async (topic: string) => {
      let n = 0;
      for (const day of await archive.days(topic)) for (const e of await archive.manifest(topic, day)) n += e.count;
      return n;
    };
    expect(await count(h.topics.sources.land)).toBeGreaterThanOrEqual(land.length);
    expect((await archive.read(h.topics.sources.land, new Map([0, 1, 2, 3].map((p) => [p, 1n << 40n])), 0)).length).toBe(
      land.length,
    );
    expect((await archive.read(h.topics.sources.population, new Map([0, 1, 2, 3].map((p) => [p, 1n << 40n])), 0)).length).toBe(
      citizens.length,
    );

    const sources = { land: h.topics.sources.land };
    const live = await new ReplayRun(h.pool, h.transport, archive).run({ sources, from, to });
    expect(live.eventsInWindow).toBe(land.length);
    expect(live.fromArchive).toBe(0);
    expect(live.gaps).toEqual([]);
    expect(live.digest).toBe(live.liveDigest);

    // The topic loses the window (what retention does, at once): deleteRecords up to each partition's end.
    const held = await h.transport.topicOffsets(h.topics.sources.land);
    await admin.deleteTopicRecords({
      topic: h.topics.sources.land,
      partitions: held.map((p) => ({ partition: p.partition, offset: p.high })),
    });
    const after = await h.transport.topicOffsets(h.topics.sources.land);
    expect(after.map((p) => p.low)).toEqual(held.map((p) => p.high));
    expect(after.some((p) => BigInt(p.low) > 0n)).toBe(true);

    // Without the archive the window is gone; with it, the same events and the same decisions.
    const topicOnly = await new ReplayRun(h.pool, h.transport).run({ sources, from, to });
    expect(topicOnly.eventsInWindow).toBe(0);
    // …and says so: every partition's lost offsets, from 0 (nothing tells where the window starts in them).
    expect(topicOnly.gaps).toEqual(
      after
        .filter((p) => BigInt(p.low) > 0n)
        .map((p) => ({
          topic: h.topics.sources.land,
          partition: p.partition,
          from: '0',
          to: String(BigInt(p.low) - 1n),
          uncertainStart: true,
        })),
    );
    const replay = await new ReplayRun(h.pool, h.transport, archive).run({ sources, from, to });
    expect(replay.fromArchive).toBe(land.length);
    expect(replay.eventsInWindow).toBe(land.length);
    expect(replay.decided).toBe(live.decided);
    expect(replay.liveMissing).toBe(0);
    expect(replay.digest).toBe(live.digest);
    expect(replay.digest).toBe(replay.liveDigest);
    expect(replay.gaps).toEqual([]);

    // Part of the archive removed (a partition's middle offsets): the replay decides the rest and names the gap, at
    // that partition and those offsets; the run records it, and its report says incomplete rather than different.
    const { readFileSync, writeFileSync, rmSync } = await import('node:fs');
    const landDir = `${archive.dir}/${encodeURIComponent(h.topics.sources.land)}`;
    const all = await archive.read(h.topics.sources.land, new Map([0, 1, 2, 3].map((p) => [p, 1n << 40n])), 0);
    const partition = [0, 1, 2, 3].reduce((best, p) =>
      all.filter((m) => m.partition === p).length > all.filter((m) => m.partition === best).length ? p : best,
    );
    const kept = all.filter((m) => m.partition === partition);
    expect(kept.length).toBeGreaterThanOrEqual(3);
    const cut = [Math.floor(kept.length / 3), Math.floor((2 * kept.length) / 3)];
    const removed = kept.slice(cut[0], cut[1]);
    for (const day of await archive.days(h.topics.sources.land)) {
      const manifest = `${landDir}/${day}/manifest.jsonl`;
      const lines = readFileSync(manifest, 'utf8')
        .split('\n')
        .filter((l) => l !== '');
      const other = lines.filter((l) => (JSON.parse(l) as { partition: number }).partition !== partition);
      for (const l of lines)
        if (!other.includes(l)) rmSync(`${landDir}/${day}/${(JSON.parse(l) as { segment: string }).segment}`);
      writeFileSync(manifest, other.map((l) => `${l}\n`).join(''));
    }
    await archive.append(kept.slice(0, cut[0]));
    await archive.append(kept.slice(cut[1]));
    const gapped = await new ReplayRun(h.pool, h.transport, archive).run({ sources, from, to });
    const gap = {
      topic: h.topics.sources.land,
      partition,
      from: removed[0].offset,
      to: removed[removed.length - 1].offset,
      uncertainStart: false,
    };
    expect(BigInt(gap.to) - BigInt(gap.from)).toBe(BigInt(removed.length - 1));
    expect(gapped.gaps).toEqual([gap]);
    expect(gapped.fromArchive).toBe(land.length - removed.length);
    expect(gapped.eventsInWindow).toBe(land.length - removed.length);
    const run = await new ReplayRepository().findRun(h.pool, gapped.runId);
    expect(run).toMatchObject({ status: 'done', gaps: [gap], fromArchive: land.length - removed.length });
    const report = await new ReplayRuns(h.pool, h.transport, archive).report(gapped.runId);
    expect(report).toMatchObject({ windowComplete: false, comparison: 'incomplete' });

    // The CLI names the gap and what it means, and exits 4 (incomplete), not 3 (different) or 0.
    const cli = await promisify(execFile)(
      process.execPath,
      ['bin/lgsp.js', 'audit', 'replay', '--sources', 'land', '--from', from.toISOString(), '--to', to.toISOString()],
      {
        env: {
          ...process.env,
          DATABASE_URL: h.db.scratch.url,
          LGSP_TRANSPORT: 'kafka',
          KAFKA_BROKERS: kafkaBrokers().join(','),
          LGSP_TOPIC_PREFIX: h.topics.results.replace(/\.results$/, ''),
          LGSP_ARCHIVE_DIR: h.settings.archiveDir!,
          LOG_LEVEL: 'warn',
        },
      },
    ).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(cli.code).toBe(4);
    const n = (o: string) => BigInt(o).toLocaleString('en-US');
    expect(cli.stdout).toContain(
      `partition ${partition} of ${h.topics.sources.land}: offsets ${n(gap.from)}–${n(gap.to)} are gone from the topic ` +
        'and not in the archive: the replay cannot show those decisions; the digest will not match the live decisions of the window',
    );
    expect(cli.stdout).toContain(`${land.length - removed.length} of them from the archive`);
    expect(cli.stdout).toMatch(/^incomplete: /m);

    // A segment altered in the archive stops the replay, naming it, rather than deciding other bytes.
    const [day] = await archive.days(h.topics.sources.land);
    const [entry] = await archive.manifest(h.topics.sources.land, day);
    const path = `${archive.dir}/${encodeURIComponent(h.topics.sources.land)}/${day}/${entry.segment}`;
    const bytes = readFileSync(path);
    bytes[bytes.length - 9] ^= 0x40;
    writeFileSync(path, bytes);
    await expect(new ReplayRun(h.pool, h.transport, archive).run({ sources, from, to })).rejects.toThrow(
      `archive segment ${encodeURIComponent(h.topics.sources.land)}/${day}/${entry.segment} has sha256`,
    );
  });
});
