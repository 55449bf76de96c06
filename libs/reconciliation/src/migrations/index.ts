import { RegistryAndResults1732400000000 } from './1732400000000-registry-and-results';
import { RegistryByCitizen1732600000000 } from './1732600000000-registry-by-citizen';
import { RegistryKeysByRecord1732700000000 } from './1732700000000-registry-keys-by-record';

export const RECONCILIATION_MIGRATIONS = [
  RegistryAndResults1732400000000,
  RegistryByCitizen1732600000000,
  RegistryKeysByRecord1732700000000,
];
