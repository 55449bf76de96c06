/**
 * A tiny deterministic stream for building the synthetic reference tables: the tables must
 * be identical on every machine and run, and must not depend on any generator seed.
 */
export function syntheticStream(label: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  let state = h >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Place-name syllables common in Vietnamese commune and district names. */
export const PLACE_FIRST = [
  'Tân',
  'Phú',
  'Bình',
  'An',
  'Long',
  'Hòa',
  'Thạnh',
  'Mỹ',
  'Vĩnh',
  'Phước',
  'Thanh',
  'Hưng',
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Trung',
  'Quảng',
  'Hồng',
  'Đại',
  'Kim',
  'Ngọc',
  'Xuân',
  'Thái',
  'Minh',
  'Châu',
  'Cát',
  'Yên',
  'Hải',
  'Sơn',
  'Lộc',
  'Thuận',
  'Đức',
  'Hiệp',
  'Tiên',
  'Phong',
  'Lạc',
  'Tường',
  'Định',
  'Lợi',
  'Khánh',
  'Thịnh',
  'Gia',
  'Hà',
  'Quang',
  'Thủy',
  'Lâm',
  'Cẩm',
  'Hương',
  'Đồng',
] as const;

export const PLACE_SECOND = [
  'Phú',
  'Thành',
  'An',
  'Hòa',
  'Lợi',
  'Hưng',
  'Thịnh',
  'Điền',
  'Lộc',
  'Mỹ',
  'Tân',
  'Khánh',
  'Bình',
  'Hiệp',
  'Lương',
  'Trạch',
  'Xuyên',
  'Giang',
  'Sơn',
  'Lâm',
  'Hải',
  'Phong',
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Trung',
  'Quý',
  'Thuận',
  'Hà',
  'Phước',
  'Long',
  'Định',
  'Yên',
  'Xuân',
  'Thạnh',
  'Quang',
  'Tiến',
  'Linh',
  'Đức',
] as const;

export function placeName(next: () => number): string {
  for (;;) {
    const a = PLACE_FIRST[Math.floor(next() * PLACE_FIRST.length)];
    const b = PLACE_SECOND[Math.floor(next() * PLACE_SECOND.length)];
    if (a !== b) return `${a} ${b}`;
  }
}
