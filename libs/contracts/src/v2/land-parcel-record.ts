import { Type, type Static } from '@sinclair/typebox';
import { LandParcelRecord as LandParcelRecordV1 } from '../v1/land-parcel-record';
import { PersonRef } from '../v1/person-ref';
import { Text } from '../schema-building';

/**
 * Version 2 of the land record: only optional additions, so every v1 record is a
 * valid v2 record (checked by the compatibility spec).
 */
export const LandParcelRecord = Type.Object(
  {
    ...LandParcelRecordV1.properties,
    landUseLabel: Type.Optional(
      Text({ maxLength: 200, description: 'Human-readable land use, e.g. "Đất ở tại đô thị" for ODT' }),
    ),
    holders: Type.Optional(
      Type.Array(PersonRef, {
        maxItems: 50,
        description: 'Co-owners of a jointly held parcel; `holder` stays the primary holder',
      }),
    ),
  },
  { additionalProperties: false, title: 'LandParcelRecord (v2)' },
);
export type LandParcelRecord = Static<typeof LandParcelRecord>;
