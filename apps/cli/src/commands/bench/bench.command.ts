import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { REPO_ROOT } from '../app-process';
import { renderChart } from './bench-chart';
import { BenchReport, benchTable } from './bench-report';
import { BenchOptions, runBench, runScalePoint } from './bench-run';
import { benchInfrastructure } from './bench-scratch';

interface BenchFlags {
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

/** Sizes of --quick: small enough for under two minutes on the 2-core machine. */
const QUICK = { citizens: 3000, durationS: 8, baselineS: 8 };
const FULL = { citizens: 30000, durationS: 30, baselineS: 30 };

function positive(value: string | undefined, flag: string, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`${flag} must be a positive number`);
  return n;
}

export function benchCommand(): Command {
  return new Command('bench')
    .description(
      'benchmark on the real Kafka broker and PostgreSQL: ceilings (raw kafkajs consume, COPY), the NestJS+TypeORM ' +
        'baseline and the pipeline end to end, on the same generated data; latency at a steady load, worker memory',
    )
    .option('--citizens <n>', `citizens in the generated registry (default ${FULL.citizens}, --quick ${QUICK.citizens})`)
    .option('--seed <s>', 'generator seed', '1')
    .option('--province <code|national>', '2025 province code or "national"', '66')
    .option('--rate <events/s>', 'offered load of the latency phase', '2000')
    .option('--duration <seconds>', `length of the latency phase (default ${FULL.durationS}, --quick ${QUICK.durationS})`)
    .option('--baseline-seconds <s>', `longest the baseline runs (default ${FULL.baselineS}, --quick ${QUICK.baselineS})`)
    .option('--partitions <n>', 'partitions per topic', '6')
    .option('--workers <n>', 'pipeline processes in one consumer group (a deployment scales out this way)', '1')
    .option('--timeout <seconds>', 'give up when a consumer makes no progress for this long', '120')
    .option('--quick', 'a small size, under two minutes')
    .option('--scale', 'then repeat the pipeline at each of --scale-sizes citizens (throughput and memory against size)')
    .option('--scale-sizes <list>', 'registry sizes of --scale', '100000,1000000,3000000')
    .option('--out <dir>', 'where the JSON and the chart go', join(REPO_ROOT, '.lgsp', 'bench'))
    .option('--no-chart', 'skip the PNG chart')
    .option('--json', 'print one JSON object on the last line')
    .option('--brokers <list>', 'Kafka brokers host:port,… (default KAFKA_BROKERS, else the local broker is brought up)')
    .option('--database-url <url>', `PostgreSQL server (default DATABASE_URL, else the local server); a scratch database per run`)
    .action(async (flags: BenchFlags) => {
      const size = flags.quick ? QUICK : FULL;
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
    });
}

function print(report: BenchReport, json: boolean): void {
  const files = [`json: ${report.jsonFile}`, report.chartFile ? `chart: ${report.chartFile}` : ''].filter(Boolean);
  process.stdout.write(`${benchTable(report)}\n${files.join('\n')}\n`);
  if (json) process.stdout.write(JSON.stringify(report) + '\n');
}
