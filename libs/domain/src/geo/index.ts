export * from './province-codes';
export * from './old-provinces';
export * from './new-provinces';
export * from './old-districts';
export * from './communes';
export * from './address';
export * from './current-place';
