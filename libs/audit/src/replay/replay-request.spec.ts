import { topicNames } from '@lgsp/contracts';
import { ProgressClock, progressLine } from './replay-progress';
import { InvalidReplayRequest, replayRequestOf } from './replay-request';

const topics = topicNames('t');

describe('replayRequestOf', () => {
  it('takes sources as a list or comma-separated, and maps them to the deployment’s topics', () => {
    const r = replayRequestOf({ sources: 'land, insurance', from: '2026-11-01', to: '2026-12-01', provinces: '66,01' }, topics);
    expect(r.sources).toEqual({ land: 't.land', insurance: 't.insurance' });
    expect(r.from.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(r.provinces).toEqual(['66', '01']);
    expect(Object.keys(replayRequestOf({ from: '2026-11-01', to: '2026-12-01' }, topics).sources)).toEqual([
      'land',
      'insurance',
      'business',
    ]);
  });

  it.each([
    [{ sources: ['population'], from: '2026-11-01', to: '2026-12-01' }, 'sources'],
    [{ from: 'soon', to: '2026-12-01' }, 'from'],
    [{ from: '2026-11-01' }, 'to'],
    [{ from: '2026-12-01', to: '2026-11-01' }, 'to'],
    [{ from: '2026-11-01', to: '2026-12-01', provinces: ['99'] }, 'provinces'],
  ])('refuses %j naming %s', (asked, field) => {
    expect(() => replayRequestOf(asked, topics)).toThrow(InvalidReplayRequest);
    try {
      replayRequestOf(asked, topics);
    } catch (e) {
      expect((e as InvalidReplayRequest).field).toBe(field);
    }
  });
});

describe('progressLine', () => {
  it('gives the phase’s rate and the time left at that rate', () => {
    let now = 0;
    const clock = new ProgressClock(() => now);
    clock.report({ phase: 'deciding', done: 0, total: 10_000 });
    now = 2000;
    const r = clock.report({ phase: 'deciding', done: 4000, total: 10_000 });
    expect(r.rate).toBe(2000);
    expect(r.etaSeconds).toBe(3);
    expect(progressLine(r)).toBe('deciding 4,000/10,000 events decided (40 %) · 2,000/s · ETA 3 s');
    // A new phase starts its own clock: no rate yet, no ETA.
    expect(progressLine(clock.report({ phase: 'writing', done: 0, total: 50 }))).toBe(
      'writing 0/50 decisions written (0 %) · 0/s · ETA –',
    );
  });
});
