import { compareNames, foldDiacritics, foldedNameKey, normalizeTonePlacement, splitName, yiKey } from '.';

describe('foldDiacritics', () => {
  it('strips every mark and maps Đ/đ explicitly', () => {
    expect(foldDiacritics('Đặng Văn Đức')).toBe('Dang Van Duc');
    expect(foldDiacritics('Nguyễn Thị Hoà')).toBe('Nguyen Thi Hoa');
    expect(foldDiacritics('Nguyễn'.normalize('NFD'))).toBe('Nguyen');
  });
  it('is not fooled by NFD: plain mark stripping would leave Đ', () => {
    const naive = 'Đức'.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    expect(naive).toBe('Đuc');
    expect(foldDiacritics('Đức')).toBe('Duc');
  });
});

describe('normalizeTonePlacement', () => {
  it.each([
    ['Hoà', 'Hòa'],
    ['thuý', 'thúy'],
    ['khoẻ', 'khỏe'],
    ['HOÁ', 'HÓA'],
    ['Tuỳ', 'Tùy'],
    ['hòa', 'hòa'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeTonePlacement(input)).toBe(expected.normalize('NFC'));
  });
  it('leaves syllables with one correct placement alone', () => {
    for (const s of ['Hoàng', 'thuyền', 'quý', 'Quỳnh', 'khuỷu', 'Toán']) expect(normalizeTonePlacement(s)).toBe(s);
  });
  it('accepts NFD input and returns NFC', () => {
    expect(normalizeTonePlacement('Hoà'.normalize('NFD'))).toBe('Hòa'.normalize('NFC'));
  });
});

describe('yiKey', () => {
  it('unifies final y/i after an onset only', () => {
    expect(yiKey('ly')).toBe('li');
    expect(yiKey('quy')).toBe('qui');
    expect(yiKey('my')).toBe('mi');
    expect(yiKey('thuy')).toBe('thuy');
    expect(yiKey('tay')).toBe('tay');
    expect(yiKey('huyen')).toBe('huyen');
  });
});

describe('splitName', () => {
  it('splits family / middle / given', () => {
    expect(splitName('  Nguyễn   Thị Minh  Khai ')).toEqual({ family: 'nguyễn', middle: ['thị', 'minh'], given: 'khai' });
    expect(splitName('Lan')).toEqual({ family: '', middle: [], given: 'lan' });
    expect(splitName('')).toEqual({ family: '', middle: [], given: '' });
  });
});

