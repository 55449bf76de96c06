import { Corrections1733350000000 } from './1733350000000-corrections';
import { CorrectionWebhooks1733350000001 } from './1733350000001-correction-webhooks';

export const CORRECTIONS_MIGRATIONS = [Corrections1733350000000, CorrectionWebhooks1733350000001];
