import { buildProvinceHistory, foldAddress } from './address';

describe('buildProvinceHistory().findProvinceInText', () => {
  const history = buildProvinceHistory(
    [
      { code: '46', name: 'Tỉnh Thừa Thiên Huế' },
      { code: '54', name: 'Tỉnh Phú Yên' },
      { code: '66', name: 'Tỉnh Đắk Lắk' },
      { code: '01', name: 'Thành phố Hà Nội' },
    ],
    [
      { code: '46', name: 'Thành phố Huế' },
      { code: '66', name: 'Tỉnh Đắk Lắk' },
      { code: '01', name: 'Thành phố Hà Nội' },
    ],
    (old) => ({ '46': '46', '54': '66', '66': '66', '01': '01' })[old],
  );
  const find = (text: string) => history.findProvinceInText(foldAddress(text));

  it('finds the province named last, in either era', () => {
    expect(find('12 Lê Lợi, Phường 1, Phú Yên')).toEqual({ code: '54', era: 'OLD' });
    expect(find('Thôn 3, xã Ea Kao, Đắk Lắk')).toEqual({ code: '66', era: 'NEW' });
    expect(find('Hà Nội, sau chuyển về Đắk Lắk')).toEqual({ code: '66', era: 'NEW' });
  });

  it('prefers the longer name ending on the same word, and counts an old name still in use as current', () => {
    expect(find('Phường Phú Hội, Thừa Thiên Huế')).toEqual({ code: '46', era: 'OLD' });
    expect(find('Phường Phú Hội, Huế')).toEqual({ code: '46', era: 'NEW' });
    expect(find('Ba Đình, Hà Nội')).toEqual({ code: '01', era: 'NEW' });
  });

  it('matches whole words only, and finds nothing in an address without a province', () => {
    expect(find('Khu phố Huếch, Phường 2')).toBeUndefined();
    expect(find('')).toBeUndefined();
  });
});
