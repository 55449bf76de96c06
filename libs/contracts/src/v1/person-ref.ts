import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum, Text } from '../schema-building';

/**
 * A person as a sectoral source recorded them. Every field may be missing (null) or
 * dirty: 9-digit legacy IDs, NFD or unaccented names, DD/MM/YYYY dates, stale
 * pre-2025 addresses. Those are exactly what the reconciler has to find, so the
 * schema checks shape and size only; rejecting them here would hide them in the
 * dead-letter topic instead of reporting them as mismatches.
 */
export const PersonRef = Type.Object(
  {
    citizenId: Nullable(
      Text({ maxLength: 32, description: 'As recorded: usually 12 digits, may be a 9-digit legacy ID or dirty' }),
    ),
    fullName: Nullable(Text({ maxLength: 200, description: 'As recorded, any Unicode normalisation' })),
    dateOfBirth: Nullable(Text({ maxLength: 32, description: 'As recorded: usually YYYY-MM-DD, may be DD/MM/YYYY etc.' })),
    gender: Nullable(StringEnum(['M', 'F'] as const)),
    address: Nullable(Text({ maxLength: 500 })),
    provinceCode: Nullable(
      Text({ maxLength: 8, description: 'Expected: 2-digit province code (post-2025); may be a stale pre-merger code' }),
    ),
    communeCode: Nullable(Text({ maxLength: 8, description: 'Expected: 5-digit commune code' })),
  },
  { additionalProperties: false, title: 'PersonRef' },
);
export type PersonRef = Static<typeof PersonRef>;
