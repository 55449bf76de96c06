import { foldDiacritics } from '../names/text';
import type { CommuneHistory, OldCommuneResolution } from './commune-history';

/**
 * What the address comparison needs to know about the 2025 province merger.
 * Injected so that the rules can be tested on a few provinces and replayed
 * against the geography that was in force.
 */
export interface ProvinceHistory {
  /** The current (2025) province an old (pre-2025) province code belongs to; undefined if unknown. */
  newProvinceOfOld(oldCode: string): string | undefined;
  /** The province named last in a folded address text (Vietnamese addresses end with the province). */
  findProvinceInText(foldedText: string): ProvinceMention | undefined;
}

export interface ProvinceMention {
  /** An old statistics code when era is OLD, a current code when NEW. */
  code: string;
  /** OLD: a pre-2025 province whose name no longer exists; NEW: a current province name. */
  era: 'OLD' | 'NEW';
}

export type AddressDifferenceKind = 'SAME' | 'STALE_ADDRESS' | 'DIFFERENT' | 'MISSING';

export interface AddressParts {
  readonly address: string | null;
  readonly provinceCode: string | null;
  readonly communeCode: string | null;
}

/** Why an address differs: which of compareAddress's checks decided it. */
export type AddressDifferenceReason =
  | 'MERGED_COMMUNE'
  | 'SPLIT_COMMUNE'
  | 'MERGED_PROVINCE'
  | 'ABOLISHED_DISTRICT'
  | 'OTHER_PROVINCE'
  | 'OTHER_COMMUNE'
  | 'OTHER_STREET';

/**
 * `sameArea`: the province and commune codes agree and only the text differs. A difference says why;
 * `oldCommune`, when the record names a pre-2025 commune the conversion table knows: which, and the
 * current communes its residents went to (several when it was split).
 */
export type AddressComparison =
  | { kind: Extract<AddressDifferenceKind, 'SAME' | 'MISSING'>; sameArea: boolean }
  | {
      kind: Extract<AddressDifferenceKind, 'STALE_ADDRESS' | 'DIFFERENT'>;
      sameArea: boolean;
      reason: AddressDifferenceReason;
      oldCommune?: OldCommuneResolution;
    };