describe('compareNames', () => {
  const cases: [string, string, string, string][] = [
    ['identical', 'Nguyễn Thị Hoa', 'Nguyễn Thị Hoa', 'EXACT'],
    ['NFD vs NFC', 'Nguyễn Thị Hoa'.normalize('NFD'), 'Nguyễn Thị Hoa', 'UNICODE_FORM'],
    ['upper case', 'NGUYỄN THỊ HOA', 'Nguyễn Thị Hoa', 'CASE_OR_SPACING'],
    ['extra spaces', ' Nguyễn  Thị   Hoa ', 'Nguyễn Thị Hoa', 'CASE_OR_SPACING'],
    ['NFD and upper case', 'NGUYỄN THỊ HOA'.normalize('NFD'), 'Nguyễn Thị Hoa', 'CASE_OR_SPACING'],
    ['old tone placement', 'Nguyễn Thị Hoà', 'Nguyễn Thị Hòa', 'TONE_PLACEMENT'],
    ['new tone placement, NFD', 'Lê Thị Thúy'.normalize('NFD'), 'Lê Thị Thuý', 'TONE_PLACEMENT'],
    ['Đ written D', 'Dặng Văn Dức', 'Đặng Văn Đức', 'D_STROKE'],
    ['all diacritics missing incl. Đ', 'Dang Van Duc', 'Đặng Văn Đức', 'MISSING_DIACRITICS'],
    ['no diacritics', 'Tran Van Nam', 'Trần Văn Nam', 'MISSING_DIACRITICS'],
    ['some diacritics missing', 'Nguyên Thi Hoà', 'Nguyễn Thị Hòa', 'MISSING_DIACRITICS'],
    ['y/i', 'Lí Thị Mĩ', 'Lý Thị Mỹ', 'Y_I_VARIANT'],
    ['family name last', 'Hoa Nguyễn Thị', 'Nguyễn Thị Hoa', 'TOKEN_ORDER'],
    ['letter dropped', 'Nguyen Van Thanhh', 'Nguyễn Văn Thanh', 'TYPO'],
    ['letters transposed in a long syllable', 'Ngyuen Van Hung', 'Nguyễn Văn Hùng', 'TYPO'],
    ['wrong tone mark', 'Nguyễn Thị Hóa', 'Nguyễn Thị Hoa', 'TYPO'],
    ['Đ where the registry has D', 'Đung', 'Dung', 'TYPO'],
    ['letter dropped in the family name', 'Nguen Van Nam', 'Nguyễn Văn Nam', 'TYPO'],
    ['two slips in a long middle name', 'Nguyễn Huongg Giangg', 'Nguyễn Hương Giang', 'TYPO'],
    ['three slips in all', 'Nguen Huongg Giangg', 'Nguyễn Hương Giang', 'DIFFERENT'],
    ['An vs Anh: different given names', 'Nguyễn Văn An', 'Nguyễn Văn Anh', 'DIFFERENT'],
    ['Hoa vs Hoan', 'Nguyễn Thị Hoa', 'Nguyễn Thị Hoan', 'DIFFERENT'],
    ['Nam vs Lam', 'Nguyễn Văn Nam', 'Nguyễn Văn Lam', 'DIFFERENT'],
    ['Hoa vs Hao: a transposition that spells another name', 'Nguyễn Thị Hoa', 'Nguyễn Thị Hào', 'DIFFERENT'],
    ['Hoa vs Hảo', 'Nguyễn Thị Hoa', 'Nguyễn Thị Hảo', 'DIFFERENT'],
    ['another person', 'Phạm Minh Tuấn', 'Nguyễn Thị Hoa', 'DIFFERENT'],
    ['middle name dropped', 'Nguyễn Hoa', 'Nguyễn Thị Hoa', 'DIFFERENT'],
  ];
  it.each(cases)('%s', (_label, recorded, registry, kind) => {
    expect(compareNames(recorded, registry).kind).toBe(kind);
  });

  it('reports MISSING for a blank recorded name', () => {
    expect(compareNames(null, 'Nguyễn Thị Hoa').kind).toBe('MISSING');
    expect(compareNames(' \u200b ', 'Nguyễn Thị Hoa').kind).toBe('MISSING');
  });

  it('scores the ladder in order of seriousness', () => {
    const score = (a: string, b: string) => compareNames(a, b).score;
    const registry = 'Đặng Văn Hòa';
    const exact = score(registry, registry);
    const tone = score('Đặng Văn Hoà', registry);
    const folded = score('Dang Van Hoa', registry);
    const typo = score('Dang Van Hoaa', registry);
    const different = score('Dang Van Minh', registry);
    expect(exact).toBe(1);
    expect(tone).toBeLessThan(exact);
    expect(folded).toBeLessThan(tone);
    expect(typo).toBeLessThan(folded);
    expect(different).toBeLessThan(typo);
    expect(different).toBeGreaterThan(0);
  });
});

describe('foldedNameKey', () => {
  it('is equal for spelling variants, different for other names', () => {
    const key = foldedNameKey('Lý Thị Hòa');
    expect(foldedNameKey('LI THI HOA')).toBe(key);
    expect(foldedNameKey('Lí Thị Hoà'.normalize('NFD'))).toBe(key);
    expect(foldedNameKey('Lý Thị Hoa Hoa')).not.toBe(key);
  });
});
