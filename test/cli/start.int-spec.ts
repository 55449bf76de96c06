import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../support/environment';

const ROOT = join(__dirname, '..', '..');
const LGSP = join(ROOT, 'bin', 'lgsp.js');

/** The README's main command, as a user runs it: `npm start` is `lgsp start` on the embedded default. */
describe('lgsp start on the embedded default', () => {
  let child: ChildProcess | undefined;
  let dataDir: string;
  let output = '';

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'lgsp-start-'));
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts embedded PostgreSQL and the pipeline, prints the dashboard address and answers ready', async () => {
    const port = 30000 + Math.floor(Math.random() * 5000);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LGSP_DATA_DIR: dataDir,
      LGSP_EMBEDDED_PG_PORT: String(port + 1),
      HTTP_PORT: String(port),
    };
    delete env.DATABASE_URL;
    delete env.LGSP_TRANSPORT;
    child = spawn(process.execPath, [LGSP, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    const address = await eventually(() => /dashboard: (http:\/\/\S+)/.exec(output)?.[1], 180_000, 'the dashboard address');
    expect(address).toBe(`http://127.0.0.1:${port}/`);
    const ready = await eventually(
      async () => {
        const r = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined);
        return r?.ok ? ((await r.json()) as { status: string; transport: string }) : undefined;
      },
      60_000,
      '/ready',
    );
    expect(ready).toEqual({ status: 'ready', transport: 'embedded' });
    const page = await fetch(`http://127.0.0.1:${port}/dashboard`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('LGSP');
  });

  it('stops at start-up with a message naming a malformed setting', () => {
    const result = spawnSync(process.execPath, [LGSP, 'start'], {
      env: { ...process.env, HTTP_PORT: 'eighty', LGSP_TRANSPORT: 'pigeon' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('HTTP_PORT');
    expect(result.stderr).toContain('LGSP_TRANSPORT');
  });
});
