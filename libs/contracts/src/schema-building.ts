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

/**
 * What a JSON string may hold yet PostgreSQL cannot store, refused by the contract itself
 * (standard `pattern`s, so every integrator's validator refuses the same): a refused event is
 * dead-lettered with its field named, instead of failing in the database on every retry.
 * Each pattern comes with the violation the validator reports for it (keyword and message).
 */
export const STORABLE = {
  /** No NUL (PostgreSQL text cannot hold U+0000) and no unpaired UTF-16 surrogate (not encodable in UTF-8). */
  text: {
    pattern: '^[^\\u0000\\uD800-\\uDFFF]*$',
    keyword: 'text',
    message: 'must not contain a NUL character (U+0000) or an unpaired UTF-16 surrogate',
  },
  /** PostgreSQL has no year 0000 (1 BC is its year before 0001). */
  date: { pattern: '^(?!0000-)', keyword: 'dateRange', message: 'must be a date in the years 0001 to 9999' },
  /**
   * The same for an instant; its first and last days are refused too, since an offset could move the
   * instant out of 0001–9999 in UTC, where it would no longer read back into an RFC 3339 string.
   */
  dateTime: {
    pattern: '^(?!0000-|0001-01-01|9999-12-31)',
    keyword: 'dateRange',
    message: 'must be an instant from 0001-01-02 to 9999-12-30',
  },
  /** Real offsets span -12:00 to +14:00; RFC 3339 allows up to ±23:59, PostgreSQL ±15:59. */
  utcOffset: {
    pattern: '(?:[Zz]|[+-](?:(?:0[0-9]|1[0-3])(?::?[0-5][0-9])?|14(?::?00)?))$',
    keyword: 'utcOffset',
    message: 'must have a UTC offset within ±14:00',
  },
} as const;

/** Free text: any Unicode PostgreSQL can store (see STORABLE.text). */
export function Text(options: { description?: string; minLength?: number; maxLength?: number } = {}) {
  return Type.String({ ...options, pattern: STORABLE.text.pattern });
}

/** A calendar date as YYYY-MM-DD (RFC 3339 full-date, checked for real days by ajv-formats), from year 0001. */
export function IsoDate(options: { description?: string } = {}) {
  return Type.String({ ...options, format: 'date', pattern: STORABLE.date.pattern });
}

/**
 * An instant with an explicit UTC offset (RFC 3339 date-time); local times without offset are ambiguous.
 * Its range and offset are two checks, so a violation says which one failed.
 */
export function IsoDateTime(options: { description?: string } = {}) {
  return Type.String({
    ...options,
    format: 'date-time',
    allOf: [{ pattern: STORABLE.dateTime.pattern }, { pattern: STORABLE.utcOffset.pattern }],
  });
}

/** A string made only of digits, exactly `length` of them (codes keep their leading zeros). */
export function DigitString(length: number, options: { description?: string } = {}) {
  return Type.String({ ...options, pattern: `^[0-9]{${length}}$` });
}
