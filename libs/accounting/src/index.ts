export * from './accounting';
export * from './accounting.repository';
export * from './accounting-loader';
export * from './accounting-summary';
