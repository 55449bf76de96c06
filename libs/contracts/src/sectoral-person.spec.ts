import { BUSINESS_CREATE } from './examples/business';
import { INSURANCE_CREATE, INSURANCE_EXPIRY_UPDATE } from './examples/insurance';
import { LAND_CREATE } from './examples/land';
import { CITIZEN_ID_PATH } from './record-keys';
import { isActive, isSectoral, lookupIdOf, PERSON_FIELD, personOf } from './sectoral-person';
import { SECTORAL_SOURCES, SOURCE_NAMES } from './v1/source-name';

describe('sectoral sources and the person each record names', () => {
  it('lists every source but the population registry, in the order of SOURCE_NAMES', () => {
    expect(SECTORAL_SOURCES).toEqual(SOURCE_NAMES.filter((s) => s !== 'population'));
    expect(SOURCE_NAMES.filter(isSectoral)).toEqual([...SECTORAL_SOURCES]);
  });

  it('reads the holder of a parcel and of an insurance card, the legal representative of a company', () => {
    expect(personOf('land', LAND_CREATE.after!)).toBe(LAND_CREATE.after!.holder);
    expect(personOf('insurance', INSURANCE_CREATE.after!)).toBe(INSURANCE_CREATE.after!.holder);
    expect(personOf('business', BUSINESS_CREATE.after!)).toBe(BUSINESS_CREATE.after!.legalRepresentative);
  });

  it('agrees with the citizen-ID path the event key reads', () => {
    for (const source of SECTORAL_SOURCES) expect(CITIZEN_ID_PATH[source]).toEqual([PERSON_FIELD[source], 'citizenId']);
  });

  it('counts an expired insurance card as no longer in force, every parcel and company as in force', () => {
    expect(isActive('insurance', INSURANCE_CREATE.after!)).toBe(INSURANCE_CREATE.after!.status === 'ACTIVE');
    expect(isActive('insurance', { ...INSURANCE_EXPIRY_UPDATE.after!, status: 'EXPIRED' })).toBe(false);
    expect(isActive('land', LAND_CREATE.after!)).toBe(true);
    expect(isActive('business', BUSINESS_CREATE.after!)).toBe(true);
  });

  it('looks a person up by the trimmed citizen ID, or not at all when none is given', () => {
    const person = LAND_CREATE.after!.holder;
    expect(lookupIdOf({ ...person, citizenId: ` ${person.citizenId} ` })).toBe(person.citizenId);
    expect(lookupIdOf({ ...person, citizenId: '   ' })).toBeNull();
    expect(lookupIdOf({ ...person, citizenId: null })).toBeNull();
  });
});
