import type { Correction } from './corrections.repository';

/**
 * A message of the corrections topic (`lgsp.corrections.v1`): one correction as it opened, the same object the
 * gateway's GET /v1/corrections/{id} answers. Keyed by the record (`<source>/<entityId>`), so a record's corrections
 * share a partition, in order. Published with the decision, before its transaction commits: a crash in between
 * publishes again on redelivery, under a new id only if the decision is new (consumers de-duplicate on the id).
 */
export const CORRECTION_SCHEMA_VERSION = 1;

export interface CorrectionMessage extends Correction {
  schemaVersion: number;
}

export const CORRECTION_HEADERS = {
  correctionId: 'lgsp-correction-id',
  schemaVersion: 'lgsp-schema-version',
} as const;

/** The message of an opened correction: key, value and headers (the transport's outgoing message). */
export function correctionMessage(c: Correction): { key: string; value: string; headers: Record<string, string> } {
  const message: CorrectionMessage = { schemaVersion: CORRECTION_SCHEMA_VERSION, ...c };
  return {
    key: `${c.source}/${c.entityId}`,
    value: JSON.stringify(message),
    headers: { [CORRECTION_HEADERS.correctionId]: c.id, [CORRECTION_HEADERS.schemaVersion]: String(CORRECTION_SCHEMA_VERSION) },
  };
}
