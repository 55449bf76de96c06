import { idConsistency, isValidEnterpriseCode, parseCitizenId } from '@lgsp/domain';
import { SOURCE_NAMES } from '../v1/source-name';
import { BUSINESS_EXAMPLES } from './business';
import { LE_HOANG_ANH, NGUYEN_VAN_HUNG, PHAM_THI_THUY_HANG, TRAN_THI_MAI } from './citizens';
import { EXAMPLE_EVENTS } from './index';

// Examples are read by integrators as the reference: they must obey the domain rules too.
describe('example data', () => {
  it.each([NGUYEN_VAN_HUNG, TRAN_THI_MAI, LE_HOANG_ANH, PHAM_THI_THUY_HANG].map((c) => [c.fullName, c] as const))(
    '%s has a citizen ID consistent with gender and birth year',
    (_name, citizen) => {
      const parsed = parseCitizenId(citizen.citizenId);
      if (!parsed.ok) throw new Error(parsed.problem);
      expect(idConsistency(parsed, { gender: citizen.gender, birthYear: Number(citizen.dateOfBirth.slice(0, 4)) })).toEqual({
        genderAgrees: true,
        birthYearAgrees: true,
      });
    },
  );

  it('uses enterprise codes with a valid tax-code check digit', () => {
    for (const { after, before } of BUSINESS_EXAMPLES) {
      expect(isValidEnterpriseCode((after ?? before)!.enterpriseCode)).toBe(true);
    }
  });

  it('has at least one example per source and unique event ids', () => {
    const all = SOURCE_NAMES.flatMap((source): readonly { eventId: string }[] => EXAMPLE_EVENTS[source]);
    for (const source of SOURCE_NAMES) expect(EXAMPLE_EVENTS[source].length).toBeGreaterThan(0);
    expect(new Set(all.map((event) => event.eventId)).size).toBe(all.length);
  });
});
