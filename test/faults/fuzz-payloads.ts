import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { CitizenRecord } from '@lgsp/contracts';
import { eventKey, examples, MESSAGE_HEADERS, SOURCE_NAMES } from '@lgsp/contracts';
import type { OutgoingMessage } from '@lgsp/transport';
import { landParcel, personOf, syncEvent } from '../support/sync-events';
import { edgeValue, leaves, pad, shuffle, uuidOf, withLeaf } from '../support/fuzz-values';

/**
 * The payloads of the fuzz run through the consumer, produced to the land topic as any producer
 * might: garbage (random bytes, invalid UTF-8, every JSON shape, truncated events), random valid
 * land events (decided), valid envelopes with one leaf replaced by an edge value (NUL, lone
 * surrogates, years 0000 and 9999, offsets up to ±23:59, huge numbers: refused or stored), other
 * sources' events on the land topic, and bursts beyond 1 MB: a run of ~1 KB invalid events on one
 * partition (one fetch, a dead-letter write far above the broker's request limit) and single
 * messages near the broker's largest. Deterministic for a seed.
 */
export interface FuzzPlan {
  messages: OutgoingMessage[];
  /** How many of each kind, for the report. */
  kinds: Record<string, number>;
}

const asMessage = (value: string | Buffer, key: string | null = null, headers?: Record<string, string>): OutgoingMessage => ({
  key,
  value,
  headers,
});

/** The largest value the broker takes in one record (message.max.bytes 1048588, less the batch's framing). */
export const NEAR_LIMIT_BYTES = 1_048_588 - 200;

export function fuzzPlan(total: number, citizens: readonly CitizenRecord[], seed = 14): FuzzPlan {
  const kinds: Record<string, number> = {};
  const messages: OutgoingMessage[] = [];
  const add = (kind: string, m: OutgoingMessage) => {
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    messages.push(m);
  };
  const landExamples = examples.EXAMPLE_EVENTS.land;
  const others: readonly object[] = SOURCE_NAMES.filter((s) => s !== 'land').flatMap(
    (s): readonly object[] => examples.EXAMPLE_EVENTS[s],
  );
  const sample = <T>(arb: fc.Arbitrary<T>, n: number, salt: number) => fc.sample(arb, { numRuns: n, seed: seed * 1000 + salt });

  // Two bursts of invalid ~1 KB events on one partition (one key), ~1.2 MB each; three messages near the limit.
  const burst = Math.min(1200, Math.floor(total / 20));
  const nearLimit = total >= 1000 ? 3 : 0;
  const rest = total - 2 * burst - nearLimit;
  const share = (f: number) => Math.floor(rest * f);
  const counts = {
    json: share(0.25),
    bytes: share(0.1),
    truncated: share(0.05),
    otherSource: share(0.05),
    edge: share(0.25),
  };
  const valid = rest - Object.values(counts).reduce((a, b) => a + b, 0);

  for (const v of sample(fc.jsonValue(), counts.json, 1)) add('garbage JSON', asMessage(JSON.stringify(v) ?? 'null'));
  for (const b of sample(fc.uint8Array({ maxLength: 300 }), counts.bytes, 2))
    add('random bytes', asMessage(Buffer.from(b), b.length % 3 === 0 ? null : Buffer.from(b.slice(0, 8)).toString('hex')));
  for (const [i, n] of sample(fc.nat(), counts.truncated, 3).entries()) {
    const text = JSON.stringify(landExamples[i % landExamples.length]);
    add('truncated event', asMessage(text.slice(0, n % text.length)));
  }
  for (const [i, event] of sample(fc.nat(), counts.otherSource, 4).map((n, i) => [i, others[n % others.length]] as const))
    add('another source on the land topic', asMessage(JSON.stringify({ ...event, eventId: uuidOf(seed, 4, i) })));
  const mutations = sample(fc.record({ which: fc.nat(), leaf: fc.nat(), value: edgeValue }), counts.edge, 5);
  for (const [i, { which, leaf, value }] of mutations.entries()) {
    const base = ownParcel(landExamples[which % landExamples.length], uuidOf(seed, 5, i), i);
    const all = leaves(base).filter((p) => p.length > 0 && p[0] !== 'eventId');
    const event = withLeaf(base, all[leaf % all.length], value) as never;
    let key: string | null = null;
    try {
      key = eventKey(event);
    } catch {
      key = null;
    }
    add('edge value in a valid envelope', asMessage(JSON.stringify(event), typeof key === 'string' ? key : null));
  }
  for (const [i, n] of sample(fc.nat(), valid, 6).entries()) {
    const id = `07956.${Math.floor(i / 999) + 1}.${(i % 999) + 1}`;
    const holder = personOf(citizens[n % citizens.length]);
    const event = syncEvent('land', id, landParcel(id, n % 7 === 0 ? { ...holder, citizenId: pad(n % 10 ** 12, 12) } : holder));
    add(
      'random valid land event',
      asMessage(JSON.stringify(event), eventKey(event as never), {
        [MESSAGE_HEADERS.schemaVersion]: '1',
      }),
    );
  }
  // Mixed up, then the bursts and the large ones placed among them.
  shuffle(messages, seed);
  const padding = 'x'.repeat(900);
  for (let b = 0; b < 2; b++) {
    const run = Array.from({ length: burst }, (_, i) =>
      asMessage(JSON.stringify({ ...landExamples[0], eventId: uuidOf(seed, 7 + b, i), schemaVersion: 3, padding }), `burst-${b}`),
    );
    kinds['invalid event in a burst beyond 1 MB'] = (kinds['invalid event in a burst beyond 1 MB'] ?? 0) + burst;
    messages.splice(Math.floor(messages.length * (0.3 + 0.4 * b)), 0, ...run);
  }
  for (let i = 0; i < nearLimit; i++) {
    const big =
      i === 0
        ? randomBytes(NEAR_LIMIT_BYTES)
        : Buffer.from(`{"eventId":"${uuidOf(seed, 9, i)}","x":"${'y'.repeat(NEAR_LIMIT_BYTES - 60)}"}`);
    kinds['message near the broker limit'] = (kinds['message near the broker limit'] ?? 0) + 1;
    messages.splice(Math.floor(messages.length * (0.2 + 0.3 * i)), 0, asMessage(big, `big-${i}`));
  }
  return { messages, kinds };
}

/**
 * An example event made a record of its own (a parcel number of its own): each mutation is then
 * accounted for alone. Mutations sharing a record, with random commit times and holders, would
 * make its events' order a cycle (later on one partition but committed earlier than an event of
 * another), which no ordering rule can settle (docs/guarantees.md).
 */
function ownParcel(example: (typeof examples.EXAMPLE_EVENTS.land)[number], eventId: string, i: number): object {
  const event = structuredClone(example) as unknown as Record<string, unknown>;
  const mapSheet = 900 + Math.floor(i / 999);
  const parcelNumber = (i % 999) + 1;
  const record = (event.after ?? event.before) as { communeCode: string };
  const parcelId = `${record.communeCode}.${mapSheet}.${parcelNumber}`;
  for (const side of ['before', 'after'])
    if (event[side]) Object.assign(event[side] as object, { parcelId, mapSheet, parcelNumber });
  return { ...event, entityId: parcelId, eventId };
}
