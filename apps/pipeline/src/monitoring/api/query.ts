import { Type, type Static, type TObject, type TOptional, type TProperties, type TSchema } from '@sinclair/typebox';
import Ajv, { type ErrorObject } from 'ajv';
import { InvalidParam, InvalidRequest } from './problem';

/*
 * A query string is described by a TypeBox object: the validator below, the OpenAPI parameters (endpoint.ts) and the
 * handler's parameter type all come from it.
 */

declare const DEFAULTED: unique symbol;
/** An optional parameter that the validator fills in when absent: after validation it is always there. */
export type TDefaulted<T extends TSchema> = TOptional<T> & { readonly [DEFAULTED]: true };

/** An optional parameter with its default (checked against the parameter's own type). */
export function withDefault<T extends TSchema>(schema: T, value: Static<T>): TDefaulted<T> {
  return Type.Optional({ ...schema, default: value }) as TDefaulted<T>;
}

/** A string parameter restricted to a list of values (an OpenAPI `enum`; the TS type is the literal union). */
export function oneOf<const V extends readonly string[]>(values: V, options: { description?: string } = {}) {
  return Type.Unsafe<V[number]>({ ...options, type: 'string', enum: [...values] });
}

/** A query string's schema: unknown parameters are errors. */
export function queryOf<P extends TProperties>(properties: P): TObject<P> {
  return Type.Object(properties, { additionalProperties: false });
}

type Defaulted<P extends TProperties> = {
  -readonly [K in keyof P as P[K] extends { readonly [DEFAULTED]: true } ? K : never]-?: Static<P[K]>;
};
/** The validated query: every parameter with a default is present. */
export type ParsedQuery<Q extends TObject> = Static<Q> & Defaulted<Q['properties']>;

/** Query strings are text; a parameter the schema calls a number is converted first (only when it is all digits). */
const NUMERIC = new Set(['integer', 'number']);

/**
 * Date-times are documented as OpenAPI `date-time`; the check is as lenient as the API always was (a date, or a
 * date-time with or without offset, that the JavaScript date parser reads).
 */
const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true }).addFormat(
  'date-time',
  (s: string) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)),
);
const compiled = new WeakMap<TObject, ReturnType<typeof ajv.compile>>();

/**
 * Validates a query string against its schema, all at once: unknown, repeated and malformed parameters are each
 * named in one problem response. An empty parameter (`?limit=`) counts as absent.
 */
export function parseQuery<Q extends TObject>(schema: Q, query: Record<string, unknown>): ParsedQuery<Q> {
  const properties = schema.properties as Record<string, TSchema>;
  const problems: InvalidParam[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(query)) {
    if (raw === '' || raw === undefined) continue;
    if (!(name in properties)) {
      const known = Object.keys(properties);
      problems.push({ name, reason: `unknown parameter (expected ${known.length ? known.join(', ') : 'none'})` });
    } else if (typeof raw !== 'string') problems.push({ name, reason: 'given more than once' });
    else values[name] = NUMERIC.has(properties[name].type as string) && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  if (!validate(values)) {
    const named = new Set(problems.map((p) => p.name));
    for (const name of (validate.errors ?? []).map(parameterOf)) {
      if (named.has(name) || !(name in properties)) continue;
      named.add(name);
      problems.push({ name, reason: expectation(properties[name]) });
    }
  }
  if (problems.length > 0) throw new InvalidRequest(problems);
  return values as ParsedQuery<Q>;
}

/** The parameter an ajv error is about (the query is flat: the first segment of the instance path). */
function parameterOf(error: ErrorObject): string {
  if (error.keyword === 'required') return (error.params as { missingProperty: string }).missingProperty;
  return decodeURIComponent(error.instancePath.split('/')[1] ?? '')
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');
}

/** What a parameter must be, in words, from its schema. */
export function expectation(schema: TSchema): string {
  const s = schema as { enum?: unknown[]; type?: string; minimum?: number; maximum?: number; description?: string };
  if (s.enum) return `expected one of ${s.enum.join(', ')}`;
  if (s.type === 'integer') return `expected a whole number from ${s.minimum ?? '-∞'} to ${s.maximum ?? '∞'}`;
  return `expected ${s.description ?? `a ${s.type}`}`;
}
