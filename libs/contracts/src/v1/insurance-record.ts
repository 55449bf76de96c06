import { Type, type Static } from '@sinclair/typebox';
import { DigitString, IsoDate, StringEnum } from '../schema-building';
import { PersonRef } from './person-ref';

export const InsuranceRecord = Type.Object(
  {
    socialInsuranceNumber: DigitString(10, { description: 'Also the health insurance card code since 2021' }),
    holder: PersonRef,
    cardValidFrom: IsoDate(),
    cardValidTo: IsoDate(),
    status: StringEnum(['ACTIVE', 'EXPIRED'] as const),
  },
  { additionalProperties: false, title: 'InsuranceRecord' },
);
export type InsuranceRecord = Static<typeof InsuranceRecord>;
