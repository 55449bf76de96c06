// Version-1 definitions by their plain names (PersonRef, LandEvent…): the names the rest of the code is written against.
export * from './v1';
// Every version, for code that must tell them apart (v2.LandEvent, v2.LandParcelRecord).
export * as v1 from './v1';
export * as v2 from './v2';

export * from './schema-versions';
export * from './published-json-schemas';
export * from './topics';
export * from './event-key';
export * from './message-headers';
export * from './producer-findings';
export { CITIZEN_ID_PATH, RECORD_KEY_FIELD } from './record-keys';
export { STORABLE } from './schema-building';
export * from './sectoral-person';
export * from './duplicate-identity';
export * from './dead-letter';
export * from './results/decision-message';
export * from './results/result-message-validator';
export * from './results/vocabulary';
export * from './validation/contract-violation';
export * from './validation/sync-event-validator';
export * as examples from './examples';
