import { personOf, type CitizenRecord, type PersonRef } from '@lgsp/contracts';
import { oldCommuneByCode, parseCitizenId, staleAddressOf } from '@lgsp/domain';
import { generateDataset } from './dataset';
import { SectoralItem } from './dataset-item';
import { DEFAULT_DIRT_RATES, DIRT_KINDS, DirtKind } from './dirt-kinds';
import { Corruption, expectedOutcomeOf, summariseGroundTruth } from './ground-truth';
import { foldDiacritics, swapTonePlacement } from './text-dirt';
import { collect } from './test-support.spec-helper';

const holderOf = (item: SectoralItem): PersonRef => personOf(item.kind, item.record);

const kinds = (cs: readonly Corruption[]) => new Set(cs.map((c) => c.kind));

/**
 * Whether a recorded address is a pre-2025 form of the citizen's commune, as the conversion table has it: an old
 * commune whose people went (all or some) to the citizen's commune, with its district, old province and their codes;
 * or, for a special zone made of a whole district, that district and its old province.
 */
function isStaleFormOf(h: PersonRef, citizen: CitizenRecord): boolean {
  if (h.communeCode === null) return h.address?.split(', ').length === 2 && /^Huyện /.test(h.address);
  const old = oldCommuneByCode(h.communeCode);
  return (
    old !== undefined &&
    old.residentsTo.includes(citizen.communeCode as never) &&
    h.address === staleAddressOf(old) &&
    h.provinceCode === old.district.oldProvinceCode
  );
}

