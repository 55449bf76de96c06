export * from './person';
export * from './address';
export * from './province-history';
export * from './confidence';
export * from './field-diff';
export * from './outcome';
export * from './rule-version';
export * from './difference-rules';
