import { randomUUID } from 'node:crypto';
import { eventually } from '../../../test/support/environment';
import { landParcel } from '../../../test/support/sync-events';
import { GatewayHarness, gatewayOnKafka } from './gateway-harness';

/**
 * Records through the gateway in bulk, reconciled by the real pipeline, each one's status readable by its tracking id.
 * The suite sends 5,000; LGSP_GATEWAY_BULK_RECORDS=100000 is the size, run by hand (docs/benchmarks.md).
 */
const RECORDS = Number(process.env.LGSP_GATEWAY_BULK_RECORDS ?? 5000);
const LINES_PER_REQUEST = 10_000;
const MINUTES = 60_000;

/** A parcel per index, its holder one of many citizen IDs (so the records spread over every partition). */
function lineOf(i: number, run: string): string {
  const year = 1950 + (i % 50);
  const female = i % 2;
  const record = landParcel(`24133.${1 + Math.floor(i / 10_000)}.${1 + (i % 10_000)}`, {
    citizenId: `066${female}${String(year % 100).padStart(2, '0')}${String(i % 1_000_000).padStart(6, '0')}`,
    fullName: female ? 'Trần Thị Mai' : 'Nguyễn Văn Hùng',
    dateOfBirth: `${year}-03-14`,
    gender: female ? 'F' : 'M',
    address: '45 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk',
    provinceCode: '66',
    communeCode: '24133',
  });
  return JSON.stringify({ idempotencyKey: `${run}-${i}`, operation: 'create', record });
}

describe(`a bulk of ${RECORDS} records through the gateway`, () => {
  let g: GatewayHarness;
  let key: string;

  beforeAll(async () => {
    g = await gatewayOnKafka();
    await g.h.startWorker();
    key = await g.key('land-office');
  }, 5 * MINUTES);
  afterAll(async () => {
    await g.close();
  }, 5 * MINUTES);

  it(
    'arrives (every line accepted, each on the topic once), is reconciled by the pipeline, and every status is readable',
    async () => {
      const run = randomUUID();
      const trackingIds: string[] = [];
      for (let from = 0; from < RECORDS; from += LINES_PER_REQUEST) {
        const lines: string[] = [];
        for (let i = from; i < Math.min(RECORDS, from + LINES_PER_REQUEST); i++) lines.push(lineOf(i, run));
        const res = await fetch(`${g.gateway.url}/v1/records/land`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
          body: `${lines.join('\n')}\n`,
        });
        expect(res.status).toBe(200);
        const answers = (await res.text())
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { line?: number; status?: number; trackingId?: string; summary?: { complete: boolean } });
        const summary = answers.pop()!.summary!;
        expect(summary).toMatchObject({ complete: true, accepted: lines.length, refused: 0 });
        expect(answers.map((a) => a.line)).toEqual(lines.map((_, i) => i + 1));
        for (const a of answers) trackingIds.push(a.trackingId!);
      }
      expect(new Set(trackingIds).size).toBe(RECORDS);
      const offsets = await g.h.transport.topicOffsets(g.h.topics.sources.land);
      expect(offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0)).toBe(RECORDS);

      await g.h.settled(Math.max(2, RECORDS / 1000) * MINUTES);

      // Every record's status, by its tracking id, over HTTP, eight requests at a time.
      const states = new Map<string, number>();
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < trackingIds.length) {
            const id = trackingIds[next++];
            const state = await eventually(
              async () => {
                const r = await fetch(`${g.gateway.url}/v1/submissions/${id}`, { headers: { authorization: `Bearer ${key}` } });
                const body = (await r.json()) as { state?: string };
                return body.state === 'reconciled' ? body.state : undefined;
              },
              60_000,
              `submission ${id} reconciled`,
            );
            states.set(state, (states.get(state) ?? 0) + 1);
          }
        }),
      );
      expect(Object.fromEntries(states)).toEqual({ reconciled: RECORDS });
    },
    (5 + RECORDS / 2000) * MINUTES,
  );
});
