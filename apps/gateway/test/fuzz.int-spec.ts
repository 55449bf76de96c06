import { randomUUID } from 'node:crypto';
import { examples, SyncEventValidator } from '@lgsp/contracts';
import { readTopic } from '../../../test/support/read-topic';
import { namesakesOf } from '../../../test/support/sync-events';
import { SUBMISSION_MAX_BYTES } from '../src/submission';
import { GatewayHarness, gatewayOnKafka } from './gateway-harness';
import { gatewayFuzzPlan } from './gateway-fuzz-payloads';

/** Payloads of the run (100,000 by default, as the consumer's fuzz run; `LGSP_GATEWAY_FUZZ` to change). */
const PAYLOADS = Number(process.env.LGSP_GATEWAY_FUZZ ?? 100_000);
const LINES_PER_REQUEST = 5000;
/** What a line or a single request may answer to garbage: accepted, or refused naming why. Never a 5xx. */
const ANSWERS = new Set([202, 400, 413, 422]);

type LineAnswer = { line?: number; status?: number; trackingId?: string; summary?: Record<string, unknown> };
const say = (line: string) => process.stderr.write(`[gateway fuzz] ${line}\n`);

/**
 * Bad input at volume through the front door: the gateway on the real broker and PostgreSQL takes 100,000 fuzzed
 * payloads (NDJSON lines and single requests) and stays up; every payload gets its answer (accepted, or a 4xx
 * problem naming why); every accepted one is on the topic exactly once and valid by the contract; nothing refused is.
 */
describe('the gateway under fuzzed payloads', () => {
  let g: GatewayHarness;
  let key: string;

  beforeAll(async () => {
    // No rate limit and no backpressure: this run is about the answers to bad input, not admission.
    g = await gatewayOnKafka({}, { gatewayRatePerSecond: 0, gatewayMaxLag: 0 });
    key = await g.key('fuzzing-land-office');
  }, 120_000);
  afterAll(async () => {
    await g?.close();
  });

  it(`answers ${PAYLOADS.toLocaleString('en')} fuzzed payloads, publishes exactly the accepted ones, and stays up`, async () => {
    const plan = gatewayFuzzPlan(PAYLOADS, namesakesOf(examples.TRAN_THI_MAI, 200, 300000), SUBMISSION_MAX_BYTES);
    say(
      Object.entries(plan.kinds)
        .map(([k, n]) => `${n} ${k}`)
        .join(', '),
    );
    const started = Date.now();
    const accepted: string[] = [];
    const statuses: Record<string, number> = {};
    const tally = (status: number | undefined) => (statuses[String(status)] = (statuses[String(status)] ?? 0) + 1);
    const unexpected: string[] = [];

    for (const body of plan.singles) {
      const res = await fetch(`${g.gateway.url}/v1/records/land`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body,
      });
      const text = await res.text();
      tally(res.status);
      if (!ANSWERS.has(res.status)) unexpected.push(`single: ${res.status} ${text.slice(0, 200)}`);
      else if (res.status === 202) accepted.push((JSON.parse(text) as { trackingId: string }).trackingId);
      else if (
        !/^application\/problem\+json/.test(res.headers.get('content-type') ?? '') ||
        JSON.parse(text).status !== res.status
      )
        unexpected.push(`single: ${res.status} answered as ${res.headers.get('content-type')}: ${text.slice(0, 200)}`);
    }

    for (let from = 0; from < plan.lines.length; from += LINES_PER_REQUEST) {
      const lines = plan.lines.slice(from, from + LINES_PER_REQUEST);
      const res = await fetch(`${g.gateway.url}/v1/records/land`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        body: Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])),
      });
      expect(res.status).toBe(200);
      const answers = (await res.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as LineAnswer);
      const summary = answers.pop()?.summary;
      // Every line answered once, in order, and the request complete.
      if (!summary?.complete) say(`request from line ${from}: ${JSON.stringify(summary)}`);
      expect({ from, numbers: answers.map((a) => a.line), complete: summary?.complete, lines: summary?.lines }).toEqual({
        from,
        numbers: lines.map((_, i) => i + 1),
        complete: true,
        lines: lines.length,
      });
      for (const a of answers) {
        tally(a.status);
        if (!ANSWERS.has(a.status ?? 0)) unexpected.push(`line ${from + (a.line ?? 0)}: ${JSON.stringify(a).slice(0, 200)}`);
        else if (a.status === 202) accepted.push(a.trackingId!);
      }
    }
    const answered = Date.now();
    say(`${PAYLOADS} payloads answered in ${answered - started} ms: ${JSON.stringify(statuses)}`);
    expect(unexpected.slice(0, 10)).toEqual([]);
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(plan.singles.length + plan.lines.length);

    // Exactly the accepted ones are on the topic, each once, each valid by the contract the pipeline checks.
    const onTopic = await readTopic(g.h.transport, g.h.topics.sources.land, 120_000);
    const validator = new SyncEventValidator();
    const events = onTopic.map((m) => JSON.parse(m.value.toString('utf8')) as { eventId: string });
    const invalid = events.filter((e) => !validator.validate('land', e).ok).map((e) => e.eventId);
    expect({ onTopic: events.length, distinct: new Set(events.map((e) => e.eventId)).size, invalid }).toEqual({
      onTopic: accepted.length,
      distinct: accepted.length,
      invalid: [],
    });
    expect(new Set(events.map((e) => e.eventId))).toEqual(new Set(accepted));

    // Still up, and a valid submission after all that is accepted.
    const after = await g.client(key).submit('land', { operation: 'create', record: plan.validAfter }, randomUUID());
    expect(after.trackingId).toEqual(expect.any(String));
  }, 900_000);
});
