import { fieldQualityOf, formatMatchRate, matchRateOf } from './match-rate';

describe('match rate', () => {
  it('reads like the provincial reports', () => {
    expect(formatMatchRate(990_698, 1_051_089, 'land')).toBe('94.25 %: 990,698 of 1,051,089 land parcels');
  });

  it('never rounds up to 100 % while a record is off', () => {
    expect(formatMatchRate(99_999, 100_000, 'insurance')).toBe('99.99 %: 99,999 of 100,000 insurance records');
    expect(formatMatchRate(7, 7, 'business')).toBe('100.00 %: 7 of 7 enterprise records');
  });

  it('is MATCHED over all outcomes, and undefined for nothing', () => {
    expect(matchRateOf({ MATCHED: 3, MISMATCHED: 1 }, 'land')).toEqual({
      matched: 3,
      total: 4,
      rate: 0.75,
      report: '75.00 %: 3 of 4 land parcels',
    });
    expect(matchRateOf({}, 'land').rate).toBeNull();
  });

  it('counts MISSING against completeness and any difference against validity', () => {
    expect(fieldQualityOf({ MISSING: 1, TYPO: 3 }, 10)).toEqual({ completeness: 0.9, validity: 0.6 });
    expect(fieldQualityOf({}, 0)).toEqual({ completeness: null, validity: null });
  });
});
