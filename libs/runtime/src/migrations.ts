import { MixedList } from 'typeorm';
import { MONITORING_MIGRATIONS } from '@lgsp/monitoring';
import { RECONCILIATION_MIGRATIONS } from '@lgsp/reconciliation';
import { SOURCE_MIGRATIONS } from '@lgsp/sources';
import { EmbeddedTransport1732300000000 } from '@lgsp/transport';

/** Every migration of the product, in order. Schemas change only through these, never `synchronize`. */
export const MIGRATIONS: MixedList<Function> = [
  EmbeddedTransport1732300000000,
  ...SOURCE_MIGRATIONS,
  ...RECONCILIATION_MIGRATIONS,
  ...MONITORING_MIGRATIONS,
];
