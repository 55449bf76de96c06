import { generateDataset } from '../generator';
import { BROKEN_FIELD_KINDS, blockingRecall, CURRENT_KEYS, DOB_KEYS_ONLY } from './blocking-recall';

describe('blocking recall per broken field', () => {
  const registry = [...generateDataset({ seed: 7, citizens: 1500, province: '66' }).citizens()];

  it('finds the true citizen with no intact date of birth, where the date-of-birth keys alone cannot', () => {
    const before = blockingRecall(registry, DOB_KEYS_ONLY, 40);
    const after = blockingRecall(registry, CURRENT_KEYS, 40);
    expect(before.MISSING_DOB.blocked).toBe(0);
    expect(before.IMPOSSIBLE_DOB.blocked).toBe(0);
    expect(before.BIRTH_YEAR_PLUS_ONE.blocked).toBe(0);
    for (const kind of BROKEN_FIELD_KINDS) {
      expect(after[kind].records).toBeGreaterThan(50);
      expect(after[kind].blocked).toBeGreaterThanOrEqual(before[kind].blocked);
      // A joined family name is the weakest: it meets only under the joined-name key, capped per key.
      expect(after[kind].blocked / after[kind].records).toBeGreaterThan(kind === 'FAMILY_NAME_SPLIT' ? 0.97 : 0.99);
    }
  });
});
