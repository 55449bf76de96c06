export * from './data-source';
export * from './embedded-postgres';
export * from './scratch-database';
export * from './transaction';
export * from './retried-transaction';
