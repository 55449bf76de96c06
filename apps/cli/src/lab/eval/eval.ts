import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadSettings, Settings } from '@lgsp/config';
import { createLogger } from '@lgsp/logging';
import { allTopicsOf, topicNames } from '@lgsp/contracts';
import { pipelineGroupOf } from '@lgsp/reconciliation';
import { groupLag } from '@lgsp/transport';
import {
  AccuracyReport,
  countRows,
  generateDataset,
  openEvaluationDatabase,
  openLabRuntime,
  OutboxRelay,
  scoreResults,
  SnapshotLoader,
} from '@lgsp/lab';
import { environmentWith, RuntimeFlags } from '../../commands/runtime-flags';
import { PipelineProcess } from './pipeline-process';

export interface EvalFlags extends RuntimeFlags {
  citizens: string;
  seed: string;
  province: string;
  json?: boolean;
  keep?: boolean;
  timeout: string;
}

const say = (line: string) => process.stderr.write(`${line}\n`);
const pct = (x: number) => `${(x * 100).toFixed(3)} %`;

/** `lgsp eval`: generated data with ground truth through the real pipeline, scored. */
export async function runEval(flags: EvalFlags): Promise<void> {
  const settings = loadSettings(environmentWith(flags));
  const citizens = Number(flags.citizens);
  const seed = Number(flags.seed);
  if (!Number.isInteger(citizens) || citizens < 1) throw new Error('--citizens must be a positive integer');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const report = await evaluate(settings, {
    citizens,
    seed,
    province: flags.province,
    keep: Boolean(flags.keep),
    idleTimeoutMs: Number(flags.timeout) * 1000,
  });
  print(report, Boolean(flags.json));
}

export interface EvaluationReport extends AccuracyReport {
  seed: number;
  citizens: number;
  transport: string;
  sectoralRecords: number;
  loadSeconds: number;
  pipelineSeconds: number;
  recordsPerSecond: number;
}

async function evaluate(
  settings: Settings,
  run: { citizens: number; seed: number; province: string; keep: boolean; idleTimeoutMs: number },
): Promise<EvaluationReport> {
  const database = await openEvaluationDatabase(settings, say);
  const runtime = await openLabRuntime(
    { ...settings, databaseUrl: database.url },
    { logger: createLogger('warn', pino.destination(2)) },
  );
  const prefix = `lgsp-eval-${randomBytes(4).toString('hex')}`;
  const topics = topicNames(prefix);
  const pipeline = new PipelineProcess();
  try {
    await runtime.transport.createTopics(
      allTopicsOf(topics).map((topic) => ({
        topic,
        partitions: settings.topicPartitions,
      })),
    );
    pipeline.start({
      DATABASE_URL: database.url,
      LGSP_TRANSPORT: settings.transport,
      KAFKA_BROKERS: settings.kafkaBrokers.join(','),
      LGSP_TOPIC_PREFIX: prefix,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
    });
    const started = Date.now();
    const dataset = generateDataset({ seed: run.seed, citizens: run.citizens, province: run.province });
    const relay = new OutboxRelay(runtime.pool, runtime.transport, { topics: topics.sources });
    relay.start();
    say(`generating and loading ${run.citizens} citizens (seed ${run.seed}, province ${run.province})…`);
    await new SnapshotLoader(runtime.pool).load(dataset);
    await relay.stop();
    await relay.drain();
    const loaded = Date.now();
    const expected = await countRows(runtime.pool, 'evaluation.ground_truth');
    say(`loaded and published in ${((loaded - started) / 1000).toFixed(1)} s; waiting for ${expected} results…`);
    // Done when the pipeline's group has consumed every source topic to its end: counting
    // results is not enough, a record first found NOT_FOUND changes when its citizen arrives.
    let last = -1;
    let lastLag = -1;
    let lastChange = Date.now();
    let lastCounted = 0;
    for (;;) {
      if (!pipeline.isRunning()) throw new Error('the pipeline process exited during the evaluation');
      const lag = await groupLag(runtime.transport, pipelineGroupOf(prefix), Object.values(topics.sources));
      // Counting scans the results table: at a million rows that is work taken from the pipeline.
      const count = lag === 0 || Date.now() - lastCounted >= 10_000;
      const done = count ? await countRows(runtime.pool, 'reconciliation.results') : Math.max(last, 0);
      if (count) lastCounted = Date.now();
      if (lag === 0 && done >= expected) break;
      if (done !== last || lag !== lastLag) {
        say(`  ${done} / ${expected} results, ${lag} events to go`);
        last = done;
        lastLag = lag;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > run.idleTimeoutMs) {
        say(`results stopped at ${done} of ${expected} with ${lag} events to go; scoring what is there`);
        break;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    const finished = Date.now();
    const accuracy = await scoreResults(runtime.pool);
    return {
      ...accuracy,
      seed: run.seed,
      citizens: run.citizens,
      transport: settings.transport,
      sectoralRecords: expected,
      loadSeconds: (loaded - started) / 1000,
      pipelineSeconds: (finished - started) / 1000,
      recordsPerSecond: Math.round(expected / ((finished - started) / 1000)),
    };
  } finally {
    await pipeline.stop();
    if (settings.transport === 'kafka') await runtime.transport.deleteTopics(allTopicsOf(topics)).catch(() => undefined);
    await runtime.close();
    await database.close(run.keep);
  }
}

function print(r: EvaluationReport, json: boolean): void {
  const lines = [
    `records evaluated     ${r.records} (${r.missingResults} without a result)`,
    `outcome accuracy      ${pct(r.outcomeAccuracy)}`,
    `mismatch precision    ${pct(r.mismatchPrecision)}`,
    `mismatch recall       ${pct(r.mismatchRecall)}`,
    `candidate top-1       ${pct(r.candidateTop1)} of ${r.candidateRecords} records with a wrong ID and intact name and date of birth`,
    `throughput            ${r.recordsPerSecond} records/s end to end (${r.pipelineSeconds.toFixed(1)} s, load ${r.loadSeconds.toFixed(1)} s)`,
  ];
  if (Object.keys(r.confusion).length > 0) lines.push(`outcome errors        ${JSON.stringify(r.confusion)}`);
  if (Object.keys(r.missedByKind).length > 0) lines.push(`missed differences    ${JSON.stringify(r.missedByKind)}`);
  if (Object.keys(r.spuriousByKind).length > 0) lines.push(`spurious differences  ${JSON.stringify(r.spuriousByKind)}`);
  process.stdout.write(lines.join('\n') + '\n');
  if (json) process.stdout.write(JSON.stringify(r) + '\n');
}
