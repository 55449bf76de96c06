import { InvalidParam, InvalidRequest } from './problem';

/** Reads one query parameter: returns the value, or a reason why it is invalid. */
export type ParamRule<T> = (raw: string | undefined) => { value: T } | { reason: string };

export function optionalPattern(pattern: RegExp, expected: string): ParamRule<string | undefined> {
  return (raw) =>
    raw === undefined ? { value: undefined } : pattern.test(raw) ? { value: raw } : { reason: `expected ${expected}` };
}

export function oneOf<T extends string>(values: readonly T[], fallback?: T): ParamRule<T | undefined> {
  return (raw) => {
    if (raw === undefined) return { value: fallback };
    return (values as readonly string[]).includes(raw) ? { value: raw as T } : { reason: `expected one of ${values.join(', ')}` };
  };
}

export function integer(min: number, max: number, fallback: number): ParamRule<number> {
  return (raw) => {
    if (raw === undefined) return { value: fallback };
    const n = Number(raw);
    return /^-?\d+$/.test(raw) && n >= min && n <= max
      ? { value: n }
      : { reason: `expected a whole number from ${min} to ${max}` };
  };
}

export function optionalTimestamp(): ParamRule<Date | undefined> {
  return (raw) => {
    if (raw === undefined) return { value: undefined };
    const t = Date.parse(raw);
    return /^\d{4}-\d{2}-\d{2}/.test(raw) && !Number.isNaN(t)
      ? { value: new Date(t) }
      : { reason: 'expected an ISO 8601 date-time' };
  };
}

/**
 * Validates a query string against its rules, all at once: unknown, repeated and malformed
 * parameters are each named in one problem response.
 */
export function parseQuery<T extends Record<string, unknown>>(
  query: Record<string, unknown>,
  rules: { [K in keyof T]: ParamRule<T[K]> },
): T {
  const problems: InvalidParam[] = [];
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(query)) {
    if (!(name in rules)) problems.push({ name, reason: `unknown parameter (expected ${Object.keys(rules).join(', ')})` });
  }
  for (const [name, rule] of Object.entries(rules) as [string, ParamRule<unknown>][]) {
    const given = query[name];
    if (given !== undefined && typeof given !== 'string') {
      problems.push({ name, reason: 'given more than once' });
      continue;
    }
    const result = rule(given === '' ? undefined : given);
    if ('reason' in result) problems.push({ name, reason: result.reason });
    else values[name] = result.value;
  }
  if (problems.length > 0) throw new InvalidRequest(problems);
  return values as T;
}
