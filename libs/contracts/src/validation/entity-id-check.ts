import { RECORD_KEY_FIELD } from '../record-keys';
import type { SourceName } from '../v1/source-name';
import type { ContractViolation } from './contract-violation';

/**
 * `entityId` must be the key of the record it describes. JSON Schema cannot compare
 * two fields, so this runs beside it. A record whose key changes is a delete plus a
 * create, not an update: otherwise the old key's state would never be retracted.
 */
export function entityIdViolations(source: SourceName, value: unknown): ContractViolation[] {
  if (value === null || typeof value !== 'object') return [];
  const event = value as Record<string, unknown>;
  if (typeof event.entityId !== 'string') return [];
  const keyField = RECORD_KEY_FIELD[source];
  const violations: ContractViolation[] = [];
  for (const side of ['before', 'after'] as const) {
    const record = event[side];
    if (record === null || typeof record !== 'object') continue;
    const key = (record as Record<string, unknown>)[keyField];
    if (typeof key === 'string' && key !== event.entityId) {
      violations.push({ path: '/entityId', message: `must equal ${side}.${keyField}`, keyword: 'entityId' });
    }
  }
  return violations;
}
