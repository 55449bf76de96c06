import { nameTokens } from './text';

export interface NameParts {
  /** First token (Vietnamese order: family name first). Empty for a one-token name. */
  family: string;
  /** Zero or more middle names (Văn, Thị, Đức, ...). */
  middle: string[];
  /** Last token, the name a person is called by. */
  given: string;
}

/**
 * Splits a name written in Vietnamese order into family / middle / given, in lower-case NFC.
 * Compound family names (Tôn Thất, Âu Dương) come out as family + first middle name:
 * harmless for comparison, which works on whole token lists.
 */
export function splitName(fullName: string): NameParts {
  const tokens = nameTokens(fullName);
  if (tokens.length === 0) return { family: '', middle: [], given: '' };
  if (tokens.length === 1) return { family: '', middle: [], given: tokens[0] };
  return { family: tokens[0], middle: tokens.slice(1, -1), given: tokens[tokens.length - 1] };
}
