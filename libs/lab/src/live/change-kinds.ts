import type { SourceName } from '@lgsp/contracts';

/** What happens in the national databases day to day, and how often relative to each other. */
export const CHANGE_KINDS = [
  { kind: 'NAME_CORRECTION', weight: 0.2 },
  { kind: 'DEATH', weight: 0.1 },
  { kind: 'MOVE', weight: 0.25 },
  { kind: 'LAND_TRANSACTION', weight: 0.2 },
  { kind: 'INSURANCE_CARD', weight: 0.15 },
  { kind: 'NEW_COMPANY', weight: 0.1 },
] as const;

export type ChangeKind = (typeof CHANGE_KINDS)[number]['kind'];

/** A change that was committed, with its event. */
export interface AppliedChange {
  kind: ChangeKind;
  source: SourceName;
  operation: 'create' | 'update';
  eventId: string;
  /** Its event was published broken on purpose (INVALID_EVENT). */
  invalidEvent?: boolean;
}

export function drawChangeKind(u: number): ChangeKind {
  let acc = 0;
  for (const { kind, weight } of CHANGE_KINDS) if (u < (acc += weight)) return kind;
  return CHANGE_KINDS[CHANGE_KINDS.length - 1].kind;
}
