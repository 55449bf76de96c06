import type { PersonRef } from '@lgsp/contracts';
import { BIRTH_PROVINCE_CODES } from '@lgsp/domain';
import { REFERENCE_YEAR, dayOfMonthOfDay, isLeapYear, isoDate, monthOfDay, yearOfDay } from './calendar';
import { CitizenDraft, CitizenFactory } from './citizen';
import { DirtKind, DirtRates } from './dirt-kinds';
import { Corruption } from './ground-truth';
import {
  NAME_HAS_DIACRITICS,
  NAME_HAS_D_STROKE,
  NAME_HAS_NFD_FORM,
  NAME_HAS_TONE_SWAP,
  TokenSpelling,
  respell,
} from './name-tokens';
import { Rng } from './rng';
import { caseAndSpacing, typo } from './text-dirt';

/** Two-digit codes that are no old province: an ID starting "0" + one of these cannot exist. */
const BAD_PROVINCE_CODES: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0')).filter(
  (c) => !BIRTH_PROVINCE_CODES.has(c),
);

type MissableField = 'fullName' | 'dateOfBirth' | 'gender' | 'address';
const MISSABLE: readonly MissableField[] = ['fullName', 'dateOfBirth', 'gender', 'address'];

const SPELLING_OF: Partial<Record<DirtKind, TokenSpelling>> = {
  MISSING_DIACRITICS: 'folded',
  UNICODE_NFD: 'nfd',
  TONE_PLACEMENT: 'toneSwapped',
  D_STROKE: 'dStroke',
};

/**
 * Writes how a sectoral source recorded a citizen, injecting dirt at the configured rates
 * and listing what it injected. Each field's dirt is drawn independently of the others, so that
 * the combinations real data has occur (a wrong ID with a missing, impossible or off-by-one date of
 * birth, a typo'd or transposed name, a missing province), at most one kind per field. What stays
 * excluded is only what would make the ground truth a guess:
 * - on a record whose ID is the citizen's own, a wrong birth year or gender (which contradicts the
 *   ID digits) comes only with a name that still confirms the ID (no typo, not missing): otherwise
 *   the record reads as carrying someone else's ID, not as a mismatch;
 * - an ID made invalid by contradicting the person's gender or birth year keeps that field intact
 *   (a second change could make the two agree again).
 * A wrong birth year or gender on a record with an unknown ID makes the ID contradict the record:
 * the ground truth says INVALID_ID (expectedOutcomeOf).
 */
export class PersonRefWriter {
  constructor(
    private readonly rates: DirtRates,
    private readonly citizens: CitizenFactory,
  ) {}

