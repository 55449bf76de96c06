import { BLOCKING_KEY_KINDS, BlockingKeyKind } from '../matching/blocking';
import { NAME_SIMILAR_JW } from '../matching/agreement';
import { DEFAULT_M_U, MUTable } from '../matching/m-u';
import { NAME_DIFFERENCE_KINDS, NameDifferenceKind } from '../names/compare';
import { RULE_VERSION } from './rule-version';

/**
 * The reconciliation parameters as data: a named, versioned rule set. Every decision records the
 * version of the set it was decided under; the built-in one is what the live pipeline runs, and a
 * replay can run a candidate from a file to see what it would change before it is deployed.
 */
export interface RuleSet {
  readonly name: string;
  readonly version: string;
  /** Fellegi-Sunter m/u probabilities per field and agreement level. */
  readonly mU: MUTable;
  /**
   * Prior probability that one registry citizen is the record's person; null (the built-in): one in
   * the registry's size at the time of the decision (priorOf), which the decision records.
   */
  readonly priorMatchProbability: number | null;
  /**
   * The probability (as published, three decimals) from which the best candidate of a record whose
   * ID leads nowhere is proposed as its citizen (`evidence.link`); null: no link is ever proposed.
   */
  readonly linkThreshold: number | null;
  /** Jaro-Winkler floor of the SIMILAR name level. */
  readonly nameSimilarJw: number;
  /** Candidates kept per unresolved record, and citizens read per blocking key. */
  readonly candidatesKept: number;
  readonly candidatesPerKey: number;
  /** The kinds of blocking key the candidate search uses. */
  readonly blockingKeys: readonly BlockingKeyKind[];
  /** Name rules' switches: kinds of name difference not reported as differences. */
  readonly ignoredNameKinds: readonly NameDifferenceKind[];
}

/**
 * Chosen from the eval's threshold sweep (docs/benchmarks.md, issue 13): on the generator's 100k citizens every
 * threshold from 0.8 up kept the proposed links 100 % right; 0.99 leaves a margin where the data set has few
 * records with more than the ID broken.
 */
export const DEFAULT_LINK_THRESHOLD = 0.99;

/**
 * The prior a rule set gives one registry citizen: its fixed one, else one in the registry's size (at
 * least two, so that the prior odds stay finite on a registry of one).
 */
export function priorOf(rules: Pick<RuleSet, 'priorMatchProbability'>, registrySize: number): number {
  return rules.priorMatchProbability ?? 1 / Math.max(2, Math.round(registrySize));
}

/** What the live pipeline runs: the values that were constants before rule sets were data. */
export const BUILT_IN_RULE_SET: RuleSet = Object.freeze({
  name: 'reconcile',
  version: RULE_VERSION,
  mU: DEFAULT_M_U,
  priorMatchProbability: null,
  linkThreshold: DEFAULT_LINK_THRESHOLD,
  nameSimilarJw: NAME_SIMILAR_JW,
  candidatesKept: 3,
  candidatesPerKey: 40,
  blockingKeys: BLOCKING_KEY_KINDS,
  ignoredNameKinds: [],
});

/** A rule set file that cannot be used: names the field and what it takes. */
export class InvalidRuleSet extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/**
 * A rule set from a file's JSON: `name` and `version` required (a candidate must not pass for the
 * built-in), every other field optional and taken from the built-in set when absent; `mU` may give
 * only the levels it changes.
 */
