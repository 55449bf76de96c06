import { DatasetRepository, GroundTruthRepository, LAB_MIGRATIONS, type GroundTruthSummary } from '@lgsp/lab';
import { openCliRuntime } from '../commands/cli-runtime';
import { RuntimeFlags } from '../commands/runtime-flags';

/** `lgsp ground-truth`: the injected dirt of the loaded dataset, per source, outcome and kind. */
export async function runGroundTruth(flags: RuntimeFlags & { json?: boolean }): Promise<void> {
  const runtime = await openCliRuntime(flags, { migrations: LAB_MIGRATIONS });
  try {
    const dataset = await new DatasetRepository().current(runtime.pool);
    if (!dataset) throw new Error('no dataset loaded: run `lgsp generate` first');
    const summary = await new GroundTruthRepository().summary(runtime.pool);
    const answer = flags.json
      ? `${JSON.stringify({ dataset, ...summary }, null, 2)}\n`
      : render(dataset.parameters, dataset.digest, summary);
    process.stdout.write(answer);
  } finally {
    await runtime.close();
  }
}

function render(parameters: Record<string, unknown>, digest: string | null, s: GroundTruthSummary): string {
  const pct = (n: number) => (s.records === 0 ? '0.00' : ((100 * n) / s.records).toFixed(2));
  const table = (title: string, counts: Record<string, number>) =>
    [
      `${title}`,
      ...Object.entries(counts).map(([k, n]) => `  ${k.padEnd(22)} ${String(n).padStart(10)}  ${pct(n).padStart(6)} %`),
    ].join('\n');
  return [
    `dataset: seed ${String(parameters.seed)}, ${String(parameters.citizens)} citizens, province ${String(parameters.province)}`,
    `digest: ${digest ?? '(load not complete)'}`,
    `sectoral records: ${s.records}, with dirt: ${s.dirtyRecords} (${pct(s.dirtyRecords)} %)`,
    table('per source', s.bySource),
    table('per expected outcome', s.byOutcome),
    table('per dirt kind (a record may carry several)', s.byKind),
    '',
  ].join('\n');
}
