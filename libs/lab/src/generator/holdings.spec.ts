import { SECOND_ENTERPRISE_SHARE } from './business-source';
import { generateDataset } from './dataset';
import { SectoralItem } from './dataset-item';
import { PARCEL_COUNT_SHARES } from './land-source';
import { collect, identityOfItem, isDuplicate } from './test-support.spec-helper';

/** Distinct (non-duplicate) records of one source, grouped by the citizen they name. */
function holdingsOf(sectoral: readonly { item: SectoralItem }[], kind: SectoralItem['kind']): Map<string, SectoralItem[]> {
  const byCitizen = new Map<string, SectoralItem[]>();
  for (const { item } of sectoral) {
    if (item.kind !== kind || isDuplicate(item)) continue;
    const list = byCitizen.get(item.truth.trueCitizenId) ?? [];
    list.push(item);
    byCitizen.set(item.truth.trueCitizenId, list);
  }
  return byCitizen;
}

const shareWith = (holdings: Map<string, SectoralItem[]>, count: number): number =>
  [...holdings.values()].filter((h) => h.length === count).length / holdings.size;

describe('several parcels and enterprises per person (30k, national)', () => {
  const { sectoral } = collect(generateDataset({ seed: 13, citizens: 30000, province: 'national' }));
  const parcels = holdingsOf(sectoral, 'land');
  const enterprises = holdingsOf(sectoral, 'business');

  it('has holders of 1, 2 and 3 distinct parcels in about the configured shares', () => {
    expect(parcels.size).toBeGreaterThan(5000);
    const most = Math.max(...[...parcels.values()].map((h) => h.length));
    expect(most).toBe(PARCEL_COUNT_SHARES.length);
    PARCEL_COUNT_SHARES.forEach((share, i) => {
      expect(Math.abs(shareWith(parcels, i + 1) - share)).toBeLessThan(0.03);
    });
  });

  it('has representatives of two distinct enterprises in about the configured share', () => {
    expect(enterprises.size).toBeGreaterThan(600);
    expect(Math.max(...[...enterprises.values()].map((h) => h.length))).toBe(2);
    expect(Math.abs(shareWith(enterprises, 2) - SECOND_ENTERPRISE_SHARE)).toBeLessThan(0.04);
  });

  it('gives every distinct parcel or enterprise of one person its own duplicate identity and entity', () => {
    for (const holdings of [parcels, enterprises]) {
      const clashes = [...holdings.values()].filter((h) => {
        const identities = h.map(identityOfItem);
        return (
          identities.includes(null) ||
          new Set(identities).size !== h.length ||
          new Set(h.map((i) => i.truth.entityId)).size !== h.length
        );
      });
      expect(clashes).toEqual([]);
    }
  });

  it("never expects DUPLICATE of a distinct holding, whatever its position among the holder's records", () => {
    const second = [...parcels.values(), ...enterprises.values()].flatMap((h) => h.slice(1));
    expect(second.length).toBeGreaterThan(2000);
    expect(second.filter((i) => i.truth.expectedOutcome === 'DUPLICATE')).toEqual([]);
    const outcomes = new Set(second.map((i) => i.truth.expectedOutcome));
    expect(outcomes.has('MATCHED')).toBe(true);
  });

  it('makes every DUPLICATE the re-registration of an earlier record of the same citizen and identity, named by the current ID', () => {
    let checked = 0;
    sectoral.forEach(({ item }, i) => {
      if (!isDuplicate(item)) return;
      const identity = identityOfItem(item);
      const original = sectoral
        .slice(0, i)
        .map((s) => s.item)
        .find(
          (o) => o.kind === item.kind && o.truth.trueCitizenId === item.truth.trueCitizenId && identityOfItem(o) === identity,
        );
      expect(identity).not.toBeNull();
      expect(original).toBeDefined();
      expect(isDuplicate(original!)).toBe(false);
      // The primary is the record naming the current ID, whatever the order: the original must.
      expect(original!.truth.corruptions.some((c) => c.field === 'citizenId')).toBe(false);
      checked++;
    });
    expect(checked).toBeGreaterThan(150);
  });

  it('keeps a copied expired insurance card, and expects no DUPLICATE of it (an expired card is history)', () => {
    const insurance = sectoral.map((s) => s.item).filter((i) => i.kind === 'insurance');
    const cardsOf = new Map<string, SectoralItem[]>();
    for (const i of insurance) cardsOf.set(i.truth.trueCitizenId, [...(cardsOf.get(i.truth.trueCitizenId) ?? []), i]);
    const expiredPairs = [...cardsOf.values()].filter(
      (cards) => cards.length === 2 && cards.every((c) => c.kind === 'insurance' && c.record.status === 'EXPIRED'),
    );
    expect(expiredPairs.length).toBeGreaterThan(5);
    expect(expiredPairs.flat().filter((c) => c.truth.expectedOutcome === 'DUPLICATE')).toEqual([]);
    expect(insurance.filter((i) => isDuplicate(i) && i.kind === 'insurance' && i.record.status !== 'ACTIVE')).toEqual([]);
  });
});
