import { Settings } from '@lgsp/config';
import { ACCESS_MIGRATIONS } from '@lgsp/access';
import { CORRECTIONS_MIGRATIONS } from '@lgsp/corrections';
import { AUDIT_LOG_MIGRATIONS, AUDIT_REPLAY_MIGRATIONS } from '@lgsp/audit';
import { MONITORING_MIGRATIONS } from '@lgsp/monitoring';
import { RECONCILIATION_MIGRATIONS } from '@lgsp/reconciliation';
import { EmbeddedTransport1732300000000 } from '@lgsp/transport';

/** The product's own schemas (registry, results, monitoring, API credentials, corrections back to the sources, audit replays, the decision log). Schemas change only through migrations, never `synchronize`. */
export const PRODUCT_MIGRATIONS: Function[] = [
  ...RECONCILIATION_MIGRATIONS,
  ...MONITORING_MIGRATIONS,
  ...ACCESS_MIGRATIONS,
  ...CORRECTIONS_MIGRATIONS,
  ...AUDIT_REPLAY_MIGRATIONS,
  ...AUDIT_LOG_MIGRATIONS,
];

/** The migrations a process on this transport needs: the embedded transport's tables only when it carries the events. */
export function productMigrations(transport: Settings['transport']): Function[] {
  return transport === 'embedded' ? [EmbeddedTransport1732300000000, ...PRODUCT_MIGRATIONS] : PRODUCT_MIGRATIONS;
}
