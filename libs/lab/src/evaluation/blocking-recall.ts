import type { CitizenRecord } from '@lgsp/contracts';
import { blockingKeys, rankCandidates, recordSearchKeys, type BlockablePerson, type RecordedPerson } from '@lgsp/domain';

/**
 * Blocking recall per kind of broken field, measured without the pipeline: each registry citizen
 * is copied with one field broken (the kinds real person data shows and the generator's sectoral
 * dirt does not combine with a wrong ID), searched under a key scheme with the same cap per key as
 * the pipeline, and ranked. The reference is scoring every citizen of the registry (all pairs).
 * Pure; small registries only (all pairs is quadratic).
 */
export const BROKEN_FIELD_KINDS = [
  'NONE',
  'MISSING_DOB',
  'IMPOSSIBLE_DOB',
  'BIRTH_YEAR_PLUS_ONE',
  'TRANSPOSED_NAME',
  'FAMILY_NAME_SPLIT',
  'DAY_MONTH_SWAP',
] as const;
export type BrokenFieldKind = (typeof BROKEN_FIELD_KINDS)[number];

export interface KeyScheme {
  index(c: BlockablePerson): string[];
  search(p: BlockablePerson): string[];
}

/** The scheme before issue 13: three keys, each needing a parseable date of birth. */
export const DOB_KEYS_ONLY: KeyScheme = {
  index: (c) => blockingKeys(c).filter((k) => /^(FY|GD|DP):/.test(k)),
  search: (p) => blockingKeys(p).filter((k) => /^(FY|GD|DP):/.test(k)),
};
export const CURRENT_KEYS: KeyScheme = { index: blockingKeys, search: recordSearchKeys };

/** The citizen as a record with an unknown ID and one field broken, or null where the kind cannot apply. */
export function broken(citizen: CitizenRecord, kind: BrokenFieldKind): RecordedPerson | null {
  const c: RecordedPerson = { ...citizen, citizenId: null };
  const [y, m, d] = citizen.dateOfBirth.split('-');
  const tokens = citizen.fullName.split(' ');
  switch (kind) {
    case 'NONE':
      return c;
    case 'MISSING_DOB':
      return { ...c, dateOfBirth: null };
    case 'IMPOSSIBLE_DOB':
      return { ...c, dateOfBirth: `${y}-02-31` };
    case 'BIRTH_YEAR_PLUS_ONE':
      return { ...c, dateOfBirth: `${Number(y) + 1}-${m}-${d}` };
    case 'TRANSPOSED_NAME':
      return tokens.length < 2 ? null : { ...c, fullName: [...tokens.slice(1), tokens[0]].join(' '), dateOfBirth: null };
    case 'FAMILY_NAME_SPLIT': {
      // "Nguyễn" written "Nguy ễn" cannot happen; a compound written apart or together can: join the first two parts.
      if (tokens.length < 3) return null;
      return { ...c, fullName: [tokens[0] + tokens[1], ...tokens.slice(2)].join(' '), dateOfBirth: null };
    }
    case 'DAY_MONTH_SWAP':
      return Number(d) > 12 || d === m ? null : { ...c, dateOfBirth: `${y}-${d}-${m}` };
  }
}

export interface RecallFigures {
  records: number;
  /** The true citizen is among the blocked candidates. */
  blocked: number;
  /** ... and ranked first. */
  top1: number;
  /** Ranked first when every citizen of the registry is scored. */
  allPairsTop1: number;
}

/** Recall of a key scheme per broken-field kind on one registry (the record's ID is unknown). */
export function blockingRecall(
  registry: readonly CitizenRecord[],
  scheme: KeyScheme,
  perKey: number,
  withAllPairs = false,
): Record<BrokenFieldKind, RecallFigures> {
  const byKey = new Map<string, CitizenRecord[]>();
  const sorted = [...registry].sort((a, b) => (a.citizenId < b.citizenId ? -1 : 1));
  for (const c of sorted) for (const k of scheme.index(c)) (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(c);
  const out = {} as Record<BrokenFieldKind, RecallFigures>;
  for (const kind of BROKEN_FIELD_KINDS) {
    const f: RecallFigures = { records: 0, blocked: 0, top1: 0, allPairsTop1: 0 };
    for (const c of registry) {
      const b = broken(c, kind);
      if (b === null) continue;
      const recorded = b;
      f.records++;
      const pool = new Map<string, CitizenRecord>();
      for (const k of scheme.search(recorded)) for (const x of (byKey.get(k) ?? []).slice(0, perKey)) pool.set(x.citizenId, x);
      if (pool.has(c.citizenId)) f.blocked++;
      if (rankCandidates(recorded, [...pool.values()], 1)[0]?.citizen.citizenId === c.citizenId) f.top1++;
      if (withAllPairs && rankCandidates(recorded, registry, 1)[0]?.citizen.citizenId === c.citizenId) f.allPairsTop1++;
    }
    out[kind] = f;
  }
  return out;
}
