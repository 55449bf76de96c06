import type { TSchema } from '@sinclair/typebox';
import { RESULT_MESSAGE_VERSIONS, RESULT_SCHEMA_VERSION } from './results/decision-message';
import { RECORD_SCHEMA_VERSIONS, SCHEMA_VERSIONS } from './schema-versions';
import { PersonRef } from './v1/person-ref';
import { SOURCE_NAMES, type SourceName } from './v1/source-name';

/** A JSON Schema as plain data: no TypeBox symbols, safe to serialise and publish. */
export type JsonSchema = Record<string, unknown> & { $id: string; $schema: string };

export const SCHEMA_BASE_URL = 'https://lgsp.example/schemas';
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

export const eventSchemaId = (source: SourceName, version: number) => `${SCHEMA_BASE_URL}/${source}/v${version}`;
export const recordSchemaId = (source: SourceName, version: number) => `${eventSchemaId(source, version)}/record`;
export const PERSON_REF_SCHEMA_ID = `${SCHEMA_BASE_URL}/person-ref/v1`;
export const resultSchemaId = (version: number) => `${SCHEMA_BASE_URL}/results/v${version}`;
export const RESULT_SCHEMA_ID = resultSchemaId(RESULT_SCHEMA_VERSION);

export function toPublishedJsonSchema(schema: TSchema, $id: string): JsonSchema {
  return { $schema: DRAFT_07, $id, ...(JSON.parse(JSON.stringify(schema)) as Record<string, unknown>) };
}

function publishAll(
  table: Record<SourceName, Record<number, TSchema>>,
  idOf: (source: SourceName, version: number) => string,
): Record<SourceName, Record<number, JsonSchema>> {
  const published = {} as Record<SourceName, Record<number, JsonSchema>>;
  for (const source of SOURCE_NAMES) {
    published[source] = {};
    for (const [version, schema] of Object.entries(table[source])) {
      published[source][Number(version)] = toPublishedJsonSchema(schema, idOf(source, Number(version)));
    }
  }
  return published;
}

/** Envelope schemas, e.g. EVENT_JSON_SCHEMAS.land[1].$id === "https://lgsp.example/schemas/land/v1". */
export const EVENT_JSON_SCHEMAS = publishAll(SCHEMA_VERSIONS, eventSchemaId);

/** Record schemas alone, e.g. ".../land/v1/record". */
export const RECORD_JSON_SCHEMAS = publishAll(RECORD_SCHEMA_VERSIONS, recordSchemaId);

export const PERSON_REF_JSON_SCHEMA = toPublishedJsonSchema(PersonRef, PERSON_REF_SCHEMA_ID);

/** The results topic's messages, decisions and retractions, at every version. */
export const RESULT_JSON_SCHEMAS: Readonly<Record<number, JsonSchema>> = Object.fromEntries(
  Object.entries(RESULT_MESSAGE_VERSIONS).map(([v, schema]) => [
    Number(v),
    toPublishedJsonSchema(schema, resultSchemaId(Number(v))),
  ]),
);

/** The latest: what the pipeline writes now. */
export const RESULT_JSON_SCHEMA = RESULT_JSON_SCHEMAS[RESULT_SCHEMA_VERSION];

/** Everything to publish, one document per `$id`. */
export const ALL_JSON_SCHEMAS: readonly JsonSchema[] = [
  ...SOURCE_NAMES.flatMap((source) => Object.values(EVENT_JSON_SCHEMAS[source])),
  ...SOURCE_NAMES.flatMap((source) => Object.values(RECORD_JSON_SCHEMAS[source])),
  PERSON_REF_JSON_SCHEMA,
  ...Object.values(RESULT_JSON_SCHEMAS),
];
