import { AuditReplay1733300000000 } from './1733300000000-audit-replay';
import { ReplayGaps1733360000000 } from './1733360000000-replay-gaps';

export const AUDIT_REPLAY_MIGRATIONS = [AuditReplay1733300000000, ReplayGaps1733360000000];
