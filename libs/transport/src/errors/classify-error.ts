/**
 * Whether a failure is worth waiting out or is the message's own fault.
 *
 * TRANSIENT: the world is briefly unavailable (a connection lost, a deadlock victim, a broker
 * without a leader). Retrying the same input later succeeds; skipping it would lose it.
 * POISON: this input fails however long one waits (a value PostgreSQL refuses, a constraint, a
 * bug hit by one record). Retrying it blocks its partition for ever; it has to be set aside.
 */
export type ErrorVerdict = 'TRANSIENT' | 'POISON';

export interface ErrorClassification {
  verdict: ErrorVerdict;
  /** A short stable name of the failure, e.g. `deadlock`, `data-exception`, `type-error`. */
  kind: string;
  /** false when nothing about the error was recognised (then `repeatsAsPoison` too). */
  recognised: boolean;
  /**
   * TRANSIENT for now, but taken for POISON once the same input fails the same way again (same
   * class, code and place): a failure that may be a race the first time and is the input's own
   * the second (a constraint violation), or one nothing recognised.
   */
  repeatsAsPoison: boolean;
}

/** The kind of an error nothing recognised. */
export const UNCLASSIFIED = 'unclassified';

const transient = (kind: string): ErrorClassification => ({
  verdict: 'TRANSIENT',
  kind,
  recognised: true,
  repeatsAsPoison: false,
});
const poison = (kind: string): ErrorClassification => ({ verdict: 'POISON', kind, recognised: true, repeatsAsPoison: false });
const poisonIfRepeated = (kind: string): ErrorClassification => ({
  verdict: 'TRANSIENT',
  kind,
  recognised: true,
  repeatsAsPoison: true,
});

/** Node's socket errors: the peer went away or cannot be reached for now. */
const CONNECTION_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
]);

/** node-postgres reports a lost connection by message only, with no code. */
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /connection ended unexpectedly/i,
  /connection error and is not queryable/i,
  /timeout exceeded when trying to connect/i,
];

/** kafkajs errors that mean "no broker to talk to right now", whatever their `retriable` says. */
const BROKER_UNAVAILABLE_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  // Non-retriable for kafkajs, yet it only means the coordinator is not elected yet (a broker restart).
  'KafkaJSGroupCoordinatorNotFound',
  // Ours: an admin request bounded by the transport (BrokerRequestTimeout).
  'BrokerRequestTimeout',
]);

/** Kafka protocol error types of a partition or group without a live leader or coordinator. */
const BROKER_UNAVAILABLE_TYPES = new Set([
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
  'NOT_LEADER_OR_FOLLOWER',
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_NOT_AVAILABLE',
  'GROUP_LOAD_IN_PROGRESS',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'NOT_COORDINATOR_FOR_GROUP',
  'NOT_COORDINATOR',
]);

/** JavaScript's own errors: a bug met by this input, or an input the code cannot take. */
const LANGUAGE_ERRORS: Record<string, string> = {
  TypeError: 'type-error',
  RangeError: 'range-error',
  SyntaxError: 'syntax-error',
  ReferenceError: 'reference-error',
};

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** PostgreSQL's SQLSTATE classes (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
function bySqlState(code: string): ErrorClassification | undefined {
  if (code === '40001') return transient('serialization-failure');
  if (code === '40P01') return transient('deadlock');
  if (code.startsWith('57P')) return transient('database-shutdown'); // admin shutdown, crash shutdown, cannot connect now
  // Another session holds the lock past lock_timeout: waiting is the cure.
  if (code === '55P03') return transient('lock-not-available');
  switch (code.slice(0, 2)) {
    case '08':
      return transient('database-connection');
    case '40':
      return transient('transaction-rollback');
    case '53':
      return transient('insufficient-resources');
    // Refused at connection (authorisation, no such database): a deployment's fault, never a
    // message's; waited out, visibly (the partition reports retrying), rather than dead-lettering every message.
    case '28':
    case '3D':
      return transient('database-unavailable');
    // A value PostgreSQL cannot take (untranslatable character 22P05, NUL 22021, datetime field
    // overflow 22008, bad datetime format 22007, offset out of range 22009, …): a property of the
    // data, the same on every retry.
    case '22':
      return poison('data-exception');
    // A constraint: usually the input's own, but a unique key two workers insert at once fails
    // only the loser, once. Retried once; the same violation again on the same input is poison.
    case '23':
      return poisonIfRepeated('integrity-violation');
    case '42':
      return poison('syntax-or-undefined');
    default:
      return undefined;
  }
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  type?: unknown;
  message?: unknown;
  retriable?: unknown;
  cause?: unknown;
  driverError?: unknown;
  errors?: unknown;
}

/** What one error says about itself, not counting its causes and not its `retriable` flag. */
function bySignals(e: ErrorLike): ErrorClassification | undefined {
  if (typeof e.code === 'string') {
    if (SQLSTATE.test(e.code)) {
      const bySql = bySqlState(e.code);
      if (bySql) return bySql;
    }
    if (CONNECTION_CODES.has(e.code)) return transient('connection-lost');
  }
  const name = typeof e.name === 'string' ? e.name : '';
  if (BROKER_UNAVAILABLE_NAMES.has(name)) return transient('broker-unavailable');
  if (typeof e.type === 'string' && BROKER_UNAVAILABLE_TYPES.has(e.type)) return transient('broker-unavailable');
  if (typeof e.message === 'string' && CONNECTION_MESSAGES.some((m) => m.test(e.message as string)))
    return transient('connection-lost');
  if (name in LANGUAGE_ERRORS) return poison(LANGUAGE_ERRORS[name]);
  return undefined;
}

/** The error and what it wraps, outermost first: `cause` (kafkajs, Error options), TypeORM's `driverError`, AggregateError's `errors`. */
function chainOf(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && chain.length < 16) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null || seen.has(e)) continue;
    seen.add(e);
    const like = e as ErrorLike;
    chain.push(like);
    queue.push(like.cause, like.driverError);
    if (Array.isArray(like.errors)) queue.push(...like.errors.slice(0, 4));
  }
  return chain;
}

/**
 * Classifies anything thrown. The innermost recognisable cause decides: kafkajs wraps a lost
 * connection in KafkaJSNumberOfRetriesExceeded, an app wraps a PostgreSQL error in its own.
 * Failing that, an error's own `retriable` flag (the kafkajs habit) decides; kafkajs marks
 * KafkaJSNumberOfRetriesExceeded non-retriable only to end its own retries, so that flag is
 * not taken. Anything else is TRANSIENT but not recognised (see `recognised`).
 */
export function classifyError(error: unknown): ErrorClassification {
  const chain = chainOf(error).reverse();
  for (const e of chain) {
    const found = bySignals(e);
    if (found) return found;
  }
  for (const e of chain) {
    if (e.name === 'KafkaJSNumberOfRetriesExceeded') continue;
    if (e.retriable === true) return transient('retriable');
    if (e.retriable === false) return poison('not-retriable');
  }
  return { verdict: 'TRANSIENT', kind: UNCLASSIFIED, recognised: false, repeatsAsPoison: true };
}
