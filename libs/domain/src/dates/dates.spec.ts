import { compareDates, parseDate, toIsoDate } from '.';

describe('parseDate', () => {
  it.each([
    ['1990-03-04', 'YYYY-MM-DD'],
    ['04/03/1990', 'DD/MM/YYYY'],
    ['4/3/1990', 'DD/MM/YYYY'],
    ['04-03-1990', 'DD-MM-YYYY'],
    ['04.03.1990', 'DD.MM.YYYY'],
    ['19900304', 'YYYYMMDD'],
    ['1990/03/04', 'YYYY/MM/DD'],
    [' 04/03/1990 ', 'DD/MM/YYYY'],
  ])('reads %s day first as 1990-03-04', (raw, format) => {
    const parsed = parseDate(raw);
    expect(parsed).toMatchObject({ ok: true, iso: '1990-03-04', format });
  });

  it.each([
    ['30/02/1990', 'IMPOSSIBLE_DATE'],
    ['29/02/1900', 'IMPOSSIBLE_DATE'],
    ['31/04/1990', 'IMPOSSIBLE_DATE'],
    ['1990-13-01', 'IMPOSSIBLE_DATE'],
    ['00/01/1990', 'IMPOSSIBLE_DATE'],
    ['1990', 'UNKNOWN_FORMAT'],
    ['04/03/90', 'UNKNOWN_FORMAT'],
    ['March 4, 1990', 'UNKNOWN_FORMAT'],
    ['', 'EMPTY'],
  ])('rejects %s (%s)', (raw, problem) => {
    expect(parseDate(raw)).toEqual({ ok: false, problem });
  });

  it('accepts 29 February in leap years only', () => {
    expect(toIsoDate('29/02/2000')).toBe('2000-02-29');
    expect(toIsoDate('29/02/1996')).toBe('1996-02-29');
    expect(toIsoDate('29/02/1997')).toBeNull();
  });
});

describe('compareDates', () => {
  const registry = '1990-03-25';
  it.each([
    ['1990-03-25', 'EXACT'],
    ['25/03/1990', 'FORMAT_ONLY'],
    ['19900325', 'FORMAT_ONLY'],
    ['03/25/1990', 'DAY_MONTH_SWAP'],
    ['25/03/1991', 'YEAR_WRONG'],
    ['26/03/1990', 'DIFFERENT'],
    ['not a date', 'UNPARSEABLE'],
    ['31/02/1990', 'UNPARSEABLE'],
    [null, 'MISSING'],
    ['  ', 'MISSING'],
  ])('%s vs 1990-03-25 -> %s', (recorded, kind) => {
    expect(compareDates(recorded, registry).kind).toBe(kind);
  });

  it('detects a swap that is still a valid date', () => {
    expect(compareDates('1990-04-03', '1990-03-04')).toEqual({
      kind: 'DAY_MONTH_SWAP',
      recordedIso: '1990-04-03',
      registryIso: '1990-03-04',
    });
  });

  it('does not call a same day-and-month date a swap', () => {
    expect(compareDates('05/05/1991', '1990-05-05').kind).toBe('YEAR_WRONG');
  });

  it('says UNPARSEABLE with registryIso null when the registry date is bad', () => {
    expect(compareDates('25/03/1990', 'garbage')).toEqual({ kind: 'UNPARSEABLE', recordedIso: '1990-03-25', registryIso: null });
  });
});
