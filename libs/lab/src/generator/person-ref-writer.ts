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
 * and listing what it injected. Combinations stay realistic: at most one name, one date and
 * one ID problem per record, and an ID problem is not combined with wrong or missing
 * date/gender (the ID digits are checked against those, so the two would blur each other).
 * Likewise a wrong birth year or gender, which contradicts the ID digits, comes only with a
 * name that still confirms the ID (no typo, not missing): otherwise the record would read as
 * carrying someone else's ID, not as a mismatch.
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
        citizenId = this.invalidId(reg.citizenId, rng);
      }
      if (idKind !== null) out.push({ field: 'citizenId', kind: idKind });
    }

    const nameKind = this.drawNameKind(c.name.flags, rng.next());
    // A typo can stop the name from confirming an ID whose digits the record contradicts.
    const mayContradictId = nameKind !== 'TYPO';
    if (nameKind !== null) {
      const spelled = this.spellName(c, nameKind, rng);
      if (spelled !== null) {
        fullName = spelled;
        out.push({ field: 'fullName', kind: nameKind });
      }
    }

    let dateTouched = false;
    let genderTouched = false;
    // A wrong year or gender contradicts the ID digits; the reconciler then needs the name to
    // confirm the ID (else the ID is judged invalid), so the name must not also go missing.
    let contradictsId = false;
    if (idKind === null) {
      const month = monthOfDay(c.birthDay);
      const day = dayOfMonthOfDay(c.birthDay);
      const u = rng.next();
      const swappable = day <= 12 && day !== month;
      if (swappable && u < r.DAY_MONTH_SWAP) {
        dateOfBirth = isoDate(yearOfDay(c.birthDay), day, month);
        out.push({ field: 'dateOfBirth', kind: 'DAY_MONTH_SWAP' });
        dateTouched = true;
      } else if (mayContradictId && u < (swappable ? r.DAY_MONTH_SWAP : 0) + r.WRONG_BIRTH_YEAR) {
        dateOfBirth = this.shiftYear(c.birthDay, rng);
        out.push({ field: 'dateOfBirth', kind: 'WRONG_BIRTH_YEAR' });
        dateTouched = true;
        contradictsId = true;
      }
      if (rng.chance(r.WRONG_GENDER) && mayContradictId) {
        gender = gender === 'M' ? 'F' : 'M';
        out.push({ field: 'gender', kind: 'WRONG_GENDER' });
        genderTouched = true;
        contradictsId = true;
      }
    }

    let addressTouched = false;
    if (rng.chance(r.STALE_ADDRESS)) {
      // Written before the merger: old district and province, and the old province code,
      // which may well be a different province's new code.
      address = c.residence.staleAddress;
      provinceCode = c.residence.commune.oldProvinceCode;
      communeCode = null;
      out.push({ field: 'address', kind: 'STALE_ADDRESS' });
      addressTouched = true;
    }

    if (idKind === null && rng.chance(r.MISSING_FIELD)) {
      const nameTouched = fullName !== reg.fullName;
      const candidates = MISSABLE.filter(
        (f) =>
          !(f === 'fullName' && (nameTouched || contradictsId)) &&
          !(f === 'dateOfBirth' && dateTouched) &&
          !(f === 'gender' && genderTouched) &&
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
    return null;
  }

  private spellName(c: CitizenDraft, kind: DirtKind, rng: Rng): string | null {
    const spelling = SPELLING_OF[kind];
    if (spelling !== undefined) return respell(c.name.tokens, spelling);
    if (kind === 'CASE_SPACING') return caseAndSpacing(c.name.text, rng.int(4), rng.int(c.name.tokens.length - 1));
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

  /** An ID whose structure cannot be right, or whose gender/year digits contradict the person. */
  private invalidId(id: string, rng: Rng): string {
    switch (rng.int(4)) {
      case 0:
        return `0${BAD_PROVINCE_CODES[rng.int(BAD_PROVINCE_CODES.length)]}${id.slice(3)}`;
      case 1:
        return `${id.slice(0, 3)}${6 + rng.int(4)}${id.slice(4)}`;
      case 2: {
        const at = rng.int(12);
        return id.slice(0, at) + id.slice(at + 1);
      }
      default: {
        if (rng.chance(0.5)) {
          const flipped = (id.charCodeAt(3) - 48) ^ 1;
          return `${id.slice(0, 3)}${flipped}${id.slice(4)}`;
        }
        const yy = (Number(id.slice(4, 6)) + 1 + rng.int(9)) % 100;
        return `${id.slice(0, 4)}${yy < 10 ? '0' : ''}${yy}${id.slice(6)}`;
      }
    }
  }
}
