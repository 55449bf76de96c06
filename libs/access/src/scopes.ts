/**
 * What a credential may do. One scope for now: reading record-level results, which carry names, IDs and dates of
 * birth. Per-system scopes are the gateway's to add.
 */
export const SCOPES = ['records:read'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
