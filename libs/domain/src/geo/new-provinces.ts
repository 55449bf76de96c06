import { isOldProvinceCode, oldProvince } from './old-provinces';
import { NewProvince, NewProvinceCode, OldProvince, OldProvinceCode, ProvinceKind } from './province-codes';

type Row = [code: string, name: string, mergedFrom: string[], communeCount: number, kind?: ProvinceKind];

// Resolution 202/2025/QH15: 34 provinces from 1 July 2025. A new code is the code of one of
// its old members, which is why old and new codes collide (new 80 Tây Ninh = old 80 Long An).
const ROWS: Row[] = [
  ['01', 'Hà Nội', ['01'], 126, 'city'],
  ['04', 'Cao Bằng', ['04'], 56],
  ['08', 'Tuyên Quang', ['08', '02'], 124],
  ['11', 'Điện Biên', ['11'], 45],
  ['12', 'Lai Châu', ['12'], 38],
  ['14', 'Sơn La', ['14'], 75],
  ['15', 'Lào Cai', ['10', '15'], 99],
  ['19', 'Thái Nguyên', ['19', '06'], 92],
  ['20', 'Lạng Sơn', ['20'], 65],
  ['22', 'Quảng Ninh', ['22'], 54],
  ['24', 'Bắc Ninh', ['27', '24'], 99],
  ['25', 'Phú Thọ', ['25', '26', '17'], 148],
  ['31', 'Hải Phòng', ['31', '30'], 114, 'city'],
  ['33', 'Hưng Yên', ['33', '34'], 104],
  ['37', 'Ninh Bình', ['37', '35', '36'], 129],
  ['38', 'Thanh Hóa', ['38'], 166],
  ['40', 'Nghệ An', ['40'], 130],
  ['42', 'Hà Tĩnh', ['42'], 69],
  ['44', 'Quảng Trị', ['45', '44'], 78],
  ['46', 'Huế', ['46'], 40, 'city'],
  ['48', 'Đà Nẵng', ['48', '49'], 94, 'city'],
  ['51', 'Quảng Ngãi', ['51', '62'], 96],
  ['52', 'Gia Lai', ['64', '52'], 135],
  ['56', 'Khánh Hòa', ['56', '58'], 65],
  ['66', 'Đắk Lắk', ['66', '54'], 102],
  ['68', 'Lâm Đồng', ['68', '67', '60'], 124],
  ['75', 'Đồng Nai', ['75', '70'], 95],
  ['79', 'Hồ Chí Minh', ['79', '74', '77'], 168, 'city'],
  ['80', 'Tây Ninh', ['72', '80'], 96],
  ['82', 'Đồng Tháp', ['87', '82'], 102],
  ['86', 'Vĩnh Long', ['86', '83', '84'], 124],
  ['91', 'An Giang', ['89', '91'], 102],
  ['92', 'Cần Thơ', ['92', '93', '94'], 103, 'city'],
  ['96', 'Cà Mau', ['96', '95'], 64],
];

/** The 34 provinces and centrally-run cities from 1 July 2025, by their (new) two-digit code. */
export const NEW_PROVINCES: readonly NewProvince[] = Object.freeze(
  ROWS.map(([code, name, mergedFrom, communeCount, kind]) => {
    for (const m of mergedFrom) if (!isOldProvinceCode(m)) throw new Error(`bad merger row ${code}: ${m}`);
    return Object.freeze({
      code: code as NewProvinceCode,
      name,
      kind: kind ?? 'province',
      mergedFrom: Object.freeze(mergedFrom as OldProvinceCode[]),
      communeCount,
    });
  }),
);

const BY_CODE = new Map<string, NewProvince>(NEW_PROVINCES.map((p) => [p.code, p]));
const NEW_OF_OLD = new Map<string, NewProvince>();
for (const p of NEW_PROVINCES) for (const old of p.mergedFrom) NEW_OF_OLD.set(old, p);

export function isNewProvinceCode(code: string): code is NewProvinceCode {
  return BY_CODE.has(code);
}

export function asNewProvinceCode(code: string): NewProvinceCode {
  if (!isNewProvinceCode(code)) throw new Error(`not a 2025 province code: ${code}`);
  return code;
}

export function newProvince(code: NewProvinceCode): NewProvince {
  const p = BY_CODE.get(code);
  if (!p) throw new Error(`not a 2025 province code: ${code}`);
  return p;
}

/** The 2025 province an old province was merged into (or continues as). */
export function newProvinceOfOld(oldCode: OldProvinceCode): NewProvinceCode {
  const p = NEW_OF_OLD.get(oldCode);
  if (!p) throw new Error(`not a pre-2025 province code: ${oldCode}`);
  return p.code;
}

/** The old provinces that make up a 2025 province, with their details. */
export function oldProvincesOfNew(newCode: NewProvinceCode): readonly OldProvince[] {
  return newProvince(newCode).mergedFrom.map(oldProvince);
}
