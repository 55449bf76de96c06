import { join } from 'node:path';
import { Command } from 'commander';
import { REPO_ROOT } from '../../commands/app-process';
import { labAction } from '../lab-action';
import { BENCH_SIZES } from './bench-sizes';

export function benchCommand(): Command {
  return new Command('bench')
    .description(
      'benchmark on the real Kafka broker and PostgreSQL: ceilings (raw kafkajs consume, COPY), the NestJS+TypeORM ' +
        'baseline and the pipeline end to end, on the same generated data; latency at a steady load, worker memory',
    )
    .option(
      '--citizens <n>',
      `citizens in the generated registry (default ${BENCH_SIZES.full.citizens}, --quick ${BENCH_SIZES.quick.citizens})`,
    )
    .option('--seed <s>', 'generator seed', '1')
    .option('--province <code|national>', '2025 province code or "national"', '66')
    .option('--rate <events/s>', 'offered load of the latency phase', '2000')
    .option(
      '--duration <seconds>',
      `length of the latency phase (default ${BENCH_SIZES.full.durationS}, --quick ${BENCH_SIZES.quick.durationS})`,
    )
    .option(
      '--baseline-seconds <s>',
      `longest the baseline runs (default ${BENCH_SIZES.full.baselineS}, --quick ${BENCH_SIZES.quick.baselineS})`,
    )
    .option('--partitions <n>', 'partitions per topic', '6')
    .option('--workers <n>', 'pipeline processes in one consumer group (a deployment scales out this way)', '1')
    .option('--timeout <seconds>', 'give up when a consumer makes no progress for this long', '120')
    .option('--quick', 'a small size, under two minutes')
    .option('--scale', 'then repeat the pipeline at each of --scale-sizes citizens (throughput and memory against size)')
    .option('--scale-sizes <list>', 'registry sizes of --scale', '100000,1000000,3000000')
    .option(
      '--gateway',
      'measure only the integration gateway: NDJSON records/s and latency to the broker acknowledgement (lgsp gateway as its own process)',
    )
    .option('--gateway-records <n>', 'records the gateway is sent', '100000')
    .option('--gateway-lines <n>', 'NDJSON lines per request', '10000')
    .option('--gateway-clients <n>', 'requests in flight at once', '2')
    .option('--gateway-processes <n>', 'gateway processes sharing its port (sets LGSP_GATEWAY_PROCESSES)', '1')
    .option('--out <dir>', 'where the JSON and the chart go', join(REPO_ROOT, '.lgsp', 'bench'))
    .option('--no-chart', 'skip the PNG chart')
    .option('--json', 'print one JSON object on the last line')
    .option('--brokers <list>', 'Kafka brokers host:port,… (default KAFKA_BROKERS, else the local broker is brought up)')
    .option('--database-url <url>', `PostgreSQL server (default DATABASE_URL, else the local server); a scratch database per run`)
    .action(labAction('bench', async () => (await import('./bench')).runBenchCommand));
}
