export * from './blocking';
export * from './agreement';
export * from './m-u';
export * from './fellegi-sunter';
export * from './rank';
