export * from './log/checkpoint';
export * from './log/hashes';
export * from './log/merkle';
export * from './log/verify-log';
