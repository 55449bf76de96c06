import { OldProvince, OldProvinceCode, ProvinceKind } from './province-codes';

type Row = [code: string, name: string, populationThousands: number, kind?: ProvinceKind];

// Names as written before the merger (old tone placement: Hoà Bình, Thanh Hoá, Khánh Hoà).
const ROWS: Row[] = [
  ['01', 'Hà Nội', 8600, 'city'],
  ['02', 'Hà Giang', 900],
  ['04', 'Cao Bằng', 545],
  ['06', 'Bắc Kạn', 330],
  ['08', 'Tuyên Quang', 800],
  ['10', 'Lào Cai', 770],
  ['11', 'Điện Biên', 640],
  ['12', 'Lai Châu', 480],
  ['14', 'Sơn La', 1300],
  ['15', 'Yên Bái', 850],
  ['17', 'Hoà Bình', 880],
  ['19', 'Thái Nguyên', 1340],
  ['20', 'Lạng Sơn', 800],
  ['22', 'Quảng Ninh', 1380],
  ['24', 'Bắc Giang', 1900],
  ['25', 'Phú Thọ', 1500],
  ['26', 'Vĩnh Phúc', 1200],
  ['27', 'Bắc Ninh', 1500],
  ['30', 'Hải Dương', 1950],
  ['31', 'Hải Phòng', 2100, 'city'],
  ['33', 'Hưng Yên', 1300],
  ['34', 'Thái Bình', 1880],
  ['35', 'Hà Nam', 880],
  ['36', 'Nam Định', 1880],
  ['37', 'Ninh Bình', 1010],
  ['38', 'Thanh Hoá', 3740],
  ['40', 'Nghệ An', 3440],
  ['42', 'Hà Tĩnh', 1330],
  ['44', 'Quảng Bình', 920],
  ['45', 'Quảng Trị', 650],
  ['46', 'Thừa Thiên Huế', 1160],
  ['48', 'Đà Nẵng', 1250, 'city'],
  ['49', 'Quảng Nam', 1520],
  ['51', 'Quảng Ngãi', 1250],
  ['52', 'Bình Định', 1500],
  ['54', 'Phú Yên', 880],
  ['56', 'Khánh Hoà', 1260],
  ['58', 'Ninh Thuận', 600],
  ['60', 'Bình Thuận', 1250],
  ['62', 'Kon Tum', 580],
  ['64', 'Gia Lai', 1600],
  ['66', 'Đắk Lắk', 1920],
  ['67', 'Đắk Nông', 680],
  ['68', 'Lâm Đồng', 1340],
  ['70', 'Bình Phước', 1040],
  ['72', 'Tây Ninh', 1190],
  ['74', 'Bình Dương', 2760],
  ['75', 'Đồng Nai', 3310],
  ['77', 'Bà Rịa - Vũng Tàu', 1190],
  ['79', 'Hồ Chí Minh', 9460, 'city'],
  ['80', 'Long An', 1740],
  ['82', 'Tiền Giang', 1790],
  ['83', 'Bến Tre', 1300],
  ['84', 'Trà Vinh', 1020],
  ['86', 'Vĩnh Long', 1030],
  ['87', 'Đồng Tháp', 1600],
  ['89', 'An Giang', 1910],
  ['91', 'Kiên Giang', 1760],
  ['92', 'Cần Thơ', 1260, 'city'],
  ['93', 'Hậu Giang', 730],
  ['94', 'Sóc Trăng', 1200],
  ['95', 'Bạc Liêu', 920],
  ['96', 'Cà Mau', 1210],
];

/** The 63 provinces and centrally-run cities that existed until 30 June 2025, by statistics code. */
export const OLD_PROVINCES: readonly OldProvince[] = Object.freeze(
  ROWS.map(([code, name, populationThousands, kind]) =>
    Object.freeze({ code: code as OldProvinceCode, name, kind: kind ?? 'province', populationThousands }),
  ),
);

const BY_CODE = new Map<string, OldProvince>(OLD_PROVINCES.map((p) => [p.code, p]));

export function isOldProvinceCode(code: string): code is OldProvinceCode {
  return BY_CODE.has(code);
}

export function asOldProvinceCode(code: string): OldProvinceCode {
  if (!isOldProvinceCode(code)) throw new Error(`not a pre-2025 province code: ${code}`);
  return code;
}

export function oldProvince(code: OldProvinceCode): OldProvince {
  const p = BY_CODE.get(code);
  if (!p) throw new Error(`not a pre-2025 province code: ${code}`);
  return p;
}
