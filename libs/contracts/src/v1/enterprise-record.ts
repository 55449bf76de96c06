import { Type, type Static } from '@sinclair/typebox';
import { DigitString, IsoDate, Text } from '../schema-building';
import { PersonRef } from './person-ref';

/**
 * The tax-code check digit is deliberately not enforced here: a wrong one is a data
 * quality finding for the reconciler, not a malformed message.
 */
export const EnterpriseRecord = Type.Object(
  {
    enterpriseCode: Type.String({
      pattern: '^[0-9]{10}(-[0-9]{3})?$',
      description: '10-digit tax code, branches add "-NNN"',
    }),
    name: Text({ minLength: 1, maxLength: 500 }),
    provinceCode: DigitString(2),
    legalRepresentative: PersonRef,
    registeredAt: IsoDate(),
  },
  { additionalProperties: false, title: 'EnterpriseRecord' },
);
export type EnterpriseRecord = Static<typeof EnterpriseRecord>;
