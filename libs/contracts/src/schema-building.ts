import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';

/**
 * Small TypeBox builders that keep the emitted JSON Schema flat.
 *
 * TypeBox's own `Type.Union([X, Type.Null()])` emits `anyOf`, and a failing `anyOf`
 * makes ajv report one error per branch plus a summary: an integrator would see
 * "must be string", "must be null" and "must match a schema in anyOf" for one
 * wrong field. A type array (`"type": ["string", "null"]`) reports one error at the
 * field's own path, so the contract uses that form everywhere.
 */

/** A string that must be one of a closed list of values; the TS type is the literal union. */
export function StringEnum<const Values extends readonly string[]>(
  values: Values,
  options: { description?: string } = {},
): TUnsafe<Values[number]> {
  return Type.Unsafe<Values[number]>({ ...options, type: 'string', enum: [...values] });
}

/** The same schema, with `null` also accepted (and `null | T` as the TS type). */
export function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const { type } = schema as { type?: unknown };
  if (typeof type !== 'string') {
    throw new Error('Nullable() needs a schema with a single "type"; wrap unions explicitly');
  }
  const nullable: Record<string, unknown> = { ...schema, type: [type, 'null'] };
  const { enum: allowed } = schema as { enum?: unknown[] };
  if (Array.isArray(allowed)) nullable.enum = [...allowed, null];
  return Type.Unsafe<Static<T> | null>(nullable);
}

/** A calendar date as YYYY-MM-DD (RFC 3339 full-date, checked for real days by ajv-formats). */
export function IsoDate(options: { description?: string } = {}) {
  return Type.String({ ...options, format: 'date' });
}

/** An instant with an explicit UTC offset (RFC 3339 date-time); local times without offset are ambiguous. */
export function IsoDateTime(options: { description?: string } = {}) {
  return Type.String({ ...options, format: 'date-time' });
}

/** A string made only of digits, exactly `length` of them (codes keep their leading zeros). */
export function DigitString(length: number, options: { description?: string } = {}) {
  return Type.String({ ...options, pattern: `^[0-9]{${length}}$` });
}
