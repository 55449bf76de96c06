export * from './runtime';
export * from './runtime.module';
export * from './migrations';
export * from './embedded-server';
export * from './running-instance';
export * from './parent-process';
export * from './shutdown-deadline';
