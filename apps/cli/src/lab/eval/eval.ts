import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { loadSettings, Settings } from '@lgsp/config';
import { createLogger } from '@lgsp/logging';
import { allTopicsOf, topicNames } from '@lgsp/contracts';
import { pipelineGroupOf } from '@lgsp/reconciliation';
import { groupLag } from '@lgsp/transport';
import {
  AccuracyReport,
  AllPairsReference,
  allPairsReference,
  countRows,
  DirtRates,
  generateDataset,
  openEvaluationDatabase,
  openLabRuntime,
  OutboxRelay,
  scoreResults,
  SnapshotLoader,
} from '@lgsp/lab';
import { environmentWith, RuntimeFlags } from '../../commands/runtime-flags';
import { dirtRatesFrom } from '../dirt-options';
import { PipelineProcess } from './pipeline-process';
import { RunStamp, runStamp, stampLine } from '../run-stamp';

export interface EvalFlags extends RuntimeFlags {
  citizens: string;
  seed: string;
  province: string;
  dirtScale?: string;
  dirt?: string;
  json?: boolean;
  keep?: boolean;
  allPairs?: boolean;
  allPairsMax: string;
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
  const allPairsMax = Number(flags.allPairsMax);
  if (!Number.isInteger(allPairsMax) || allPairsMax < 0) throw new Error('--all-pairs-max must be a whole number');
  const report = await evaluate(settings, {
    citizens,
    seed,
    province: flags.province,
    dirt: dirtRatesFrom(flags.dirtScale, flags.dirt),
    keep: Boolean(flags.keep),
    allPairs: Boolean(flags.allPairs) || citizens <= allPairsMax,
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
  /** The dirt rates given on the command line (the generator's defaults for the rest). */
  dirt: Partial<DirtRates>;
  /** The commit, versions and server settings the figures were measured on. */
  stamp: RunStamp;
  /** The candidate search against ranking every pair (small registries, or --all-pairs); null when not run. */
  allPairs: AllPairsReference | null;
}

async function evaluate(
  settings: Settings,
  run: {
    citizens: number;
    seed: number;
    province: string;
    dirt: Partial<DirtRates>;
    keep: boolean;
    allPairs: boolean;
    idleTimeoutMs: number;
  },
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
    const dataset = generateDataset({ seed: run.seed, citizens: run.citizens, province: run.province, dirt: run.dirt });
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
    let allPairs: AllPairsReference | null = null;
    if (run.allPairs) {
      say(`all-pairs reference: ranking ${accuracy.candidateRecords} findable records against every citizen…`);
      allPairs = await allPairsReference(runtime.pool);
      say(`all-pairs reference done in ${allPairs.seconds.toFixed(1)} s`);
    }
    return {
      ...accuracy,
      allPairs,
      stamp: await runStamp(database.url),
      seed: run.seed,
      citizens: run.citizens,
      dirt: run.dirt,
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
    `candidate top-1       ${pct(r.candidateTop1)} (recall@3 ${pct(r.candidateRecall3)}) of ${r.candidateRecords} records with a wrong ID, whatever else is corrupted`,
    `  name and DOB intact ${pct(r.candidateTop1Intact)} of ${r.candidateIntactRecords}`,
    `proposed links        precision ${pct(r.links.precision)}, recall ${pct(r.links.recall)}, F1 ${pct(r.links.f1)} (${r.links.correct} right of ${r.links.proposed} proposed, ${r.links.findable} findable)`,
    `calibration error     ${r.calibrationError.toFixed(4)} (records' mean |stated - observed| per bucket)`,
    `throughput            ${r.recordsPerSecond} records/s end to end (${r.pipelineSeconds.toFixed(1)} s, load ${r.loadSeconds.toFixed(1)} s)`,
  ];
  lines.push(`measured on           ${stampLine(r.stamp)}`);
  const dirt = Object.entries(r.dirt);
  if (dirt.length > 0)
    lines.push(`dirt rates            ${dirt.map(([k, v]) => `${k}=${v}`).join(',')} (the defaults elsewhere)`);
  lines.push('candidates per corruption kind (records, top-1, recall@3):');
  for (const [kind, f] of Object.entries(r.candidatesByKind).sort()) {
    lines.push(`  ${kind.padEnd(28)}${String(f.records).padStart(7)}  ${pct(f.top1 / f.records)}  ${pct(f.recall3 / f.records)}`);
  }
  lines.push(...allPairsLines(r.allPairs));
  lines.push('candidates per combination of kinds (records, top-1, recall@3):');
  for (const [combo, f] of Object.entries(r.candidatesByCombination).sort(
    (a, b) => b[1].records - a[1].records || (a[0] < b[0] ? -1 : 1),
  )) {
    lines.push(
      `  ${combo.padEnd(44)}${String(f.records).padStart(7)}  ${pct(f.top1 / f.records)}  ${pct(f.recall3 / f.records)}`,
    );
  }
  lines.push('top-1 calibration (stated probability, records, mean stated, observed precision):');
  for (const b of r.calibration) {
    lines.push(
      `  [${b.from}, ${b.to}${b.to === 1 ? ']' : ')'}`.padEnd(16) +
        `${String(b.records).padStart(7)}  ${b.meanProbability.toFixed(3)}  ${pct(b.observedPrecision)}`,
    );
  }
  lines.push('links per threshold (threshold, proposed, precision, recall, F1):');
  for (const t of r.linkThresholds) {
    lines.push(
      `  ${String(t.threshold).padEnd(14)}${String(t.proposed).padStart(7)}  ${pct(t.precision)}  ${pct(t.recall)}  ${pct(t.f1)}`,
    );
  }
  if (Object.keys(r.confusion).length > 0) lines.push(`outcome errors        ${JSON.stringify(r.confusion)}`);
  if (Object.keys(r.missedByKind).length > 0) lines.push(`missed differences    ${JSON.stringify(r.missedByKind)}`);
  if (Object.keys(r.spuriousByKind).length > 0) lines.push(`spurious differences  ${JSON.stringify(r.spuriousByKind)}`);
  process.stdout.write(lines.join('\n') + '\n');
  if (json) process.stdout.write(JSON.stringify(r) + '\n');
}

const points = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

/** Blocking beside the all-pairs reference: the loss in points, overall and per kind. */
function allPairsLines(a: AllPairsReference | null): string[] {
  if (a === null) return ['all-pairs reference   not run (registry above --all-pairs-max; --all-pairs runs it)'];
  const verdict = (within: boolean) => (within ? 'within' : 'OVER');
  const lines = [
    `all-pairs reference   top-1 ${pct(a.allPairs.top1 / Math.max(1, a.records))} (recall@3 ${pct(a.allPairs.recall3 / Math.max(1, a.records))}) ` +
      `of ${a.records} findable records, each ranked against all ${a.citizens} citizens (${a.seconds.toFixed(1)} s)`,
    `  blocking's loss     top-1 ${points(a.top1LossPoints)} points, recall@3 ${points(a.recall3LossPoints)} points: ` +
      `${verdict(a.withinAllowedLoss)} the allowed ${a.allowedLossPoints} point` +
      (a.kindsOverAllowedLoss.length > 0 ? `; over on ${a.kindsOverAllowedLoss.join(', ')}` : ''),
    `  record by record    ${a.lostByBlocking} right only with all pairs, ${a.lostByAllPairs} right only with blocking`,
    'blocking against all pairs per kind (records, top-1 blocking / all pairs / loss, recall@3 blocking / all pairs / loss):',
  ];
  for (const [kind, k] of Object.entries(a.byKind)) {
    const of = (n: number) => pct(n / k.records);
    lines.push(
      `  ${kind.padEnd(28)}${String(k.records).padStart(7)}  ${of(k.blocking.top1)} / ${of(k.allPairs.top1)} / ${points(k.top1LossPoints)}` +
        `  ${of(k.blocking.recall3)} / ${of(k.allPairs.recall3)} / ${points(k.recall3LossPoints)}  ${verdict(k.withinAllowedLoss)}`,
    );
  }
  const losing = Object.entries(a.byCombination).filter(([, k]) => k.top1LossPoints > 0 || k.recall3LossPoints > 0);
  if (losing.length > 0) {
    lines.push('combinations on which blocking loses (records, top-1 blocking / all pairs, recall@3 blocking / all pairs):');
    for (const [combo, k] of losing.sort((x, y) => y[1].records - x[1].records || (x[0] < y[0] ? -1 : 1))) {
      const of = (n: number) => pct(n / k.records);
      lines.push(
        `  ${combo.padEnd(44)}${String(k.records).padStart(7)}  ${of(k.blocking.top1)} / ${of(k.allPairs.top1)}` +
          `  ${of(k.blocking.recall3)} / ${of(k.allPairs.recall3)}`,
      );
    }
  }
  return lines;
}
