import { RegistryAndResults1732400000000 } from './1732400000000-registry-and-results';

export const RECONCILIATION_MIGRATIONS = [RegistryAndResults1732400000000];
