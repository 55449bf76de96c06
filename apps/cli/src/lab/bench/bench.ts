import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart } from './bench-chart';
import { BenchReport, benchTable } from './bench-report';
import { BenchOptions, runBench, runScalePoint } from './bench-run';
import { BenchInfrastructure, benchInfrastructure } from './bench-scratch';
import { gatewayTable, runGatewayIngest } from './gateway-ingest';
import { BENCH_SIZES } from './bench-sizes';
import { RunStamp, runStamp, stampLine } from '../run-stamp';

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
  gateway?: boolean;
  gatewayRecords: string;
  gatewayLines: string;
  gatewayClients: string;
  gatewayProcesses: string;
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
  const measuredOn = await runStamp(infra.serverUrl);
  if (flags.gateway) return runGatewayBench(flags, infra, measuredOn);
  const report = await runBench(infra, options, say);
  report.stamp = measuredOn;
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

/** `lgsp bench --gateway`: the gateway's ingestion alone, its table and JSON. */
async function runGatewayBench(flags: BenchFlags, infra: BenchInfrastructure, measuredOn: RunStamp): Promise<void> {
  const startedAt = new Date().toISOString();
  const report = {
    startedAt,
    stamp: measuredOn,
    gateway: await runGatewayIngest(
      infra,
      {
        records: Math.round(positive(flags.gatewayRecords, '--gateway-records', 100_000)),
        linesPerRequest: Math.round(positive(flags.gatewayLines, '--gateway-lines', 10_000)),
        clients: Math.round(positive(flags.gatewayClients, '--gateway-clients', 2)),
        processes: Math.round(positive(flags.gatewayProcesses, '--gateway-processes', 1)),
        partitions: Math.round(positive(flags.partitions, '--partitions', 6)),
      },
      say,
    ),
  };
  mkdirSync(flags.out, { recursive: true });
  const jsonFile = join(flags.out, `bench-gateway-${startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(jsonFile, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`${gatewayTable(report.gateway)}\nmeasured on ${stampLine(measuredOn)}\njson: ${jsonFile}\n`);
  if (flags.json) process.stdout.write(JSON.stringify(report) + '\n');
}

function print(report: BenchReport, json: boolean): void {
  const files = [`json: ${report.jsonFile}`, report.chartFile ? `chart: ${report.chartFile}` : ''].filter(Boolean);
  const stamp = report.stamp ? `measured on ${stampLine(report.stamp)}\n` : '';
  process.stdout.write(`${benchTable(report)}\n${stamp}${files.join('\n')}\n`);
  if (json) process.stdout.write(JSON.stringify(report) + '\n');
}
