import { enterpriseCheckDigit, isValidEnterpriseCode } from './tax-code';

describe('enterprise (tax) code', () => {
  it('computes the weighted mod-11 check digit', () => {
    // 0100109106 (a Hà Nội enterprise): 0*31+1*29+0+0+1*17+0+9*7+1*5+0*3 = 114; 114 mod 11 = 4; 10-4 = 6
    expect(enterpriseCheckDigit('010010910')).toBe(6);
    expect(isValidEnterpriseCode('0100109106')).toBe(true);
    expect(isValidEnterpriseCode('0100109107')).toBe(false);
  });

  it('accepts branch suffixes but not malformed codes', () => {
    expect(isValidEnterpriseCode('0100109106-001')).toBe(true);
    expect(isValidEnterpriseCode('0100109106-000')).toBe(false);
    expect(isValidEnterpriseCode('010010910')).toBe(false);
    expect(isValidEnterpriseCode('01001091066')).toBe(false);
    expect(isValidEnterpriseCode('01001091a6')).toBe(false);
  });

  it('never issues prefixes whose check would be 10', () => {
    // sum = 1*29 + 3*5 ... find one by search and confirm it has no valid completion
    let found: string | null = null;
    for (let n = 0; n < 1000 && !found; n++) {
      const prefix = `01${String(n).padStart(7, '0')}`;
      if (enterpriseCheckDigit(prefix) === null) found = prefix;
    }
    expect(found).not.toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidEnterpriseCode(`${found}${d}`)).toBe(false);
  });

  it('about one prefix in eleven is unusable', () => {
    let unusable = 0;
    for (let n = 0; n < 11000; n++) if (enterpriseCheckDigit(`66${String(n).padStart(7, '0')}`) === null) unusable++;
    expect(unusable / 11000).toBeGreaterThan(0.07);
    expect(unusable / 11000).toBeLessThan(0.11);
  });
});