export function ruleSetFrom(json: unknown): RuleSet {
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new InvalidRuleSet('(file)', 'must be a JSON object');
  const o = json as Record<string, unknown>;
  const known = new Set(Object.keys(BUILT_IN_RULE_SET));
  for (const k of Object.keys(o))
    if (!known.has(k)) throw new InvalidRuleSet(k, `unknown field (fields: ${[...known].join(', ')})`);
  const text = (k: string) => {
    if (typeof o[k] !== 'string' || (o[k] as string).trim() === '') throw new InvalidRuleSet(k, 'required, a non-empty string');
    return o[k] as string;
  };
  const name = text('name');
  const version = text('version');
  if (version === BUILT_IN_RULE_SET.version)
    throw new InvalidRuleSet('version', `${version} is the built-in rule set's: give the candidate a version of its own`);
  const number = (k: keyof RuleSet, ok: (n: number) => boolean, what: string): number => {
    if (o[k] === undefined) return BUILT_IN_RULE_SET[k] as number;
    if (typeof o[k] !== 'number' || !ok(o[k] as number)) throw new InvalidRuleSet(k, `must be ${what}`);
    return o[k] as number;
  };
  /** A number or an explicit null; absent: the built-in set's. */
  const orNull = (k: 'priorMatchProbability' | 'linkThreshold', ok: (n: number) => boolean, what: string): number | null => {
    if (o[k] === undefined) return BUILT_IN_RULE_SET[k];
    if (o[k] === null) return null;
    if (typeof o[k] !== 'number' || !ok(o[k] as number)) throw new InvalidRuleSet(k, `must be ${what}`);
    return o[k] as number;
  };
  const list = <T extends string>(k: keyof RuleSet, allowed: readonly T[]): readonly T[] => {
    if (o[k] === undefined) return BUILT_IN_RULE_SET[k] as readonly T[];
    if (!Array.isArray(o[k]) || !(o[k] as unknown[]).every((v) => allowed.includes(v as T)))
      throw new InvalidRuleSet(k, `must be a list of ${allowed.join(', ')}`);
    return o[k] as T[];
  };
  return {
    name,
    version,
    mU: mUFrom(o.mU),
    priorMatchProbability: orNull(
      'priorMatchProbability',
      (n) => n > 0 && n < 1,
      'a probability between 0 and 1, or null (one in the registry size)',
    ),
    linkThreshold: orNull(
      'linkThreshold',
      (n) => n > 0 && n <= 1,
      'a probability above 0 and at most 1, or null (no link proposed)',
    ),
    nameSimilarJw: number('nameSimilarJw', (n) => n >= 0 && n <= 1, 'between 0 and 1'),
    candidatesKept: number('candidatesKept', (n) => Number.isInteger(n) && n >= 0 && n <= 20, 'a whole number 0 to 20'),
    candidatesPerKey: number('candidatesPerKey', (n) => Number.isInteger(n) && n >= 1 && n <= 1000, 'a whole number 1 to 1000'),
    blockingKeys: list('blockingKeys', BLOCKING_KEY_KINDS),
    ignoredNameKinds: list(
      'ignoredNameKinds',
      NAME_DIFFERENCE_KINDS.filter((k) => k !== 'EXACT'),
    ),
  };
}

function mUFrom(given: unknown): MUTable {
  if (given === undefined) return BUILT_IN_RULE_SET.mU;
  if (given === null || typeof given !== 'object') throw new InvalidRuleSet('mU', 'must be an object of fields');
  const out = JSON.parse(JSON.stringify(BUILT_IN_RULE_SET.mU)) as Record<string, Record<string, { m: number; u: number }>>;
  for (const [field, levels] of Object.entries(given as Record<string, unknown>)) {
    if (out[field] === undefined) throw new InvalidRuleSet(`mU.${field}`, `unknown field (${Object.keys(out).join(', ')})`);
    for (const [level, mu] of Object.entries((levels ?? {}) as Record<string, unknown>)) {
      if (out[field][level] === undefined)
        throw new InvalidRuleSet(`mU.${field}.${level}`, `unknown level (${Object.keys(out[field]).join(', ')})`);
      const { m, u } = (mu ?? {}) as { m?: unknown; u?: unknown };
      const p = (v: unknown, d: number) => (v === undefined ? d : v);
      const next = { m: p(m, out[field][level].m), u: p(u, out[field][level].u) };
      for (const [k, v] of Object.entries(next))
        if (typeof v !== 'number' || !(v > 0 && v <= 1))
          throw new InvalidRuleSet(`mU.${field}.${level}.${k}`, 'must be in (0, 1]');
      out[field][level] = next as { m: number; u: number };
    }
  }
  return out as unknown as MUTable;
}
