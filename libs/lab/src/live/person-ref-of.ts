import type { CitizenRecord, PersonRef } from '@lgsp/contracts';

/** A person exactly as the registry has them: how a new sectoral record made today names them. */
export function personRefOf(citizen: CitizenRecord): PersonRef {
  return {
    citizenId: citizen.citizenId,
    fullName: citizen.fullName,
    dateOfBirth: citizen.dateOfBirth,
    gender: citizen.gender,
    address: citizen.address,
    provinceCode: citizen.provinceCode,
    communeCode: citizen.communeCode,
  };
}
