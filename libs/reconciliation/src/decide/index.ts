export * from './decision-context';
export * from './registry-lookups';
export * from './decide-slice';
export * from './dependents';
export * from './duplicate-groups';
