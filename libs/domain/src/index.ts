export * from './identity/citizen-id';
export * from './personal-data/masking';
export * from './geo';
export * from './identity/tax-code';
export * from './names';
export * from './dates';
export * from './reconciliation';
export * from './matching';
