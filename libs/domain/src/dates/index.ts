export * from './parse-date';
export * from './compare-dates';
