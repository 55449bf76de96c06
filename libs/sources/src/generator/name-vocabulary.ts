/**
 * Vietnamese name vocabulary with weights. Family-name shares follow DOMAIN.md (Nguyễn ~38 %,
 * Trần ~11 %, Lê ~9.5 % …); given and middle names are common ones, split by gender.
 * Registry spelling uses the traditional tone placement (Hòa, Thúy, Thủy); the modern one
 * (Hoà, Thuý, Thuỷ) is produced as dirt.
 */
export const FAMILY_NAMES: readonly [string, number][] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 2.6], ['Huỳnh', 2.4], ['Phan', 4.5],
  ['Vũ', 2.1], ['Võ', 1.9], ['Đặng', 2], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1],
  ['Lý', 0.5], ['Đinh', 0.9], ['Đoàn', 0.8], ['Trương', 0.8], ['Lâm', 0.6], ['Mai', 0.6], ['Trịnh', 0.6],
  ['Hà', 0.6], ['Phùng', 0.4], ['Tô', 0.3], ['Vương', 0.3], ['Lương', 0.5], ['Cao', 0.5], ['Tạ', 0.3],
  ['Châu', 0.3], ['Quách', 0.2], ['Lưu', 0.3], ['Thái', 0.2], ['La', 0.2], ['Nông', 0.3], ['Lò', 0.2],
  ['Kiều', 0.2], ['Đào', 0.6], ['Triệu', 0.3], ['Chu', 0.2],
];

export const MALE_MIDDLE_NAMES = ['Đức', 'Hữu', 'Minh', 'Quang', 'Thanh', 'Công', 'Xuân', 'Ngọc', 'Anh', 'Văn', 'Quốc', 'Đình', 'Mạnh', 'Tuấn', 'Hoàng', 'Trọng'] as const;
export const FEMALE_MIDDLE_NAMES = ['Ngọc', 'Thanh', 'Thu', 'Minh', 'Kim', 'Bảo', 'Phương', 'Hồng', 'Mỹ', 'Thúy', 'Diệu', 'Khánh', 'Hoài', 'Tuyết', 'Lan', 'Quỳnh'] as const;

export const MALE_GIVEN_NAMES = [
  'Anh', 'Hùng', 'Dũng', 'Tuấn', 'Minh', 'Hải', 'Nam', 'Long', 'Sơn', 'Thắng', 'Cường', 'Hưng', 'Trung', 'Đức',
  'Huy', 'Hoàng', 'Phong', 'Quang', 'Thành', 'Tùng', 'Việt', 'Bình', 'Khánh', 'Đạt', 'Hiếu', 'Phúc', 'Lộc',
  'Tài', 'Kiên', 'Toàn', 'Vinh', 'Hòa', 'Khoa', 'Duy', 'Tiến', 'Thịnh', 'Nghĩa', 'Quân', 'Trí', 'Tâm', 'Chiến',
  'Công', 'Lâm', 'Mạnh', 'Nhân', 'Phước', 'Thái', 'Thuận', 'Tú', 'Vũ', 'Khôi', 'Đông', 'Hậu', 'An', 'Bảo',
  'Giang', 'Lợi', 'Dương', 'Đăng', 'Thủy',
] as const;

export const FEMALE_GIVEN_NAMES = [
  'Linh', 'Hương', 'Trang', 'Lan', 'Hoa', 'Hà', 'Mai', 'Hằng', 'Thảo', 'Ngọc', 'Thu', 'Phương', 'Anh', 'Huyền',
  'Nga', 'Hạnh', 'Dung', 'Hiền', 'Yến', 'Vân', 'Loan', 'Nhung', 'Thủy', 'Thúy', 'Thùy', 'Quỳnh', 'Trâm', 'Uyên',
  'Vy', 'My', 'Nhi', 'Châu', 'Chi', 'Duyên', 'Giang', 'Hòa', 'Hồng', 'Huệ', 'Liên', 'Ngân', 'Oanh', 'Tâm',
  'Tuyết', 'Xuân', 'Diệp', 'Đào', 'Khánh', 'Hoài', 'Lụa', 'Nguyệt', 'Thơ', 'Trinh', 'Bích', 'Diễm', 'Đoan',
] as const;

/** Zipf-like weights: the first names in each list are the most common. */
export function rankWeights(count: number): number[] {
  return Array.from({ length: count }, (_, i) => 1 / (i + 4));
}
