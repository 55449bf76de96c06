export * from './accounting';