/** Why a record disagrees with what its truth claims, or null when it agrees. */
function disagreement(item: SectoralItem, citizen: CitizenRecord, registryIds: Set<string>): string | null {
  const h = holderOf(item);
  const t = item.truth;
  const k = kinds(t.corruptions);
  if (t.trueCitizenId !== citizen.citizenId) return 'trueCitizenId';
  if (t.expectedOutcome !== expectedOutcomeOf(t.corruptions)) return 'outcome';
  if (k.has('DECEASED_ACTIVE') !== (citizen.status === 'DECEASED')) return 'DECEASED_ACTIVE';
  if (item.kind === 'insurance' && citizen.status === 'DECEASED' && item.record.status !== 'ACTIVE') return 'deceased card';

  // citizenId
  if (k.has('LEGACY_ID')) {
    if (h.citizenId !== citizen.legacyId || citizen.legacyId === null) return 'LEGACY_ID';
  } else if (k.has('UNKNOWN_ID')) {
    const p = h.citizenId === null ? null : parseCitizenId(h.citizenId);
    if (!p?.ok || registryIds.has(h.citizenId as string)) return 'UNKNOWN_ID in registry or malformed';
    if (p.gender !== citizen.gender || p.birthYear !== Number(citizen.dateOfBirth.slice(0, 4))) return 'UNKNOWN_ID inconsistent';
  } else if (k.has('INVALID_ID_STRUCTURE')) {
    const p = h.citizenId === null ? null : parseCitizenId(h.citizenId);
    const contradicts = p?.ok && (p.gender !== h.gender || p.birthYear !== Number(h.dateOfBirth?.slice(0, 4)));
    if (p?.ok && !contradicts) return 'INVALID_ID_STRUCTURE is valid';
  } else if (h.citizenId !== citizen.citizenId) return 'citizenId changed';

  // fullName
  const name = h.fullName;
  const reg = citizen.fullName;
  const missing = t.corruptions.find((c) => c.kind === 'MISSING_FIELD')?.field;
  if (missing === 'fullName') {
    if (name !== null) return 'MISSING fullName';
  } else if (k.has('MISSING_DIACRITICS')) {
    if (name !== foldDiacritics(reg) || name === reg) return 'MISSING_DIACRITICS';
  } else if (k.has('UNICODE_NFD')) {
    if (name !== reg.normalize('NFD') || name === reg) return 'UNICODE_NFD';
  } else if (k.has('TONE_PLACEMENT')) {
    if (
      name !==
        reg
          .split(' ')
          .map((w) => swapTonePlacement(w) ?? w)
          .join(' ') ||
      name === reg
    )
      return 'TONE_PLACEMENT';
  } else if (k.has('D_STROKE')) {
    if (name !== reg.replace(/Đ/g, 'D').replace(/đ/g, 'd') || name === reg) return 'D_STROKE';
  } else if (k.has('CASE_SPACING')) {
    if (name === reg || name?.trim().replace(/\s+/g, ' ').toUpperCase() !== reg.toUpperCase()) return 'CASE_SPACING';
  } else if (k.has('NAMES_TRANSPOSED')) {
    const parts = reg.split(' ');
    if (name !== [parts[parts.length - 1], ...parts.slice(0, -1)].join(' ')) return 'NAMES_TRANSPOSED';
  } else if (k.has('SURNAME_SPLIT')) {
    const [first, second, ...rest] = (name ?? '').split(' ');
    if (name === reg || `${first}${second} ${rest.join(' ')}`.trim() !== reg || first === '' || second === '')
      return 'SURNAME_SPLIT';
  } else if (k.has('TYPO')) {
    if (name === null || name.length !== reg.length) return 'TYPO length';
    const diff = [...name].map((ch, i) => (ch === reg[i] ? -1 : i)).filter((i) => i >= 0);
    const substitution = diff.length === 1;
    const transposition =
      diff.length === 2 && diff[1] === diff[0] + 1 && name[diff[0]] === reg[diff[1]] && name[diff[1]] === reg[diff[0]];
    if (!substitution && !transposition) return 'TYPO shape';
    if (foldDiacritics(name).toLowerCase() === foldDiacritics(reg).toLowerCase()) return 'TYPO folds away';
  } else if (name !== reg) return 'fullName changed';

  // dateOfBirth
  const [y, m, d] = citizen.dateOfBirth.split('-');
  if (missing === 'dateOfBirth') {
    if (h.dateOfBirth !== null) return 'MISSING dateOfBirth';
  } else if (k.has('DAY_MONTH_SWAP')) {
    if (h.dateOfBirth !== `${y}-${d}-${m}` || d === m || Number(d) > 12) return 'DAY_MONTH_SWAP';
  } else if (k.has('WRONG_BIRTH_YEAR')) {
    const [y2, m2, d2] = (h.dateOfBirth ?? '').split('-');
    if (y2 === y || m2 !== m || (d2 !== d && !(m === '02' && d === '29' && d2 === '28'))) return 'WRONG_BIRTH_YEAR';
  } else if (k.has('IMPOSSIBLE_DOB')) {
    const [y2, m2, d2] = (h.dateOfBirth ?? '').split('-');
    const lastDay = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
    if (y2 !== y || m2 !== m || !(Number(d2) > lastDay)) return 'IMPOSSIBLE_DOB';
  } else if (h.dateOfBirth !== citizen.dateOfBirth) return 'dateOfBirth changed';

  // gender
  if (missing === 'gender') {
    if (h.gender !== null) return 'MISSING gender';
  } else if (k.has('WRONG_GENDER')) {
    if (h.gender === citizen.gender) return 'WRONG_GENDER';
  } else if (h.gender !== citizen.gender) return 'gender changed';

  // address
  if (missing === 'address') {
    if (h.address !== null) return 'MISSING address';
  } else if (k.has('STALE_ADDRESS')) {
    if (h.address === citizen.address || !isStaleFormOf(h, citizen)) return 'STALE_ADDRESS';
  } else if (k.has('MISSPELT_PROVINCE')) {
    const cut = (a: string | null) => (a ?? '').slice(0, (a ?? '').lastIndexOf(', '));
    if (h.address === citizen.address || cut(h.address) !== cut(citizen.address)) return 'MISSPELT_PROVINCE';
    if (foldDiacritics(h.address!).toLowerCase() === foldDiacritics(citizen.address).toLowerCase())
      return 'MISSPELT_PROVINCE folds away';
  } else if (h.address !== citizen.address) return 'address changed';
  if (k.has('MISSING_PROVINCE')) {
    if (h.provinceCode !== null || h.communeCode !== null) return 'MISSING_PROVINCE';
  } else if (!k.has('STALE_ADDRESS') && (h.provinceCode !== citizen.provinceCode || h.communeCode !== citizen.communeCode)) {
    return 'province or commune changed';
  }
  return null;
}

