import fc from 'fast-check';
import type { CitizenRecord } from '@lgsp/contracts';
import { examples } from '@lgsp/contracts';
import { edgeValue, leaves, shuffle, uuidOf, withLeaf } from '../../../test/support/fuzz-values';
import { landParcel, personOf } from '../../../test/support/sync-events';

/**
 * The payloads of the fuzz run through the gateway, as a provincial system might send them: NDJSON lines of every
 * JSON shape, bytes that are not UTF-8, truncated submissions, another source's record on the land endpoint, valid
 * submissions with one leaf (the idempotency key included) replaced by an edge value, valid land submissions, and
 * lines over the line limit; and single requests with the same kinds of body. Deterministic for a seed.
 */
export interface GatewayFuzzPlan {
  /** One NDJSON line each, without its newline; none blank (a blank line is skipped, not answered). */
  lines: Buffer[];
  /** Bodies of single `POST /v1/records/land` requests. */
  singles: Buffer[];
  kinds: Record<string, number>;
  /** A valid land record of a parcel none of the payloads names, to submit after them. */
  validAfter: ReturnType<typeof landParcel>;
}

export function gatewayFuzzPlan(
  total: number,
  citizens: readonly CitizenRecord[],
  maxLineBytes: number,
  seed = 17,
): GatewayFuzzPlan {
  const kinds: Record<string, number> = {};
  const count = (kind: string) => (kinds[kind] = (kinds[kind] ?? 0) + 1);
  const sample = <T>(arb: fc.Arbitrary<T>, n: number, salt: number) => fc.sample(arb, { numRuns: n, seed: seed * 1000 + salt });
  const singles = Math.min(1000, Math.floor(total / 100));
  const overLimit = Math.min(20, Math.floor(total / 1000));
  const rest = total - singles - overLimit;
  const share = (f: number) => Math.floor(rest * f);
  const counts = { json: share(0.25), bytes: share(0.1), truncated: share(0.05), otherSource: share(0.05), edge: share(0.25) };
  const valid = rest - Object.values(counts).reduce((a, b) => a + b, 0);
  const validSubmission = (i: number, n: number) => {
    const id = `07958.${Math.floor(i / 999) + 1}.${(i % 999) + 1}`;
    return {
      idempotencyKey: uuidOf(seed, 6, i),
      operation: 'create',
      record: landParcel(id, personOf(citizens[n % citizens.length])),
    };
  };
  const business = examples.EXAMPLE_EVENTS.business.map((e) => (e as { after?: object }).after).filter(Boolean);

  const payloads: { kind: string; bytes: Buffer }[] = [];
  const add = (kind: string, bytes: Buffer | string) => payloads.push({ kind, bytes: Buffer.from(bytes) });
  for (const v of sample(fc.jsonValue(), counts.json, 1)) add('garbage JSON', JSON.stringify(v) ?? 'null');
  // Never blank and never a newline inside: one line, answered.
  for (const b of sample(fc.uint8Array({ minLength: 1, maxLength: 300 }), counts.bytes, 2))
    add('bytes, mostly not UTF-8', Buffer.concat([Buffer.from([0xc3]), Buffer.from(b.map((x) => (x === 0x0a ? 0x20 : x)))]));
  for (const [i, n] of sample(fc.nat(), counts.truncated, 3).entries()) {
    const text = JSON.stringify(validSubmission(100_000 + i, n));
    add('truncated submission', text.slice(0, 1 + (n % (text.length - 1))));
  }
  for (const [i, n] of sample(fc.nat(), counts.otherSource, 4).entries())
    add(
      'a business record on the land endpoint',
      JSON.stringify({ idempotencyKey: uuidOf(seed, 4, i), operation: 'create', record: business[n % business.length] }),
    );
  const mutations = sample(fc.record({ n: fc.nat(), leaf: fc.nat(), value: edgeValue }), counts.edge, 5);
  for (const [i, { n, leaf, value }] of mutations.entries()) {
    const base = validSubmission(200_000 + i, n);
    const all = leaves(base).filter((p) => p.length > 0);
    add('edge value in a valid submission', JSON.stringify(withLeaf(base, all[leaf % all.length], value)));
  }
  for (const [i, n] of sample(fc.nat(), valid, 6).entries()) add('valid land submission', JSON.stringify(validSubmission(i, n)));
  for (let i = 0; i < overLimit; i++)
    add('line over the line limit', JSON.stringify({ ...validSubmission(300_000 + i, i), padding: 'x'.repeat(maxLineBytes) }));
  shuffle(payloads, seed);
  // The first `singles` payloads go as single requests instead of lines.
  const lines: Buffer[] = [];
  const single: Buffer[] = [];
  for (const [i, p] of payloads.entries()) {
    count(i < singles ? `${p.kind} (single request)` : p.kind);
    (i < singles ? single : lines).push(p.bytes);
  }
  return { lines, singles: single, kinds, validAfter: landParcel('07959.1.1', personOf(citizens[0])) };
}
