import { Type, type TSchema } from '@sinclair/typebox';
import { IsoDateTime, Nullable, Text } from '../schema-building';
import { operationRuleClauses } from './operation-rules';
import { Operation, type SourceName } from './source-name';

/**
 * The envelope every sync event travels in, whatever the source.
 * `before`/`after` follow OPERATION_RULES: snapshot/create carry `after` only,
 * update carries both, delete carries `before` only.
 */
export interface SyncEvent<T, S extends SourceName = SourceName> {
  eventId: string;
  source: S;
  operation: Operation;
  /** The record's own key: citizenId, parcelId, socialInsuranceNumber or enterpriseCode. */
  entityId: string;
  before: T | null;
  after: T | null;
  /** When the source committed the change (not when it was published). */
  committedAt: string;
  schemaVersion: number;
  /** W3C trace id, so one change can be followed from the source to its decision. */
  traceId: string;
}

/** Builds the concrete envelope schema for one source and its record schema. */
export function syncEventSchema<S extends SourceName, R extends TSchema>(source: S, record: R, title: string) {
  return Type.Object(
    {
      eventId: Type.String({ format: 'uuid', description: 'Unique per event; consumers de-duplicate on it' }),
      source: Type.Literal(source),
      operation: Operation,
      entityId: Text({ minLength: 1, maxLength: 64 }),
      before: Nullable(record),
      after: Nullable(record),
      committedAt: IsoDateTime({ description: 'Source commit time, with offset' }),
      // Not a const: a newer schema must still accept events written at an older version.
      schemaVersion: Type.Integer({ minimum: 1 }),
      traceId: Type.String({ pattern: '^[0-9a-f]{32}$', description: 'W3C trace-id (32 lowercase hex)' }),
    },
    { additionalProperties: false, title, allOf: operationRuleClauses() },
  );
}
