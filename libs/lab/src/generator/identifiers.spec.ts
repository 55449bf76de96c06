import { CitizenRecord } from '@lgsp/contracts';
import {
  asOldProvinceCode,
  communeByCode,
  idConsistency,
  isValidEnterpriseCode,
  newProvinceOfOld,
  parseCitizenId,
} from '@lgsp/domain';
import { generateDataset } from './dataset';
import { collect, identityOfItem, isDuplicate } from './test-support.spec-helper';

function expectUnique(values: string[]): void {
  expect(new Set(values).size).toBe(values.length);
}

describe.each(['66', 'national'])('identifiers in a 20k sample (%s)', (province) => {
  const { citizens, sectoral } = collect(generateDataset({ seed: 7, citizens: 20000, province }));

  it('citizen IDs are valid and agree with gender and birth year', () => {
    const bad = citizens.filter((c) => {
      const parsed = parseCitizenId(c.citizenId);
      if (!parsed.ok) return true;
      const consistency = idConsistency(parsed, { gender: c.gender, birthYear: Number(c.dateOfBirth.slice(0, 4)) });
      return !consistency.genderAgrees || !consistency.birthYearAgrees;
    });
    expect(bad).toHaveLength(0);
  });

  it('citizen IDs, legacy IDs, insurance numbers, parcel IDs and tax codes are unique', () => {
    expectUnique(citizens.map((c) => c.citizenId));
    const legacy = citizens.flatMap((c) => (c.legacyId === null ? [] : [c.legacyId]));
    expect(legacy.length).toBeGreaterThan(1000);
    expect(legacy.every((l) => /^\d{9}$/.test(l))).toBe(true);
    expectUnique(legacy);
    const ids = (kind: string) => sectoral.filter((s) => s.item.kind === kind).map((s) => s.item.truth.entityId);
    expectUnique(ids('insurance'));
    expect(ids('insurance').every((n) => /^\d{10}$/.test(n))).toBe(true);
    expectUnique(ids('land'));
    expectUnique(ids('business'));
    expect(ids('business').filter((code) => !isValidEnterpriseCode(code))).toEqual([]);
  });

  it('registry records are well formed and consistent with the geography', () => {
    const problems = citizens.flatMap((c) => {
      const commune = communeByCode(c.communeCode);
      const checks: [string, boolean][] = [
        ['nfc', c.fullName === c.fullName.normalize('NFC')],
        ['dob', /^\d{4}-\d{2}-\d{2}$/.test(c.dateOfBirth) && c.dateOfBirth < '2025-07-01'],
        ['commune', commune?.provinceCode === c.provinceCode],
        ['address', c.address.startsWith(`${commune?.name}, `)],
        ['status', (c.status === 'DECEASED') === (c.dateOfDeath !== null)],
        ['death', c.dateOfDeath === null || c.dateOfDeath > c.dateOfBirth],
        ['legacy', c.legacyId === null || Number(c.dateOfBirth.slice(0, 4)) < 1995],
      ];
      return checks.filter(([, ok]) => !ok).map(([name]) => name);
    });
    expect(problems).toEqual([]);
    const deceased = citizens.filter((c) => c.status === 'DECEASED').length / citizens.length;
    expect(deceased).toBeGreaterThan(0.006);
    expect(deceased).toBeLessThan(0.014);
  });

  it('most IDs were registered in an old province that merged into the residence province', () => {
    const local = citizens.filter(
      (c: CitizenRecord) => newProvinceOfOld(asOldProvinceCode(c.citizenId.slice(1, 3))) === c.provinceCode,
    ).length;
    expect(local / citizens.length).toBeGreaterThan(0.8);
    expect(local / citizens.length).toBeLessThan(0.97);
  });

  it('land parcels are keyed by their commune, sheet and number', () => {
    const bad = sectoral.filter(({ item }) => {
      if (item.kind !== 'land') return false;
      const r = item.record;
      return (
        r.parcelId !== `${r.communeCode}.${r.mapSheet}.${r.parcelNumber}` ||
        !(r.areaM2 > 0) ||
        Math.round(r.areaM2 * 100) / 100 !== r.areaM2 ||
        communeByCode(r.communeCode) === undefined
      );
    });
    expect(bad).toHaveLength(0);
  });

  it('names a citizen at most once per source and duplicate identity, apart from injected duplicates', () => {
    // Every DUPLICATE repeats the (identity, citizen) of an earlier record; no other record does.
    const seen = new Set<string>();
    const wrong = sectoral.filter(({ item }) => {
      const identity = identityOfItem(item);
      if (identity === null) return isDuplicate(item);
      const key = `${item.kind}:${item.truth.trueCitizenId}:${identity}`;
      const repeat = seen.has(key);
      seen.add(key);
      return repeat !== isDuplicate(item);
    });
    expect(wrong).toHaveLength(0);
  });
});
