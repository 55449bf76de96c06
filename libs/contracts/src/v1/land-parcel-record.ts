import { Type, type Static } from '@sinclair/typebox';
import { DigitString, IsoDate } from '../schema-building';
import { PersonRef } from './person-ref';

export const LandParcelRecord = Type.Object(
  {
    parcelId: Type.String({
      pattern: '^[0-9]{5}\\.[0-9]+\\.[0-9]+$',
      description: 'communeCode.mapSheet.parcelNumber, e.g. "07954.1.2"',
    }),
    communeCode: DigitString(5),
    mapSheet: Type.Integer({ minimum: 1 }),
    parcelNumber: Type.Integer({ minimum: 1 }),
    areaM2: Type.Number({ exclusiveMinimum: 0 }),
    landUse: Type.String({ pattern: '^[A-Z]{3}$', description: 'Land-use code, e.g. ODT, ONT, CLN, LUC' }),
    holder: PersonRef,
    registeredAt: IsoDate(),
  },
  { additionalProperties: false, title: 'LandParcelRecord' },
);
export type LandParcelRecord = Static<typeof LandParcelRecord>;
