/**
 * Stamped on every decision so that an audit can tell which rules produced it.
 * Bump it whenever a change here, in names/, dates/ or in a confidence value could
 * change a decision or its evidence for the same input.
 */
export const RULE_VERSION = 'reconcile-2026.12.5';
