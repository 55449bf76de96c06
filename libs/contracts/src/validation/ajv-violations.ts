import type { ErrorObject } from 'ajv';
import { STORABLE } from '../schema-building';
import { OPERATION_RULES } from '../v1/operation-rules';
import type { ContractViolation } from './contract-violation';

const escapePointer = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

function pathOf(error: ErrorObject): string {
  if (error.keyword === 'required') {
    return `${error.instancePath}/${escapePointer(String(error.params.missingProperty))}`;
  }
  if (error.keyword === 'additionalProperties' && isPlainFieldName(error.params.additionalProperty)) {
    return `${error.instancePath}/${escapePointer(String(error.params.additionalProperty))}`;
  }
  return error.instancePath;
}

// A missing property's name comes from the schema and is always safe to name. An
// unexpected one comes from the message: producers do key maps by citizen ID or name,
// so it is named only when it looks like a field name (ASCII identifier, no digit runs).
function isPlainFieldName(name: unknown): boolean {
  return typeof name === 'string' && /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(name) && !/[0-9]{3}/.test(name);
}

// Errors under "#/allOf/<n>/then" come from OPERATION_RULES[n]: say which operation
// made the field mandatory or forbidden, since "must be null" alone does not.
const RULE_CLAUSE = /^#\/allOf\/(\d+)\/then\//;

function messageOf(error: ErrorObject): string {
  const base = error.message ?? 'is invalid';
  const clause = RULE_CLAUSE.exec(error.schemaPath);
  const rule = clause ? OPERATION_RULES[Number(clause[1])] : undefined;
  return rule ? `${base} when operation is ${rule.operations.join(' or ')}` : base;
}

/** The contract's storability patterns, reported by what they mean rather than as "must match pattern …". */
const STORABLE_BY_PATTERN = new Map<string, { keyword: string; message: string }>(
  Object.values(STORABLE).map(({ pattern, keyword, message }) => [pattern, { keyword, message }]),
);

function violationOf(error: ErrorObject): ContractViolation {
  const storable = error.keyword === 'pattern' ? STORABLE_BY_PATTERN.get(String(error.params.pattern)) : undefined;
  if (storable) return { path: error.instancePath, ...storable };
  return { path: pathOf(error), message: messageOf(error), keyword: error.keyword };
}

/**
 * Ajv errors as contract violations. The summary "must match \"then\" schema" errors
 * are dropped: the failing field is always reported alongside, at its own path.
 */
export function toContractViolations(errors: readonly ErrorObject[] | null | undefined): ContractViolation[] {
  return (errors ?? []).filter((error) => error.keyword !== 'if').map(violationOf);
}
