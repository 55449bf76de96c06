/**
 * What a credential may do: reading record-level results (names, IDs and dates of birth), and the gateway's
 * submitting (gateway:write) and reading of its own submissions (gateway:read).
 */
export const SCOPES = ['records:read', 'gateway:write', 'gateway:read'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** What a credential gets when no scope is named: the record endpoints only, as before the gateway. */
export const DEFAULT_SCOPES: readonly Scope[] = ['records:read'];
