import { Stall, StallWatch } from './stall-watch';

function watch(lags: (number | undefined)[], stallMs = 10_000) {
  let t = 0;
  const events: string[] = [];
  const w = new StallWatch({
    stallMs,
    lagOf: async () => lags.shift(),
    onStall: (s: Stall) => events.push(`stall lag=${s.lag} idle=${s.idleMs}`),
    onRecover: () => events.push('recovered'),
    now: () => t,
  });
  return { w, events, at: (ms: number) => (t = ms) };
}

describe('StallWatch', () => {
  it('calls a consumer stalled once messages waited with none processed for the stall time, and recovered on progress', async () => {
    const { w, events, at } = watch([5, 5, 5, 7]);
    at(9_999);
    await w.check();
    expect(w.stalled()).toBeUndefined();
    at(10_000);
    await w.check();
    expect(w.stalled()).toMatchObject({ lag: 5, idleMs: 10_000 });
    at(20_000);
    await w.check();
    expect(events).toEqual(['stall lag=5 idle=10000']);
    expect(w.stalled()).toMatchObject({ lag: 5, idleMs: 20_000 });
    w.progressed();
    expect(w.stalled()).toBeUndefined();
    expect(events).toEqual(['stall lag=5 idle=10000', 'recovered']);
    at(25_000);
    await w.check();
    expect(w.stalled()).toBeUndefined();
  });

  it('never calls an idle consumer stalled, and keeps its verdict while the lag cannot be read', async () => {
    const { w, at } = watch([0, 3, undefined, 3]);
    at(50_000);
    await w.check(); // idle since 0: nothing waiting
    expect(w.stalled()).toBeUndefined();
    at(55_000);
    await w.check(); // work arrived 5 s after the last idle check
    expect(w.stalled()).toBeUndefined();
    at(70_000);
    await w.check(); // broker away: no verdict
    expect(w.stalled()).toBeUndefined();
    at(70_001);
    await w.check();
    expect(w.stalled()).toMatchObject({ lag: 3, idleMs: 20_001 });
  });

  it('does nothing when disabled', async () => {
    const { w, at } = watch([9], 0);
    at(1e9);
    await w.check();
    expect(w.stalled()).toBeUndefined();
  });
});
