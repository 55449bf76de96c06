import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart } from './bench-chart';
import { BenchReport, benchTable } from './bench-report';
import { BenchOptions, runBench, runScalePoint } from './bench-run';
import { benchInfrastructure } from './bench-scratch';
import { BENCH_SIZES } from './bench-sizes';

export interface BenchFlags {
  citizens?: string;
  seed: string;
  province: string;
  rate: string;
  duration?: string;
  baselineSeconds?: string;
  partitions: string;
  workers: string;
  timeout: string;
  quick?: boolean;
  scale?: boolean;
  scaleSizes: string;
  out: string;
  chart: boolean;
  json?: boolean;
  brokers?: string;
  databaseUrl?: string;
}

const say = (line: string) => process.stderr.write(`${line}\n`);

function positive(value: string | undefined, flag: string, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`${flag} must be a positive number`);
  return n;
}

/** `lgsp bench`: every measurement on one generated dataset, then the JSON, the chart and the table. */
export async function runBenchCommand(flags: BenchFlags): Promise<void> {
  const size = flags.quick ? BENCH_SIZES.quick : BENCH_SIZES.full;
  const options: BenchOptions = {
    citizens: Math.round(positive(flags.citizens, '--citizens', size.citizens)),
    seed: Number(flags.seed),
    province: flags.province,
    rate: positive(flags.rate, '--rate', 2000),
    durationMs: positive(flags.duration, '--duration', size.durationS) * 1000,
    baselineMs: positive(flags.baselineSeconds, '--baseline-seconds', size.baselineS) * 1000,
    partitions: Math.round(positive(flags.partitions, '--partitions', 6)),
    workers: Math.round(positive(flags.workers, '--workers', 1)),
    idleTimeoutMs: positive(flags.timeout, '--timeout', 120) * 1000,
  };
  if (!Number.isInteger(options.seed)) throw new Error('--seed must be an integer');
  const scaleSizes = flags.scale
    ? flags.scaleSizes.split(',').map((s) => Math.round(positive(s.trim(), '--scale-sizes', 0)))
    : [];

  const infra = await benchInfrastructure(flags, say);
  const report = await runBench(infra, options, say);
  if (scaleSizes.length > 0) {
    report.scale = [];
    for (const citizens of scaleSizes) report.scale.push(await runScalePoint(infra, { ...options, citizens }, say));
  }
  mkdirSync(flags.out, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  report.jsonFile = join(flags.out, `bench-${stamp}.json`);
  if (flags.chart) {
    report.chartFile = join(flags.out, `bench-${stamp}.png`);
    await renderChart(report, report.chartFile);
  }
  writeFileSync(report.jsonFile, JSON.stringify(report, null, 2) + '\n');
  print(report, Boolean(flags.json));
}

function print(report: BenchReport, json: boolean): void {
  const files = [`json: ${report.jsonFile}`, report.chartFile ? `chart: ${report.chartFile}` : ''].filter(Boolean);
  process.stdout.write(`${benchTable(report)}\n${files.join('\n')}\n`);
  if (json) process.stdout.write(JSON.stringify(report) + '\n');
}
