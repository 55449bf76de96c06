import { duplicateIdentityOf, type PersonRef } from '@lgsp/contracts';

/**
 * The contract's duplicate identity of a record the generator is still drawing: only the
 * fields named here take part in it, so the rest is left blank. The generator asks the contract
 * rather than re-stating the rule, so that "distinct" here means distinct to the reconciler.
 */
export function parcelIdentity(communeCode: string, areaM2: number, landUse: string): string | null {
  return duplicateIdentityOf('land', {
    parcelId: '',
    communeCode,
    mapSheet: 1,
    parcelNumber: 1,
    areaM2,
    landUse,
    holder: NO_PERSON,
    registeredAt: '',
  });
}

export function enterpriseIdentity(name: string): string | null {
  return duplicateIdentityOf('business', {
    enterpriseCode: '',
    name,
    provinceCode: '',
    legalRepresentative: NO_PERSON,
    registeredAt: '',
  });
}

const NO_PERSON: PersonRef = {
  citizenId: null,
  fullName: null,
  dateOfBirth: null,
  gender: null,
  address: null,
  provinceCode: null,
  communeCode: null,
};
