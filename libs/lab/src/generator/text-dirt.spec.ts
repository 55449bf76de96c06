import { Permutation } from './permutation';
import { caseAndSpacing, foldDiacritics, strokeFreeD, swapTonePlacement, typo } from './text-dirt';

describe('text dirt', () => {
  it('folds diacritics including Đ', () => {
    expect(foldDiacritics('Đặng Thị Hòa')).toBe('Dang Thi Hoa');
    expect(foldDiacritics('Nguyễn'.normalize('NFD'))).toBe('Nguyen');
    expect(strokeFreeD('Đỗ Đức')).toBe('Dỗ Dức');
  });

  it.each([
    ['Hòa', 'Hoà'],
    ['Hoà', 'Hòa'],
    ['Thúy', 'Thuý'],
    ['Thủy', 'Thuỷ'],
    ['Khỏe', 'Khoẻ'],
    ['Hóa', 'Hoá'],
  ])('moves the tone of %s to %s', (from, to) => {
    expect(swapTonePlacement(from)).toBe(to);
  });

  it.each(['Quý', 'Hoàng', 'Nguyễn', 'An', 'Hoa', 'Tuyết'])('leaves %s alone', (word) => {
    expect(swapTonePlacement(word)).toBeNull();
  });

  it('makes typos that survive folding', () => {
    let k = 0;
    const pick = (n: number) => k++ % n;
    for (let i = 0; i < 50; i++) {
      for (const transpose of [false, true]) {
        const name = 'Nguyễn Thị Hòa';
        const t = typo(name, pick, transpose) as string;
        expect(t).not.toBeNull();
        expect(t).toHaveLength(name.length);
        expect(foldDiacritics(t).toLowerCase()).not.toBe(foldDiacritics(name).toLowerCase());
      }
    }
  });

  it('changes case and spacing', () => {
    expect(caseAndSpacing('Lê Văn An', 0, 0)).toBe('LÊ VĂN AN');
    expect(caseAndSpacing('Lê Văn An', 2, 1)).toBe('Lê Văn  An');
  });
});

describe('Permutation', () => {
  it.each([1, 2, 7, 1000, 4097])('is a bijection of [0, %i)', (size) => {
    const p = new Permutation(size, 12345);
    const seen = new Set<number>();
    for (let x = 0; x < size; x++) seen.add(p.apply(x, 3));
    expect(seen.size).toBe(size);
    expect(Math.max(...seen)).toBe(size - 1);
  });
});
