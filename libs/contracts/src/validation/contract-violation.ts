import { Type, type Static } from '@sinclair/typebox';

/**
 * One reason a message breaks the contract. It names the place (JSON pointer) and the
 * rule, never the offending value: values are citizen IDs, names and birth dates,
 * and these violations end up in logs, dead-letter headers and API responses.
 */
export const ContractViolation = Type.Object(
  {
    path: Type.String({ description: 'JSON pointer into the message, "" for the message as a whole' }),
    message: Type.String(),
    keyword: Type.String({ description: 'The rule that failed: a JSON Schema keyword, "json", "encoding" or "entityId"' }),
  },
  { additionalProperties: false, title: 'ContractViolation' },
);
export type ContractViolation = Static<typeof ContractViolation>;

export type ValidationResult<E> = { ok: true; event: E } | { ok: false; errors: ContractViolation[] };