  write(c: CitizenDraft, rng: Rng, allowIdDirt: boolean, out: Corruption[]): PersonRef {
    const r = this.rates;
    const reg = c.record;
    let citizenId: string | null = reg.citizenId;
    let fullName: string | null = reg.fullName;
    let dateOfBirth: string | null = reg.dateOfBirth;
    let gender: 'M' | 'F' | null = reg.gender;
    let address: string | null = reg.address;
    let provinceCode: string | null = reg.provinceCode;
    let communeCode: string | null = reg.communeCode;

    let idKind: DirtKind | null = null;
    // The field an invalid ID's digits contradict: it must stay as the registry has it.
    let keptForId: 'gender' | 'dateOfBirth' | null = null;
    if (allowIdDirt) {
      const u = rng.next();
      let acc = 0;
      if (reg.legacyId !== null && u < (acc += r.LEGACY_ID)) {
        idKind = 'LEGACY_ID';
        citizenId = reg.legacyId;
      } else if (u < (acc += r.UNKNOWN_ID)) {
        citizenId = this.citizens.unknownIdFor(c, (n) => rng.int(n));
        idKind = citizenId === null ? null : 'UNKNOWN_ID';
        if (citizenId === null) citizenId = reg.citizenId;
      } else if (u < acc + r.INVALID_ID_STRUCTURE) {
        idKind = 'INVALID_ID_STRUCTURE';
        const invalid = this.invalidId(reg.citizenId, rng);
        citizenId = invalid.id;
        keptForId = invalid.contradicts;
      }
      if (idKind !== null) out.push({ field: 'citizenId', kind: idKind });
    }
    // The record's own, intact ID: a contradiction of its digits needs a name that confirms it.
    const ownId = idKind === null;

    const nameKind = this.drawNameKind(c.name.flags, rng.next());
    const mayContradictId = !ownId || nameKind !== 'TYPO';
    if (nameKind !== null) {
      const spelled = this.spellName(c, nameKind, rng);
      if (spelled !== null) {
        fullName = spelled;
        out.push({ field: 'fullName', kind: nameKind });
      }
    }

    let dateTouched = false;
    let genderTouched = false;
    // A wrong year or gender contradicts the ID digits; on the record's own ID the reconciler then
    // needs the name to confirm the ID (else the ID is judged invalid), so the name must not also go missing.
    let contradictsId = false;
    {
      const month = monthOfDay(c.birthDay);
      const day = dayOfMonthOfDay(c.birthDay);
      const u = rng.next();
      const swappable = day <= 12 && day !== month;
      const swap = swappable ? r.DAY_MONTH_SWAP : 0;
      if (keptForId === 'dateOfBirth') {
        // The ID's year digits contradict the true date: it stays.
      } else if (u < swap) {
        dateOfBirth = isoDate(yearOfDay(c.birthDay), day, month);
        out.push({ field: 'dateOfBirth', kind: 'DAY_MONTH_SWAP' });
        dateTouched = true;
      } else if (mayContradictId && u < swap + r.WRONG_BIRTH_YEAR) {
        dateOfBirth = this.shiftYear(c.birthDay, rng);
        out.push({ field: 'dateOfBirth', kind: 'WRONG_BIRTH_YEAR' });
        dateTouched = true;
        contradictsId = true;
      } else if (u >= swap + r.WRONG_BIRTH_YEAR && u < swap + r.WRONG_BIRTH_YEAR + r.IMPOSSIBLE_DOB) {
        dateOfBirth = impossibleDate(yearOfDay(c.birthDay), month);
        out.push({ field: 'dateOfBirth', kind: 'IMPOSSIBLE_DOB' });
        dateTouched = true;
      }
      if (rng.chance(r.WRONG_GENDER) && mayContradictId && keptForId !== 'gender') {
        gender = gender === 'M' ? 'F' : 'M';
        out.push({ field: 'gender', kind: 'WRONG_GENDER' });
        genderTouched = true;
        contradictsId = true;
      }
    }

    let addressTouched = false;
    if (rng.chance(r.STALE_ADDRESS)) {
      // Written before the merger: old commune, district and province with their codes (the old
      // province code may well be a different province's new code), from the conversion table.
      address = c.staleResidence.address;
      provinceCode = c.staleResidence.provinceCode;
      communeCode = c.staleResidence.communeCode;
      out.push({ field: 'address', kind: 'STALE_ADDRESS' });
      addressTouched = true;
    } else {
      const u = rng.next();
      if (u < r.MISSING_PROVINCE) {
        // The codes left empty, the address text as written: the province is only in the text.
        provinceCode = null;
        communeCode = null;
        out.push({ field: 'provinceCode', kind: 'MISSING_PROVINCE' });
      } else if (u < r.MISSING_PROVINCE + r.MISSPELT_PROVINCE && address !== null) {
        const misspelt = misspellProvince(address, rng);
        if (misspelt !== null) {
          address = misspelt;
          out.push({ field: 'address', kind: 'MISSPELT_PROVINCE' });
          addressTouched = true;
        }
      }
    }

    if (rng.chance(r.MISSING_FIELD)) {
      const nameTouched = fullName !== reg.fullName;
      const candidates = MISSABLE.filter(
        (f) =>
          !(f === 'fullName' && (nameTouched || (ownId && contradictsId))) &&
          !(f === 'dateOfBirth' && (dateTouched || keptForId === 'dateOfBirth')) &&
          !(f === 'gender' && (genderTouched || keptForId === 'gender')) &&
          !(f === 'address' && addressTouched),
      );
      if (candidates.length > 0) {
        const field = candidates[rng.int(candidates.length)];
        if (field === 'fullName') fullName = null;
        else if (field === 'dateOfBirth') dateOfBirth = null;
        else if (field === 'gender') gender = null;
        else address = null;
        out.push({ field, kind: 'MISSING_FIELD' });
      }
    }

    return { citizenId, fullName, dateOfBirth, gender, address, provinceCode, communeCode };
  }

  private drawNameKind(flags: number, u: number): DirtKind | null {
    const r = this.rates;
    let acc = 0;
    if (flags & NAME_HAS_DIACRITICS && u < (acc += r.MISSING_DIACRITICS)) return 'MISSING_DIACRITICS';
    if (flags & NAME_HAS_NFD_FORM && u < (acc += r.UNICODE_NFD)) return 'UNICODE_NFD';
    if (flags & NAME_HAS_TONE_SWAP && u < (acc += r.TONE_PLACEMENT)) return 'TONE_PLACEMENT';
    if (flags & NAME_HAS_D_STROKE && u < (acc += r.D_STROKE)) return 'D_STROKE';
    if (u < (acc += r.CASE_SPACING)) return 'CASE_SPACING';
    if (u < (acc += r.TYPO)) return 'TYPO';
    if (u < (acc += r.NAMES_TRANSPOSED)) return 'NAMES_TRANSPOSED';
    if (u < (acc += r.SURNAME_SPLIT)) return 'SURNAME_SPLIT';
    return null;
  }

