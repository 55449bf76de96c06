export { isActive, lookupIdOf, personOf } from '@lgsp/contracts';
