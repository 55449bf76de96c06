import { dirtRatesFrom, invalidEventRateFrom } from './dirt-options';

describe('--dirt', () => {
  it('takes INVALID_EVENT, the event dirt of live mode, apart from the record dirt kinds', () => {
    expect(invalidEventRateFrom('TYPO=0.05,INVALID_EVENT=0.1')).toBe(0.1);
    expect(dirtRatesFrom(undefined, 'TYPO=0.05,INVALID_EVENT=0.1')).toEqual({ TYPO: 0.05 });
  });

  it('leaves INVALID_EVENT off unless asked for, and refuses a rate outside 0..1 or an unknown kind', () => {
    expect(invalidEventRateFrom(undefined)).toBe(0);
    expect(invalidEventRateFrom('TYPO=0.05')).toBe(0);
    expect(() => invalidEventRateFrom('INVALID_EVENT=2')).toThrow('INVALID_EVENT must be a rate between 0 and 1');
    expect(() => dirtRatesFrom(undefined, 'SMUDGE=0.1')).toThrow(/unknown kind SMUDGE \(one of .*INVALID_EVENT\)/);
  });
});
