/**
 * The 12-digit personal identification number (CCCD):
 *   digits 1-3  code of the province where the birth was registered ("0" + old statistics code)
 *   digit  4    century and gender (0/1 male/female 1900s, 2/3 2000s, 4/5 2100s)
 *   digits 5-6  last two digits of the birth year
 *   digits 7-12 random serial
 * There is no check digit: validity is structure plus consistency with the person.
 */
export type Gender = 'M' | 'F';

export interface CitizenIdParts {
  /** Three digits, e.g. "079" for Hồ Chí Minh City (old statistics code with a leading 0). */
  birthProvinceCode: string;
  gender: Gender;
  birthYear: number;
  serial: string;
}

export const CITIZEN_ID_PROBLEMS = ['NOT_12_DIGITS', 'UNKNOWN_PROVINCE_CODE', 'BAD_CENTURY_DIGIT'] as const;
export type CitizenIdProblem = (typeof CITIZEN_ID_PROBLEMS)[number];

export type ParsedCitizenId = ({ ok: true } & CitizenIdParts) | { ok: false; problem: CitizenIdProblem };

const CENTURIES: Record<string, { century: number; gender: Gender }> = {
  '0': { century: 1900, gender: 'M' },
  '1': { century: 1900, gender: 'F' },
  '2': { century: 2000, gender: 'M' },
  '3': { century: 2000, gender: 'F' },
  '4': { century: 2100, gender: 'M' },
  '5': { century: 2100, gender: 'F' },
};

/** Old (pre-2025) province statistics codes that appear as ID prefixes, without the leading 0. */
export const BIRTH_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '01',
  '02',
  '04',
  '06',
  '08',
  '10',
  '11',
  '12',
  '14',
  '15',
  '17',
  '19',
  '20',
  '22',
  '24',
  '25',
  '26',
  '27',
  '30',
  '31',
  '33',
  '34',
  '35',
  '36',
  '37',
  '38',
  '40',
  '42',
  '44',
  '45',
  '46',
  '48',
  '49',
  '51',
  '52',
  '54',
  '56',
  '58',
  '60',
  '62',
  '64',
  '66',
  '67',
  '68',
  '70',
  '72',
  '74',
  '75',
  '77',
  '79',
  '80',
  '82',
  '83',
  '84',
  '86',
  '87',
  '89',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
]);

export function parseCitizenId(raw: string): ParsedCitizenId {
  const id = raw.trim();
  if (!/^\d{12}$/.test(id)) return { ok: false, problem: 'NOT_12_DIGITS' };
  if (id[0] !== '0' || !BIRTH_PROVINCE_CODES.has(id.slice(1, 3))) return { ok: false, problem: 'UNKNOWN_PROVINCE_CODE' };
  const century = CENTURIES[id[3]];
  if (!century) return { ok: false, problem: 'BAD_CENTURY_DIGIT' };
  return {
    ok: true,
    birthProvinceCode: id.slice(0, 3),
    gender: century.gender,
    birthYear: century.century + Number(id.slice(4, 6)),
    serial: id.slice(6),
  };
}

export function buildCitizenId(parts: CitizenIdParts): string {
  if (!/^0\d{2}$/.test(parts.birthProvinceCode)) throw new Error('birthProvinceCode must be three digits starting with 0');
  if (!/^\d{6}$/.test(parts.serial)) throw new Error('serial must be six digits');
  const century = Math.floor(parts.birthYear / 100) * 100;
  const digit = Object.entries(CENTURIES).find(([, c]) => c.century === century && c.gender === parts.gender)?.[0];
  if (digit === undefined) throw new Error(`birth year ${parts.birthYear} is outside 1900-2199`);
  return `${parts.birthProvinceCode}${digit}${String(parts.birthYear % 100).padStart(2, '0')}${parts.serial}`;
}

/** A legacy 9-digit ID card number (CMND); invalid since 31 Dec 2024 but still found in old records. */
export function isLegacyId(raw: string): boolean {
  return /^\d{9}$/.test(raw.trim());
}

export interface IdConsistency {
  genderAgrees: boolean;
  birthYearAgrees: boolean;
}

/** Whether the gender and birth-year digits of an ID agree with what a record says. */
export function idConsistency(parts: CitizenIdParts, person: { gender?: Gender; birthYear?: number }): IdConsistency {
  return {
    genderAgrees: person.gender === undefined || person.gender === parts.gender,
    birthYearAgrees: person.birthYear === undefined || person.birthYear === parts.birthYear,
  };
}
