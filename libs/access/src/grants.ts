import { isSectoral, personOf, SectoralRecords, SOURCE_NAMES, SourceName } from '@lgsp/contracts';
import { currentProvince, isNewProvinceCode, NEW_PROVINCES } from '@lgsp/domain';

/**
 * The sources and provinces a credential is authorised for. `null` is "no restriction": a credential made before
 * grants existed (or made without `--sources` / `--provinces`) keeps reaching every source or province, as before.
 */
export interface Grants {
  sources: readonly string[] | null;
  provinces: readonly string[] | null;
}

/** What a request would reach: a record of a source, in a province (null when the record names none). */
export interface Reached {
  source: string;
  provinceCode: string | null;
}

/** Whether a credential may reach a record; a refusal names what was refused and what to do, never a record's value. */
export type Reach =
  | { ok: true }
  | { ok: false; refused: 'source'; source: string; detail: string }
  | { ok: false; refused: 'province'; provinceCode: string | null; detail: string };

/**
 * The one rule of who may see or write what, by source and province; the gateway's writes and reads (and anything
 * else scoped to a system's provinces) ask it. The province is compared as a 2025 code: a stale pre-merger code the
 * record carries counts as the province it was merged into, as the pipeline's candidate search reads it.
 */
export function mayReach(grants: Grants, target: Reached): Reach {
  if (grants.sources !== null && !grants.sources.includes(target.source))
    return {
      ok: false,
      refused: 'source',
      source: target.source,
      detail: `this key is not authorised for the source ${target.source} (it is for ${grants.sources.join(', ')}): ask the operator for one that is`,
    };
  if (grants.provinces === null) return { ok: true };
  const province = currentProvince(target.provinceCode);
  if (province === null)
    return {
      ok: false,
      refused: 'province',
      provinceCode: null,
      detail: `the record names no province, and this key is authorised only for provinces ${grants.provinces.join(', ')}: give the person's address province`,
    };
  if (!grants.provinces.includes(province))
    return {
      ok: false,
      refused: 'province',
      provinceCode: province,
      detail: `this key is not authorised for province ${province} (it is for ${grants.provinces.join(', ')}): ask the operator for one that is`,
    };
  return { ok: true };
}

/**
 * The province a submitted record is scoped by: the address province of the person it names (the holder, the insured,
 * the legal representative; a citizen's own for the population feed), as the pipeline reads it from the record. Null
 * when the record names none.
 */
export function provinceOfRecord(source: SourceName, record: Record<string, unknown>): string | null {
  const person = isSectoral(source) ? personOf(source, record as unknown as SectoralRecords[typeof source]) : record;
  const code = (person as { provinceCode?: unknown } | null | undefined)?.provinceCode;
  return typeof code === 'string' ? code : null;
}

/** Whether a credential has a province list: only such a one may read records it did not submit itself. */
export function hasProvinceGrant(grants: Grants): boolean {
  return grants.provinces !== null;
}

/** Checked grants for a new credential: known sources, 2025 province codes, no empty list; duplicates dropped. */
export function checkedGrants(input: { sources?: readonly string[] | null; provinces?: readonly string[] | null }): Grants {
  const list = (values: readonly string[] | null | undefined, what: string, known: (v: string) => boolean, all: string) => {
    if (values === undefined || values === null) return null;
    const trimmed = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
    if (trimmed.length === 0) throw new Error(`an empty list of ${what} would authorise nothing: name at least one (${all})`);
    const unknown = trimmed.filter((v) => !known(v));
    if (unknown.length > 0) throw new Error(`unknown ${what} ${unknown.join(', ')} (known: ${all})`);
    return trimmed.sort();
  };
  return {
    sources: list(input.sources, 'sources', (s) => (SOURCE_NAMES as readonly string[]).includes(s), SOURCE_NAMES.join(', ')),
    provinces: list(
      input.provinces,
      'provinces',
      isNewProvinceCode,
      `2025 codes: ${NEW_PROVINCES.map((p) => p.code).join(', ')}`,
    ),
  };
}