const PUNCTUATION = /[.,;:/\\\-–()#"'`]+/g;
const COMMA = /,/;
/** District-level titles (Huyện, Quận, Thị xã, Thành phố and abbreviations): a level abolished on 1 July 2025. */
const DISTRICT_TITLE = /^(?:huyen|quan|thi xa|thanh pho|tp|q|h|tx)\b/;
const SPACES = /\s+/g;

/** Lower case, no diacritics, punctuation as spaces, single spaces: for comparing free-text addresses. */
export function foldAddress(text: string): string {
  return foldDiacritics(text.normalize('NFC')).toLowerCase().replace(PUNCTUATION, ' ').replace(SPACES, ' ').trim();
}

/**
 * Compares a recorded address with the registry's current one.
 *
 * - A record in pre-2025 terms (its province merged into the registry's, or it names a district) is
 *   resolved through the conversion table when `communes` is given: the old commune by its code, else
 *   by its commune and district names. Resolved, it decides: STALE_ADDRESS when the registry's commune
 *   is the one its residents went to (MERGED_COMMUNE) or one of several it was split between
 *   (SPLIT_COMMUNE); DIFFERENT (OTHER_COMMUNE) when the registry's commune is none of them, the
 *   person moved. Unresolved, the province and district checks below decide.
 * - STALE_ADDRESS: the recorded province code is a pre-2025 one that became the
 *   registry's province, or the text names a pre-2025 province that did. The person
 *   did not move; the place was merged. Checked first: commune codes changed too.
 *   Also stale: the same province, but the record names a district (abolished in 2025).
 * - DIFFERENT: another province or commune, or (same codes) another street address.
 * - Text that differs only in case, diacritics, spacing or punctuation is SAME:
 *   addresses are free text with many valid spellings, and the codes carry the meaning.
 */
export function compareAddress(
  recorded: AddressParts,
  registry: AddressParts,
  history: ProvinceHistory,
  communes?: CommuneHistory,
): AddressComparison {
  const recText = recorded.address === null ? '' : foldAddress(recorded.address);
  if (recText === '') return { kind: 'MISSING', sameArea: false };
  const regText = registry.address === null ? '' : foldAddress(registry.address);

  const province = provinceRelation(recorded, registry, recText, history);
  const current = registry.provinceCode?.trim() || null;
  const regCommuneCode = registry.communeCode?.trim() || null;
  if (
    communes !== undefined &&
    current !== null &&
    regCommuneCode !== null &&
    (province === 'STALE' || (province !== 'DIFFERENT' && namesDistrict(recorded.address)))
  ) {
    const oldCommune = communes.resolveOld(recorded, current);
    if (oldCommune !== undefined) {
      if (!oldCommune.communes.includes(regCommuneCode))
        return { kind: 'DIFFERENT', sameArea: false, reason: 'OTHER_COMMUNE', oldCommune };
      const reason = oldCommune.communes.length > 1 ? 'SPLIT_COMMUNE' : 'MERGED_COMMUNE';
      return { kind: 'STALE_ADDRESS', sameArea: false, reason, oldCommune };
    }
  }
  if (province === 'STALE') return { kind: 'STALE_ADDRESS', sameArea: false, reason: 'MERGED_PROVINCE' };
  if (province === 'DIFFERENT') return { kind: 'DIFFERENT', sameArea: false, reason: 'OTHER_PROVINCE' };

  const recCommune = recorded.communeCode?.trim() || null;
  const regCommune = registry.communeCode?.trim() || null;
  if (recCommune !== null && regCommune !== null && recCommune !== regCommune) {
    return { kind: 'DIFFERENT', sameArea: false, reason: 'OTHER_COMMUNE' };
  }
  if (regText === '' || recText === regText) return { kind: 'SAME', sameArea: true };
  // The province kept its name (Đắk Lắk absorbed Phú Yên) but the record still names a district.
  if (province === 'SAME' && namesDistrict(recorded.address) && !namesDistrict(registry.address)) {
    return { kind: 'STALE_ADDRESS', sameArea: false, reason: 'ABOLISHED_DISTRICT' };
  }
  return {
    kind: 'DIFFERENT',
    sameArea: province === 'SAME' && recCommune !== null && recCommune === regCommune,
    reason: 'OTHER_STREET',
  };
}

/** Whether a comma-separated address names a district-level unit before its last (province) part. */
export function namesDistrict(address: string | null): boolean {
  if (address === null) return false;
  const parts = address.split(COMMA);
  for (let i = 0; i < parts.length - 1; i++) {
    if (DISTRICT_TITLE.test(foldDiacritics(parts[i].normalize('NFC')).toLowerCase().trim())) return true;
  }
  return false;
}

function provinceRelation(
  recorded: AddressParts,
  registry: AddressParts,
  recText: string,
  history: ProvinceHistory,
): 'SAME' | 'STALE' | 'DIFFERENT' | 'UNKNOWN' {
  const current = registry.provinceCode?.trim() || null;
  if (current === null) return 'UNKNOWN';
  // The text first: an old code can equal the new one (Yên Bái 15 is now Lào Cai 15) while the name is stale.
  const mention = history.findProvinceInText(recText);
  if (mention?.era === 'OLD' && history.newProvinceOfOld(mention.code) === current) return 'STALE';

  const code = recorded.provinceCode?.trim() || null;
  if (code !== null) {
    if (code === current) return 'SAME';
    // Every current code is also the old code of a province merged into it, so an old reading is safe.
    return history.newProvinceOfOld(code) === current ? 'STALE' : 'DIFFERENT';
  }
  if (mention === undefined) return 'UNKNOWN';
  if (mention.era === 'NEW') return mention.code === current ? 'SAME' : 'DIFFERENT';
  return 'DIFFERENT';
}

/** Administrative prefixes dropped from province names before matching them in text. */
const PROVINCE_PREFIX = /^(?:tinh|thanh pho|tp)\s+/;

/**
 * Builds a ProvinceHistory from province lists: old names that are still current
 * names (Hà Nội, Đắk Lắk) count as current, so that naming them is never stale.
 */
export function buildProvinceHistory(
  oldProvinces: readonly { code: string; name: string }[],
  newProvinces: readonly { code: string; name: string }[],
  newOfOld: (oldCode: string) => string | undefined,
): ProvinceHistory {
  // Names by their folded words: a mention is a run of whole words, so the text's last words are
  // looked up directly (a few map look-ups per address rather than a scan per province name).
  const names = new Map<string, ProvinceMention>();
  const currentNames = new Set<string>();
  for (const p of newProvinces) {
    const folded = foldAddress(p.name).replace(PROVINCE_PREFIX, '');
    currentNames.add(folded);
    names.set(folded, { code: p.code, era: 'NEW' });
  }
  for (const p of oldProvinces) {
    const folded = foldAddress(p.name).replace(PROVINCE_PREFIX, '');
    if (!currentNames.has(folded) && !names.has(folded)) names.set(folded, { code: p.code, era: 'OLD' });
  }
  const longest = Math.max(0, ...[...names.keys()].map((n) => n.split(' ').length));
  const oldCodes = new Set(oldProvinces.map((p) => p.code));
  return {
    newProvinceOfOld: (code) => (oldCodes.has(code) ? newOfOld(code) : undefined),
    findProvinceInText(foldedText) {
      const words = foldedText.split(' ');
      // Last mention wins; ending on the same word, the longer name ("thua thien hue" over "hue").
      for (let end = words.length; end > 0; end--) {
        for (let length = Math.min(longest, end); length > 0; length--) {
          const mention = names.get(words.slice(end - length, end).join(' '));
          if (mention !== undefined) return mention;
        }
      }
      return undefined;
    },
  };
}
