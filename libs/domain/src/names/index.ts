export * from './text';
export * from './tone-placement';
export * from './y-i';
export * from './name-parts';
export * from './name-keys';
export * from './compare';
