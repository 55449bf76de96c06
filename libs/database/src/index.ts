export * from './data-source';
export * from './embedded-postgres';
export * from './scratch-database';
export * from './transaction';
export * from './session-lock';
export * from './retried-transaction';
export { placedDataDir } from './postgres-user-place';
