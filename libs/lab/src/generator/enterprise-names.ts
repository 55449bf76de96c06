import { Rng, cumulative } from './rng';

const FORMS = ['Công ty TNHH', 'Công ty Cổ phần', 'Công ty TNHH MTV', 'Doanh nghiệp tư nhân', 'Hợp tác xã'] as const;
const FORM_CUM = cumulative([0.5, 0.2, 0.15, 0.1, 0.05]);
const TRADES = [
  'Thương mại',
  'Xây dựng',
  'Dịch vụ',
  'Vận tải',
  'Thương mại và Dịch vụ',
  'Đầu tư',
  'Công nghệ',
  'Nông sản',
  'Thực phẩm',
  'Du lịch',
  'Sản xuất',
  'Xuất nhập khẩu',
  'Cơ khí',
  'May mặc',
  'Vật liệu xây dựng',
  'Thủy sản',
] as const;
const BRANDS = [
  'Hoa Sen',
  'Phú Thành',
  'Minh Phát',
  'Tân Hưng',
  'An Phát',
  'Hưng Thịnh',
  'Thành Công',
  'Việt Tiến',
  'Đại Phát',
  'Sao Mai',
  'Hoàng Long',
  'Phương Nam',
  'Bình Minh',
  'Trường Sơn',
  'Nam Việt',
  'Kim Long',
  'Phúc Lộc',
  'Thiên Ân',
  'Hải Âu',
  'Đông Á',
  'Tân Phú',
  'Ánh Dương',
  'Quang Minh',
  'Thịnh Vượng',
  'Hồng Hà',
  'Mê Kông',
  'Tây Nguyên',
  'Sông Hàn',
  'Phước Thịnh',
  'Gia Huy',
  'Bảo Ngọc',
  'Lộc Phát',
  'Vạn Xuân',
  'Đức Tài',
  'Khánh An',
  'Toàn Cầu',
] as const;

/** "Công ty TNHH Thương mại Hoa Sen" and the like. */
export function drawEnterpriseName(rng: Rng): string {
  const form = FORMS[rng.pickCumulative(FORM_CUM)];
  const brand = BRANDS[rng.int(BRANDS.length)];
  if (form === 'Doanh nghiệp tư nhân') return `${form} ${brand}`;
  return `${form} ${TRADES[rng.int(TRADES.length)]} ${brand}`;
}
