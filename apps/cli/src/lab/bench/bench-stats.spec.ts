import { benchTable, BenchReport, ratiosOf } from './bench-report';
import { formatRatio, formatTable, peakRssMiB, percentile, ratePerSecond, ratio } from './bench-stats';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles of unsorted values', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('computes rates and ratios, never dividing by nothing', () => {
    expect(ratePerSecond(5000, 2500)).toBe(2000);
    expect(ratePerSecond(10, 0)).toBe(0);
    expect(ratio(1000, 4000)).toBe(0.25);
    expect(ratio(1, 0)).toBeNaN();
  });

  it('formats ratios as percentages below one and multiples above', () => {
    expect(formatRatio(0.4321)).toBe('43.2 %');
    expect(formatRatio(2.5)).toBe('2.5 ×');
    expect(formatRatio(24.4)).toBe('24 ×');
    expect(formatRatio(NaN)).toBe('—');
  });

  it('pads a table: text left, figures right', () => {
    expect(
      formatTable([
        ['what', 'n'],
        ['a', '1,000'],
        ['bb', '2'],
      ]),
    ).toBe(['what      n', '----  -----', 'a     1,000', 'bb        2'].join('\n'));
  });

  it('reads the peak resident set from /proc/<pid>/status', () => {
    expect(peakRssMiB('Name:\tnode\nVmPeak:\t 999 kB\nVmHWM:\t  204800 kB\nVmRSS:\t 1024 kB\n')).toBe(200);
    expect(peakRssMiB('Name:\tnode\n')).toBeNaN();
  });

  it('prints every figure of a report with the pipeline ratios', () => {
    const rates = { rawConsumeRps: 80_000, copyRps: 100_000, baselineRps: 300, pipelineRps: 3000 };
    const report: BenchReport = {
      startedAt: '2026-11-23T20:00:00.000Z',
      machine: { cpus: 2, cpuModel: 'test', memoryGiB: 8, note: '' },
      citizens: 5000,
      seed: 1,
      province: '66',
      events: 11_000,
      workers: 2,
      loadSeconds: 3,
      ...rates,
      baselineMessages: 900,
      offeredRate: 2000,
      achievedRate: 1990,
      latencySamples: 20_000,
      p50LatencyMs: 120,
      p95LatencyMs: 480,
      p99LatencyMs: 900,
      workerPeakRssMiB: 180.25,
      ratios: ratiosOf(rates),
    };
    expect(report.ratios.pipelineToRawConsume).toBeCloseTo(0.0375);
    expect(report.ratios.pipelineToBaseline).toBe(10);
    const table = benchTable(report);
    expect(table).toContain('80,000 rec/s');
    expect(table).toContain('3.8 %');
    expect(table).toContain('10 ×');
    expect(table).toContain('900 ms');
    expect(table).toContain('180.3 MiB');
    expect(table).toContain('pipeline, end to end (2 processes)');
  });
});
