import { niceCeiling, recentScale } from './assets/scale';

describe("the dashboard charts' y scale", () => {
  it('rounds up to one significant digit, at least 1', () => {
    expect([0, 0.3, 1, 7.2, 39, 392.7, 1001].map(niceCeiling)).toEqual([1, 1, 1, 8, 40, 400, 2000]);
  });

  it('follows the recent points: a first-load peak is off the top, live traffic fills the axis', () => {
    const load = [0, 390, 392.7, 12, ...Array.from({ length: 60 }, (_, i) => 1 + (i % 3))];
    const early = [null, 5, ...Array.from({ length: 62 }, () => null)];
    expect(recentScale([load, early], 60)).toEqual({ max: 4, offTop: 392.7 });
  });

  it('a stop (zeros lately) keeps an axis of 1, and a window that fits has nothing off the top', () => {
    expect(recentScale([[50, 60, 0, 0, 0]], 3)).toEqual({ max: 1, offTop: 60 });
    expect(recentScale([[2, 3, 3]], 60)).toEqual({ max: 4, offTop: null });
    expect(recentScale([[]], 60)).toEqual({ max: 1, offTop: null });
  });
});
