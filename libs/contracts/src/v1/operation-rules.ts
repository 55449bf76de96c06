import type { Operation } from './source-name';

/**
 * Which of `before` / `after` each operation carries. Kept as data so the schema's
 * if/then clauses, the validator's error wording and the docs all come from one table.
 */
export interface OperationRule {
  operations: readonly Operation[];
  before: 'record' | 'null';
  after: 'record' | 'null';
}

export const OPERATION_RULES: readonly OperationRule[] = [
  { operations: ['snapshot', 'create'], before: 'null', after: 'record' },
  { operations: ['update'], before: 'record', after: 'record' },
  { operations: ['delete'], before: 'record', after: 'null' },
];

const jsonType = (side: OperationRule['before']) => (side === 'record' ? 'object' : 'null');

/** The rules as JSON Schema `allOf` of `if operation in [...] then before/after types`. */
export function operationRuleClauses(): Record<string, unknown>[] {
  return OPERATION_RULES.map((rule) => ({
    if: { properties: { operation: { enum: [...rule.operations] } }, required: ['operation'] },
    then: {
      properties: { before: { type: jsonType(rule.before) }, after: { type: jsonType(rule.after) } },
    },
  }));
}
