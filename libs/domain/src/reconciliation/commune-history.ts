import { foldDiacritics } from '../names/text';

/**
 * What the address comparison needs to know about the communes of 1 July 2025: which commune(s)
 * an old (pre-2025) commune became. Injected like ProvinceHistory, so that the rules can be tested
 * on a few communes and replayed against the table that was in force.
 */
export interface CommuneHistory {
  /**
   * The old commune a pre-2025 address names, among those whose residents now live in the current
   * province `currentProvinceCode`: by its commune code first, else by its commune and district names
   * in the text. Undefined when neither finds exactly one.
   */
  resolveOld(address: OldAddress, currentProvinceCode: string): OldCommuneResolution | undefined;
}

export interface OldAddress {
  readonly address: string | null;
  readonly communeCode: string | null;
  /** The recorded province code: with the province the text ends with, picks between namesakes of two old provinces. */
  readonly provinceCode: string | null;
}

export interface OldCommuneResolution {
  /** The old commune's code. */
  oldCommuneCode: string;
  /** How it was found: its code in the record, or its commune and district names in the text. */
  by: 'code' | 'name';
  /**
   * The communes since 1 July 2025 that took in its residents, in code order: one when it merged (whole,
   * with others), several when it was split between them.
   */
  communes: readonly string[];
}

/** One old commune as the history needs it. */
export interface OldCommuneEntry {
  code: string;
  name: string;
  districtName: string;
  oldProvinceCode: string;
  /** Without its title: "Long An". */
  oldProvinceName: string;
  /** The current communes its residents went to, each with its current province. */
  residentsTo: readonly { code: string; provinceCode: string }[];
}

const COMMA = /,/;
const PUNCTUATION = /[.,;:/\\\-–()#"'`’]+/g;
const SPACES = /\s+/g;
/** Titles of a district-level unit (abolished on 1 July 2025), with the usual abbreviations. */
const DISTRICT_TITLE = /^(?:huyen|quan|thi xa|thanh pho|tp|q|h|tx)(?: |$)/;
/** Titles of a commune-level unit, with the usual abbreviations. */
const COMMUNE_TITLE = /^(?:xa|phuong|thi tran|dac khu|p|x|tt)(?: |$)/;

function fold(part: string): string {
  return foldDiacritics(part.normalize('NFC')).toLowerCase().replace(PUNCTUATION, ' ').replace(SPACES, ' ').trim();
}

/** A district's folded name without its title: "Quận 3" → "3", "TP. Thủ Đức" → "thu duc". */
function districtKey(name: string): string {
  return fold(name).replace(DISTRICT_TITLE, '').trim();
}

/** A commune's folded name without its title: "Phường 4" → "4", "TT. Phù Yên" → "phu yen". */
function communeKey(name: string): string {
  return fold(name).replace(COMMUNE_TITLE, '').trim();
}

/**
 * The commune and district a pre-2025 address names: the last part before the province that carries
 * a district title, and the part before it ("12 Lê Lợi, Phường 4, Thành phố Tân An, Tỉnh Long An").
 */
export function oldAddressParts(address: string): { commune: string; district: string } | undefined {
  const parts = address.split(COMMA).map((p) => p.trim());
  for (let i = parts.length - 2; i >= 1; i--) {
    if (DISTRICT_TITLE.test(fold(parts[i]))) return { commune: parts[i - 1], district: parts[i] };
  }
  return undefined;
}

function sameCommunes(a: OldCommuneEntry, b: OldCommuneEntry): boolean {
  return a.residentsTo.length === b.residentsTo.length && a.residentsTo.every((c, i) => c.code === b.residentsTo[i].code);
}

export function buildCommuneHistory(entries: Iterable<OldCommuneEntry>): CommuneHistory {
  const byCode = new Map<string, OldCommuneEntry>();
  const byName = new Map<string, OldCommuneEntry[]>();
  for (const e of entries) {
    byCode.set(e.code, e);
    const key = `${districtKey(e.districtName)}|${communeKey(e.name)}`;
    const list = byName.get(key) ?? [];
    list.push(e);
    byName.set(key, list);
  }
  const livesIn = (e: OldCommuneEntry, province: string) => e.residentsTo.some((c) => c.provinceCode === province);
  const resolution = (e: OldCommuneEntry, by: 'code' | 'name'): OldCommuneResolution => ({
    oldCommuneCode: e.code,
    by,
    communes: e.residentsTo.map((c) => c.code),
  });
  return {
    resolveOld(address, currentProvinceCode) {
      const code = address.communeCode?.trim() || null;
      const coded = code === null ? undefined : byCode.get(code);
      if (coded !== undefined && livesIn(coded, currentProvinceCode)) return resolution(coded, 'code');
      if (address.address === null) return undefined;
      const parts = oldAddressParts(address.address);
      if (parts === undefined) return undefined;
      let found = (byName.get(`${districtKey(parts.district)}|${communeKey(parts.commune)}`) ?? []).filter((e) =>
        livesIn(e, currentProvinceCode),
      );
      // Namesakes: in two old provinces now merged ("Huyện Châu Thành" of Long An and of Tây Ninh), told apart
      // by the old province the text ends with, else the recorded code; or in one district, told apart by the
      // title ("Thị trấn Mường Tè" and "Xã Mường Tè") and then by the tones ("Minh Quán" and "Minh Quân").
      const text = fold(address.address);
      const recordedProvince = address.provinceCode?.trim() || null;
      const titled = fold(parts.commune);
      const written = parts.commune.normalize('NFC').toLowerCase();
      for (const keep of [
        (e: OldCommuneEntry) => ` ${text}`.endsWith(` ${fold(e.oldProvinceName)}`),
        (e: OldCommuneEntry) => e.oldProvinceCode === recordedProvince,
        (e: OldCommuneEntry) => fold(e.name) === titled,
        (e: OldCommuneEntry) => e.name.normalize('NFC').toLowerCase() === written,
      ]) {
        if (found.length <= 1) break;
        const kept = found.filter(keep);
        if (kept.length > 0) found = kept;
      }
      if (found.length === 0) return undefined;
      // Namesakes left whose people all went to the same communes tell the same thing: the first (by code) says it.
      const same = found.every((e) => sameCommunes(e, found[0]));
      return found.length === 1 || same ? resolution(found.sort((x, y) => (x.code < y.code ? -1 : 1))[0], 'name') : undefined;
    },
  };
}
