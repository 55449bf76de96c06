import { PERSON_FIELD } from './sectoral-person';
import type { SourceName } from './v1/source-name';

/** The field of each source's record that identifies it; `entityId` must equal it. */
export const RECORD_KEY_FIELD = {
  population: 'citizenId',
  land: 'parcelId',
  insurance: 'socialInsuranceNumber',
  business: 'enterpriseCode',
} as const satisfies Record<SourceName, string>;

/** Where each source's record names the citizen it is about (a path of property names). */
export const CITIZEN_ID_PATH = {
  population: ['citizenId'],
  land: [PERSON_FIELD.land, 'citizenId'],
  insurance: [PERSON_FIELD.insurance, 'citizenId'],
  business: [PERSON_FIELD.business, 'citizenId'],
} as const satisfies Record<SourceName, readonly string[]>;

/** Reads a path of properties out of a value of unknown shape. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
