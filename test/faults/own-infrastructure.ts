import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultLayout, ensureBroker, stopBroker } from '@lgsp/kafka-local';
import type { BrokerLayout } from '@lgsp/kafka-local';

/**
 * The fault suite's own PostgreSQL and Kafka broker, on ports of their own, so it can stop,
 * restart and kill them without touching anyone else's. Debian's PostgreSQL binaries, run as
 * the postgres user (initdb refuses root).
 */
const PG_BIN = process.env.LGSP_FAULTS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const ROOT = join(__dirname, '..', '..');

function asPostgres(command: string, args: string[]): { status: number | null; out: string } {
  const asRoot = process.getuid?.() === 0;
  const r = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, command), ...args], { encoding: 'utf8', timeout: 120_000 })
    : spawnSync(join(PG_BIN, command), args, { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

export class OwnPostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'lgsp-faults-pg-'));
  readonly data = join(this.dir, 'data');
  readonly log = join(this.dir, 'server.log');
  constructor(readonly port: number) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  init(): void {
    if (process.getuid?.() === 0)
      chownSync(this.dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), 0);
    const r = asPostgres('initdb', ['-D', this.data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    if (r.status !== 0) throw new Error(`initdb failed: ${r.out}`);
    writeFileSync(join(this.dir, 'touch'), '');
    this.start();
  }

  /** Runs as the product asks of its PostgreSQL: terse errors, so no DETAIL line quotes a row (docs/guarantees.md). */
  start(): void {
    const r = asPostgres('pg_ctl', [
      '-D',
      this.data,
      '-l',
      this.log,
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c log_error_verbosity=terse`,
      'start',
    ]);
    if (r.status !== 0) throw new Error(`pg_ctl start failed: ${r.out}`);
  }

  /** Stops at once, as a crash would (no checkpoint): the next start recovers from the WAL. */
  stopImmediately(): void {
    const r = asPostgres('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
    if (r.status !== 0) throw new Error(`pg_ctl stop failed: ${r.out}`);
  }

  destroy(): void {
    asPostgres('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class OwnBroker {
  readonly layout: BrokerLayout;
  constructor(port: number) {
    const base = defaultLayout(ROOT);
    this.layout = {
      ...base,
      libDir: process.env.LGSP_KAFKA_LIB_DIR ?? base.libDir,
      stateDir: mkdtempSync(join(tmpdir(), 'lgsp-faults-kafka-')),
      port,
      controllerPort: port + 1,
    };
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.layout.port}`];
  }

  async start(): Promise<void> {
    await ensureBroker(this.layout, () => undefined, 180_000);
  }

  async stop(): Promise<void> {
    await stopBroker(this.layout, () => undefined, 60_000);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.layout.stateDir, { recursive: true, force: true });
  }
}

/** One pipeline worker as its own process (dist/ built by bin/lgsp.js), as it is deployed. */
export class WorkerProcess {
  child: ChildProcess | undefined;
  exits: (number | string)[] = [];
  output = '';
  constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): void {
    const child = spawn(
      process.execPath,
      ['-r', join(ROOT, 'bin', 'register-aliases.js'), join(ROOT, 'dist', 'apps', 'pipeline', 'src', 'main.js')],
      { env: { ...process.env, ...this.env, HTTP_PORT: String(this.port) }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-200_000);
      if (process.env.LGSP_FAULTS_WORKER_LOG) appendFileSync(`${process.env.LGSP_FAULTS_WORKER_LOG}.${this.port}`, chunk);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('exit', (code, signal) => this.exits.push(code ?? signal ?? 'unknown'));
    this.child = child;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Sends the signal and waits for the exit, at most `boundMs`: a worker that does not exit is killed with SIGKILL
   * and the answer says so (`no exit within …`), so a hung stop fails its test with the worker's last lines rather
   * than holding the suite until its timeout.
   */
  async kill(signal: NodeJS.Signals, boundMs = 60_000): Promise<number | string> {
    const child = this.child!;
    const exited = new Promise<number | string>((r) => child.once('exit', (code, s) => r(code ?? s ?? 'unknown')));
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), boundMs)));
    const first = await Promise.race([exited, bound]);
    clearTimeout(timer);
    if (first !== 'hung') return first;
    process.stderr.write(`[faults] worker on ${this.port}: no exit ${boundMs} ms after ${signal}; last lines:\n${this.tail()}\n`);
    child.kill('SIGKILL');
    await exited;
    return `no exit within ${boundMs} ms of ${signal}`;
  }

  /** The last lines the worker wrote (its logs mask citizen data). */
  tail(lines = 40): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  async health(): Promise<number> {
    return fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.status)
      .catch(() => 0);
  }
}
