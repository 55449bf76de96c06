import { Rng, cumulative } from './rng';
import {
  FAMILY_NAMES,
  FEMALE_GIVEN_NAMES,
  FEMALE_MIDDLE_NAMES,
  MALE_GIVEN_NAMES,
  MALE_MIDDLE_NAMES,
  rankWeights,
} from './name-vocabulary';
import { foldDiacritics, strokeFreeD, swapTonePlacement } from './text-dirt';

/**
 * Every distinct name word with its dirty spellings computed once, so that corrupting a
 * name in the hot loop is a table lookup and a join.
 */
export interface NameToken {
  text: string;
  folded: string;
  nfd: string;
  /** With Đ/đ as D/d, or null when the token has no Đ. */
  dStroke: string | null;
  /** With the other tone placement, or null when not applicable. */
  toneSwapped: string | null;
}

export const TOKENS: NameToken[] = [];
const TOKEN_ID = new Map<string, number>();

function tokenId(text: string): number {
  const known = TOKEN_ID.get(text);
  if (known !== undefined) return known;
  const nfc = text.normalize('NFC');
  const d = strokeFreeD(nfc);
  TOKENS.push({
    text: nfc,
    folded: foldDiacritics(nfc),
    nfd: nfc.normalize('NFD'),
    dStroke: d === nfc ? null : d,
    toneSwapped: swapTonePlacement(nfc),
  });
  TOKEN_ID.set(text, TOKENS.length - 1);
  return TOKENS.length - 1;
}

const FAMILY_IDS = FAMILY_NAMES.map(([n]) => tokenId(n));
const FAMILY_CUM = cumulative(FAMILY_NAMES.map(([, w]) => w));
const MALE_MIDDLE_IDS = MALE_MIDDLE_NAMES.map(tokenId);
const FEMALE_MIDDLE_IDS = FEMALE_MIDDLE_NAMES.map(tokenId);
const MALE_GIVEN_IDS = MALE_GIVEN_NAMES.map(tokenId);
const FEMALE_GIVEN_IDS = FEMALE_GIVEN_NAMES.map(tokenId);
const MALE_GIVEN_CUM = cumulative(rankWeights(MALE_GIVEN_IDS.length));
const FEMALE_GIVEN_CUM = cumulative(rankWeights(FEMALE_GIVEN_IDS.length));
const VAN = tokenId('Văn');
const THI = tokenId('Thị');

/** Name flags, OR-ed over tokens, telling which corruptions can apply. */
export const NAME_HAS_DIACRITICS = 1;
export const NAME_HAS_NFD_FORM = 2;
export const NAME_HAS_D_STROKE = 4;
export const NAME_HAS_TONE_SWAP = 8;

const TOKEN_FLAGS = TOKENS.map(() => 0);
function flagsOf(id: number): number {
  const t = TOKENS[id];
  return (
    (t.folded !== t.text ? NAME_HAS_DIACRITICS : 0) |
    (t.nfd !== t.text ? NAME_HAS_NFD_FORM : 0) |
    (t.dStroke !== null ? NAME_HAS_D_STROKE : 0) |
    (t.toneSwapped !== null ? NAME_HAS_TONE_SWAP : 0)
  );
}
for (let i = 0; i < TOKENS.length; i++) TOKEN_FLAGS[i] = flagsOf(i);

export interface GeneratedName {
  tokens: number[];
  flags: number;
  text: string;
}

/**
 * Family name + 0–2 middle names + given name. Văn/Thị are the usual middle names of older
 * generations and fade for people born later.
 */
export function drawName(rng: Rng, gender: 'M' | 'F', birthYear: number): GeneratedName {
  const male = gender === 'M';
  const tokens: number[] = [FAMILY_IDS[rng.pickCumulative(FAMILY_CUM)]];
  const u = rng.next();
  const middleCount = u < 0.06 ? 0 : u < 0.8 ? 1 : 2;
  const classic = birthYear < 1980 ? (male ? 0.6 : 0.7) : birthYear < 2000 ? (male ? 0.4 : 0.5) : male ? 0.15 : 0.2;
  const pool = male ? MALE_MIDDLE_IDS : FEMALE_MIDDLE_IDS;
  const given = male
    ? MALE_GIVEN_IDS[rng.pickCumulative(MALE_GIVEN_CUM)]
    : FEMALE_GIVEN_IDS[rng.pickCumulative(FEMALE_GIVEN_CUM)];
  for (let m = 0; m < middleCount; m++) {
    let id = m === 0 && rng.chance(classic) ? (male ? VAN : THI) : pool[rng.int(pool.length)];
    if (id === given || tokens.includes(id)) id = pool[(pool.indexOf(id) + 1) % pool.length];
    if (id !== given && !tokens.includes(id)) tokens.push(id);
  }
  tokens.push(given);
  let flags = 0;
  let text = '';
  for (let i = 0; i < tokens.length; i++) {
    flags |= TOKEN_FLAGS[tokens[i]];
    text += i === 0 ? TOKENS[tokens[i]].text : ` ${TOKENS[tokens[i]].text}`;
  }
  return { tokens, flags, text };
}

export type TokenSpelling = 'folded' | 'nfd' | 'dStroke' | 'toneSwapped';

/** The name with every token in the given spelling (tokens without one keep their text). */
export function respell(tokens: readonly number[], spelling: TokenSpelling): string {
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = TOKENS[tokens[i]];
    const s = t[spelling] ?? t.text;
    out += i === 0 ? s : ` ${s}`;
  }
  return out;
}