describe('ground truth', () => {
  const { citizens, sectoral } = collect(generateDataset({ seed: 99, citizens: 30000, province: 'national' }));
  const registryIds = new Set(citizens.map((c) => c.citizenId));

  it('agrees with every record it describes', () => {
    const problems = new Map<string, number>();
    for (const { item, citizen } of sectoral) {
      const why = disagreement(item, citizen, registryIds);
      if (why !== null) problems.set(why, (problems.get(why) ?? 0) + 1);
    }
    expect(Object.fromEntries(problems)).toEqual({});
  });

  it('marks the later copy of a record as the DUPLICATE, whose original has an intact ID', () => {
    let checked = 0;
    for (let i = 0; i < sectoral.length; i++) {
      const { item } = sectoral[i];
      if (!kinds(item.truth.corruptions).has('DUPLICATE')) continue;
      const before = sectoral[i - 1].item;
      expect(before.kind).toBe(item.kind);
      expect(before.truth.trueCitizenId).toBe(item.truth.trueCitizenId);
      expect(kinds(before.truth.corruptions).has('DUPLICATE')).toBe(false);
      expect(before.truth.corruptions.some((c) => c.field === 'citizenId')).toBe(false);
      if (item.kind === 'land' && before.kind === 'land') {
        expect([item.record.communeCode, item.record.areaM2, item.record.landUse]).toEqual([
          before.record.communeCode,
          before.record.areaM2,
          before.record.landUse,
        ]);
      }
      if (item.kind === 'business' && before.kind === 'business') expect(item.record.name).toBe(before.record.name);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('injects each kind of dirt at close to its configured rate', () => {
    const n = sectoral.length;
    const applicable: Record<DirtKind, number> = Object.fromEntries(DIRT_KINDS.map((k) => [k, 0])) as Record<DirtKind, number>;
    for (const { item, citizen } of sectoral) {
      const stale = item.truth.corruptions.some((c) => c.kind === 'STALE_ADDRESS');
      const name = citizen.fullName;
      const [, m, d] = citizen.dateOfBirth.split('-');
      if (foldDiacritics(name) !== name) applicable.MISSING_DIACRITICS++;
      if (name.normalize('NFD') !== name) applicable.UNICODE_NFD++;
      if (name.split(' ').some((w) => swapTonePlacement(w) !== null)) applicable.TONE_PLACEMENT++;
      if (/[Đđ]/.test(name)) applicable.D_STROKE++;
      applicable.CASE_SPACING++;
      applicable.TYPO++;
      applicable.NAMES_TRANSPOSED++;
      applicable.SURNAME_SPLIT++;
      // Dates and genders are drawn whatever the ID (an invalid ID's contradicted field aside: a few records).
      if (Number(d) <= 12 && d !== m) applicable.DAY_MONTH_SWAP++;
      applicable.WRONG_BIRTH_YEAR++;
      applicable.IMPOSSIBLE_DOB++;
      applicable.WRONG_GENDER++;
      applicable.STALE_ADDRESS++;
      if (!stale) applicable.MISSING_PROVINCE++;
      if (!stale) applicable.MISSPELT_PROVINCE++;
      applicable.MISSING_FIELD++;
      if (citizen.legacyId !== null) applicable.LEGACY_ID++;
      applicable.UNKNOWN_ID++;
      applicable.INVALID_ID_STRUCTURE++;
    }
    const summary = summariseGroundTruth(sectoral.map((s) => s.item.truth));
    const off: string[] = [];
    for (const kind of DIRT_KINDS) {
      if (kind === 'DUPLICATE' || kind === 'DECEASED_ACTIVE') continue;
      const expected = DEFAULT_DIRT_RATES[kind] * applicable[kind];
      const tolerance = 4 * Math.sqrt(expected) + 0.1 * expected;
      if (Math.abs(summary.byKind[kind] - expected) > tolerance)
        off.push(`${kind}: ${summary.byKind[kind]} vs ${expected.toFixed(0)}`);
    }
    expect(off).toEqual([]);
    const duplicates = summary.byKind.DUPLICATE / (n - summary.byKind.DUPLICATE);
    expect(Math.abs(duplicates - DEFAULT_DIRT_RATES.DUPLICATE)).toBeLessThan(0.003);
    const deceased = summary.byKind.DECEASED_ACTIVE / n;
    expect(deceased).toBeGreaterThan(DEFAULT_DIRT_RATES.DECEASED_ACTIVE * 0.5);
    expect(deceased).toBeLessThan(DEFAULT_DIRT_RATES.DECEASED_ACTIVE * 2);
    expect(summary.dirtyRecords / n).toBeGreaterThan(0.2);
    expect(summary.dirtyRecords / n).toBeLessThan(0.3);
  });

  it('combines the kinds of different fields, a wrong ID with a broken date or name among them', () => {
    const combos = new Set<string>();
    for (const { item } of sectoral) {
      const ks = kinds(item.truth.corruptions);
      const wrongId = ks.has('UNKNOWN_ID') || ks.has('INVALID_ID_STRUCTURE');
      const missingDob = item.truth.corruptions.some((c) => c.kind === 'MISSING_FIELD' && c.field === 'dateOfBirth');
      if (wrongId && (missingDob || ks.has('IMPOSSIBLE_DOB'))) combos.add('wrong ID + no date');
      if (wrongId && ks.has('WRONG_BIRTH_YEAR')) combos.add('wrong ID + birth year');
      if (wrongId && ks.has('NAMES_TRANSPOSED')) combos.add('wrong ID + transposed');
      if (wrongId && ks.has('MISSING_PROVINCE')) combos.add('wrong ID + no province');
      if ((missingDob || ks.has('IMPOSSIBLE_DOB')) && (ks.has('TYPO') || ks.has('SURNAME_SPLIT') || ks.has('NAMES_TRANSPOSED')))
        combos.add('no date + broken name');
    }
    expect([...combos].sort()).toEqual([
      'no date + broken name',
      'wrong ID + birth year',
      'wrong ID + no date',
      'wrong ID + no province',
      'wrong ID + transposed',
    ]);
  });

  it('honours configured rates', () => {
    const ds = generateDataset({ seed: 5, citizens: 5000, province: '01', dirt: { STALE_ADDRESS: 0.3, TYPO: 0.2 } });
    const s = summariseGroundTruth(ds.groundTruth());
    expect(s.byKind.STALE_ADDRESS / s.records).toBeGreaterThan(0.27);
    expect(s.byKind.STALE_ADDRESS / s.records).toBeLessThan(0.33);
    expect(s.byKind.TYPO / s.records).toBeGreaterThan(0.17);
    expect(s.byKind.TYPO / s.records).toBeLessThan(0.23);
  });

  it('produces only clean, MATCHED records when every rate is zero', () => {
    const zero = Object.fromEntries(DIRT_KINDS.map((k) => [k, 0]));
    const { sectoral: clean } = collect(generateDataset({ seed: 5, citizens: 5000, province: '37', dirt: zero }));
    const s = summariseGroundTruth(clean.map((x) => x.item.truth));
    expect(s.records).toBeGreaterThan(4000);
    expect(s.dirtyRecords).toBe(0);
    expect(s.byOutcome.MATCHED).toBe(s.records);
    for (const { item, citizen } of clean) {
      const h = holderOf(item);
      expect([h.citizenId, h.fullName, h.dateOfBirth, h.gender, h.address]).toEqual([
        citizen.citizenId,
        citizen.fullName,
        citizen.dateOfBirth,
        citizen.gender,
        citizen.address,
      ]);
    }
  });
});

describe('expectedOutcomeOf precedence', () => {
  const c = (kind: DirtKind, field: Corruption['field'] = 'record'): Corruption => ({ field, kind });
  it.each<[DirtKind[], string]>([
    [[], 'MATCHED'],
    [['UNICODE_NFD'], 'MISMATCHED'],
    [['TYPO', 'DAY_MONTH_SWAP'], 'MISMATCHED'],
    [['TYPO', 'DUPLICATE'], 'DUPLICATE'],
    [['DUPLICATE', 'DECEASED_ACTIVE'], 'DECEASED'],
    [['LEGACY_ID', 'DECEASED_ACTIVE'], 'LEGACY_ID'],
    [['UNKNOWN_ID', 'LEGACY_ID'], 'NOT_FOUND'],
    [['INVALID_ID_STRUCTURE', 'UNKNOWN_ID', 'DECEASED_ACTIVE'], 'INVALID_ID'],
    // An unknown ID's digits say the true year and gender: a wrong one on the record contradicts them.
    [['UNKNOWN_ID', 'WRONG_BIRTH_YEAR'], 'INVALID_ID'],
    [['UNKNOWN_ID', 'WRONG_GENDER', 'TYPO'], 'INVALID_ID'],
    [['UNKNOWN_ID', 'IMPOSSIBLE_DOB', 'TYPO'], 'NOT_FOUND'],
    [['LEGACY_ID', 'WRONG_BIRTH_YEAR'], 'LEGACY_ID'],
    [['MISSING_PROVINCE'], 'MATCHED'],
    [['MISSING_PROVINCE', 'SURNAME_SPLIT'], 'MISMATCHED'],
  ])('%j -> %s', (ks, outcome) => {
    expect(expectedOutcomeOf(ks.map((k) => c(k)))).toBe(outcome);
  });
});
