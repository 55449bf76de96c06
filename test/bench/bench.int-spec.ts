import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseServerUrl, kafkaBrokers } from '../support/environment';

const ROOT = join(__dirname, '..', '..');
const LGSP = join(ROOT, 'bin', 'lgsp.js');

function lgsp(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [LGSP, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr })));
}

/** `lgsp bench` at a tiny size on the real broker and PostgreSQL: every figure measured and positive. */
describe('lgsp bench', () => {
  let out: string;
  beforeAll(() => (out = mkdtempSync(join(tmpdir(), 'lgsp-bench-'))));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('measures the ceilings, the baseline and the pipeline and prints them as JSON on the last line', async () => {
    // Throws, failing the test, when the global setup found no broker.
    const env = { ...process.env, KAFKA_BROKERS: kafkaBrokers().join(','), DATABASE_URL: databaseServerUrl() };
    const args = ['bench', '--quick', '--citizens', '500', '--duration', '2', '--rate', '300', '--baseline-seconds', '2'];
    const run = await lgsp([...args, '--out', out, '--json'], env);
    if (run.code !== 0) throw new Error(`lgsp bench exited with ${run.code}:\n${run.stderr.slice(-3000)}`);
    const lines = run.stdout.trim().split('\n');
    const report = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
    for (const figure of [
      'pipelineRps',
      'rawConsumeRps',
      'copyRps',
      'baselineRps',
      'p50LatencyMs',
      'p99LatencyMs',
      'workerPeakRssMiB',
    ]) {
      expect({ figure, positive: (report[figure] as number) > 0 }).toEqual({ figure, positive: true });
    }
    expect(report.latencySamples as number).toBeGreaterThan(0);
    const ratios = report.ratios as Record<string, number>;
    expect(ratios.pipelineToRawConsume).toBeGreaterThan(0);
    expect(ratios.pipelineToBaseline).toBeGreaterThan(0);
    expect(existsSync(report.jsonFile as string)).toBe(true);
    expect(existsSync(report.chartFile as string)).toBe(true);
    expect(run.stdout).toContain('pipeline, end to end');
  }, 120_000);
});
