/**
 * Example consumer of the results topic (docs/contract.md#results-topic): keeps a table of every
 * record's current decision, with plain kafkajs.
 *
 * The rules are in `apply`, a pure function: one message in, the table after it out.
 * - A message with a lower sequence than the one held for its record is stale (a redelivery,
 *   or a replay of the topic): ignored.
 * - The same decisionId at the same sequence is a duplicate (the pipeline may publish a
 *   decision twice after a crash): ignored.
 * - A retraction removes the record's row but remembers its sequence, so an older decision
 *   arriving later cannot bring the record back; a re-created record's decisions come with
 *   higher sequences and do.
 * - Another decisionId at the same sequence is applied: the pipeline gives a sequence number
 *   again when the message that had it was published by a transaction that then failed, and
 *   the later message on the partition is the one that counts.
 * `apply` copies the table to stay pure, which is fine for an example but not for millions of
 * records.
 *
 * The table lives in memory, so this consumer commits no offsets and rebuilds from the
 * beginning of the topic at each start. A consumer that keeps its table in a database applies
 * the same rules there, in one transaction with the offsets it commits.
 */
import { Kafka, logLevel } from 'kafkajs';
// Types only (nothing at run time): without TypeScript, the published JSON Schema describes the same messages.
import type { DecisionMessage, ResultMessage } from '@lgsp/contracts';

/** What the table holds per record (`<source>/<entityId>`): its last message applied. */
export interface Held {
  sequence: number;
  decisionId: string;
  /** The current decision, or null once the record was retracted. */
  decision: DecisionMessage | null;
}

export type Table = ReadonlyMap<string, Held>;

export function apply(table: Table, message: ResultMessage): Table {
  const key = `${message.source}/${message.entityId}`;
  const held = table.get(key);
  if (held !== undefined) {
    if (message.sequence < held.sequence) return table;
    if (message.sequence === held.sequence && message.decisionId === held.decisionId) return table;
  }
  const next = new Map(table);
  next.set(key, {
    sequence: message.sequence,
    decisionId: message.decisionId,
    decision: message.kind === 'DECISION' ? message : null,
  });
  return next;
}

/** The current decisions: the records not retracted. */
export function currentDecisions(table: Table): DecisionMessage[] {
  return [...table.values()].flatMap((h) => (h.decision === null ? [] : [h.decision]));
}

export interface ResultsFollower {
  table(): Table;
  stop(): Promise<void>;
}

/** Follows the results topic from its beginning, applying every message to an in-memory table. */
export async function followResults(options: { brokers: string[]; topic: string; groupId: string }): Promise<ResultsFollower> {
  const kafka = new Kafka({ clientId: 'results-consumer-example', brokers: options.brokers, logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId: options.groupId });
  let table: Table = new Map();
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ message }) => {
      // A consumer should also validate the message against the published schema (`$id` in the contract).
      if (message.value !== null) table = apply(table, JSON.parse(message.value.toString()) as ResultMessage);
    },
  });
  return { table: () => table, stop: () => consumer.disconnect() };
}
