import { AuditDecisionLog1733200000000 } from './1733200000000-decision-log';
import { AuditCheckpoints1733200000001 } from './1733200000001-checkpoints';
import { AuditDecisionContentV21733400000001 } from './1733400000001-decision-content-v2';

/** The decision log's migrations (product: `lgsp start` runs them). */
export const AUDIT_LOG_MIGRATIONS = [
  AuditDecisionLog1733200000000,
  AuditCheckpoints1733200000001,
  AuditDecisionContentV21733400000001,
];