  private spellName(c: CitizenDraft, kind: DirtKind, rng: Rng): string | null {
    const spelling = SPELLING_OF[kind];
    if (spelling !== undefined) return respell(c.name.tokens, spelling);
    if (kind === 'CASE_SPACING') return caseAndSpacing(c.name.text, rng.int(4), rng.int(c.name.tokens.length - 1));
    if (kind === 'NAMES_TRANSPOSED') return givenNameFirst(c.name.text);
    if (kind === 'SURNAME_SPLIT') return splitFamilyName(c.name.text, rng);
    return typo(c.name.text, (n) => rng.int(n), rng.chance(0.3));
  }

  /** A birth year off by one (usually) or a few, never in the future; 29 Feb becomes 28 Feb. */
  private shiftYear(birthDay: number, rng: Rng): string {
    const year = yearOfDay(birthDay);
    const month = monthOfDay(birthDay);
    let day = dayOfMonthOfDay(birthDay);
    const delta = rng.chance(0.6) ? 1 : 2 + rng.int(9);
    let shifted = rng.chance(0.5) ? year + delta : year - delta;
    if (shifted >= REFERENCE_YEAR) shifted = year - delta;
    if (month === 2 && day === 29 && !isLeapYear(shifted)) day = 28;
    return isoDate(shifted, month, day);
  }

  /**
   * An ID whose structure cannot be right, or whose gender/year digits contradict the person (then
   * which field they contradict, which the record must keep as it is).
   */
  private invalidId(id: string, rng: Rng): { id: string; contradicts: 'gender' | 'dateOfBirth' | null } {
    switch (rng.int(4)) {
      case 0:
        return { id: `0${BAD_PROVINCE_CODES[rng.int(BAD_PROVINCE_CODES.length)]}${id.slice(3)}`, contradicts: null };
      case 1:
        return { id: `${id.slice(0, 3)}${6 + rng.int(4)}${id.slice(4)}`, contradicts: null };
      case 2: {
        const at = rng.int(12);
        return { id: id.slice(0, at) + id.slice(at + 1), contradicts: null };
      }
      default: {
        if (rng.chance(0.5)) {
          const flipped = (id.charCodeAt(3) - 48) ^ 1;
          return { id: `${id.slice(0, 3)}${flipped}${id.slice(4)}`, contradicts: 'gender' };
        }
        const yy = (Number(id.slice(4, 6)) + 1 + rng.int(9)) % 100;
        return { id: `${id.slice(0, 4)}${yy < 10 ? '0' : ''}${yy}${id.slice(6)}`, contradicts: 'dateOfBirth' };
      }
    }
  }
}

/** A date that cannot exist, of the true year and month: the day past the month's end (30 Feb, 31 Apr, 32 Jan). */
export function impossibleDate(year: number, month: number): string {
  const day = month === 2 ? 30 : [4, 6, 9, 11].includes(month) ? 31 : 32;
  return `${year}-${String(month).padStart(2, '0')}-${day}`;
}

/** The given name first, then the family and middle names: the Western order some forms ask for. */
export function givenNameFirst(name: string): string | null {
  const parts = name.split(' ');
  if (parts.length < 2) return null;
  return [parts[parts.length - 1], ...parts.slice(0, -1)].join(' ');
}

/** The family name split by a space inside it (Nguyễn → Ngu yễn), as a misread form or an OCR gives it. */
export function splitFamilyName(name: string, rng: Rng): string | null {
  const parts = name.split(' ');
  const family = [...parts[0]];
  if (family.length < 2) return null;
  const at = 1 + rng.int(family.length - 1);
  return [family.slice(0, at).join(''), family.slice(at).join(''), ...parts.slice(1)].join(' ');
}

/** The address with one slip in its last part, the province's name; null when that part has no letter to slip. */
export function misspellProvince(address: string, rng: Rng): string | null {
  const at = address.lastIndexOf(', ');
  const head = at < 0 ? '' : address.slice(0, at + 2);
  const province = at < 0 ? address : address.slice(at + 2);
  const slipped = typo(province, (n) => rng.int(n), false);
  return slipped === null ? null : head + slipped;
}
