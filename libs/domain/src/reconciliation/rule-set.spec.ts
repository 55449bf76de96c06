import { DEFAULT_M_U } from '../matching/m-u';
import { BUILT_IN_RULE_SET, InvalidRuleSet, priorOf, ruleSetFrom } from './rule-set';
import { RULE_VERSION } from './rule-version';

describe('rule sets', () => {
  it('the built-in set is the constants the pipeline decided with, under RULE_VERSION', () => {
    expect(BUILT_IN_RULE_SET).toMatchObject({ version: RULE_VERSION, mU: DEFAULT_M_U, candidatesKept: 3, candidatesPerKey: 40 });
    expect(BUILT_IN_RULE_SET.blockingKeys).toEqual([
      'FAMILY_YEAR',
      'GIVEN_DOB',
      'DOB_PROVINCE',
      'NAMES_PROVINCE',
      'JOINED_NAME_PROVINCE',
    ]);
    expect(BUILT_IN_RULE_SET.ignoredNameKinds).toEqual([]);
  });

  it('a file gives what it changes; the rest, m/u levels included, comes from the built-in set', () => {
    const r = ruleSetFrom({ name: 'try', version: 'v2', mU: { name: { SIMILAR: { u: 0.02 } } }, blockingKeys: ['GIVEN_DOB'] });
    expect(r.mU.name.SIMILAR).toEqual({ m: DEFAULT_M_U.name.SIMILAR.m, u: 0.02 });
    expect(r.mU.dateOfBirth).toEqual(DEFAULT_M_U.dateOfBirth);
    expect(r.blockingKeys).toEqual(['GIVEN_DOB']);
    expect(r.nameSimilarJw).toBe(BUILT_IN_RULE_SET.nameSimilarJw);
    // The built-in table is not changed by a candidate's.
    expect(DEFAULT_M_U.name.SIMILAR.u).toBe(0.05);
  });

  it('the prior follows the registry size unless a file fixes it; the link threshold may be turned off', () => {
    expect(BUILT_IN_RULE_SET.priorMatchProbability).toBeNull();
    expect(priorOf(BUILT_IN_RULE_SET, 5_000)).toBe(1 / 5_000);
    expect(priorOf(BUILT_IN_RULE_SET, 0)).toBe(1 / 2);
    const fixed = ruleSetFrom({ name: 'x', version: 'v2', priorMatchProbability: 1e-6, linkThreshold: null });
    expect(priorOf(fixed, 5_000)).toBe(1e-6);
    expect(fixed.linkThreshold).toBeNull();
    expect(ruleSetFrom({ name: 'x', version: 'v2' }).linkThreshold).toBe(BUILT_IN_RULE_SET.linkThreshold);
  });

  it.each([
    [{ name: 'x', version: 'v2', linkThreshold: 0 }, 'linkThreshold'],
    [{ name: 'x', version: 'v2', priorMatchProbability: 1 }, 'priorMatchProbability'],
    [{ version: 'v2' }, 'name'],
    [{ name: 'x', version: RULE_VERSION }, 'version'],
    [{ name: 'x', version: 'v2', threshold: 1 }, 'threshold'],
    [{ name: 'x', version: 'v2', mU: { name: { NEAR: { m: 0.1 } } } }, 'mU.name.NEAR'],
    [{ name: 'x', version: 'v2', mU: { id: { EXACT: { u: 0 } } } }, 'mU.id.EXACT.u'],
    [{ name: 'x', version: 'v2', ignoredNameKinds: ['EXACT'] }, 'ignoredNameKinds'],
    [{ name: 'x', version: 'v2', candidatesKept: 2.5 }, 'candidatesKept'],
  ])('refuses %j naming %s', (json, field) => {
    expect(() => ruleSetFrom(json)).toThrow(InvalidRuleSet);
    expect(() => ruleSetFrom(json)).toThrow(new RegExp(`^${field.replace(/\./g, '\\.')}:`));
  });
});
