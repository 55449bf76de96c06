import { Type, type Static } from '@sinclair/typebox';
import { DigitString, IsoDate, Nullable, StringEnum, Text } from '../schema-building';

/**
 * A citizen in the national population database: the registry every other record is
 * reconciled against, so unlike PersonRef its formats are enforced.
 */
export const CitizenRecord = Type.Object(
  {
    citizenId: DigitString(12, { description: '12-digit personal identification number (CCCD)' }),
    legacyId: Nullable(DigitString(9, { description: 'Former 9-digit ID card number (CMND), kept for matching old records' })),
    fullName: Text({ minLength: 1, maxLength: 200 }),
    dateOfBirth: IsoDate(),
    gender: StringEnum(['M', 'F'] as const),
    provinceCode: DigitString(2, { description: 'Province of residence, post-1 July 2025 code' }),
    communeCode: DigitString(5, { description: 'Commune/ward of residence' }),
    address: Text({ maxLength: 500 }),
    status: StringEnum(['ALIVE', 'DECEASED'] as const),
    dateOfDeath: Nullable(IsoDate()),
  },
  { additionalProperties: false, title: 'CitizenRecord' },
);
export type CitizenRecord = Static<typeof CitizenRecord>;
