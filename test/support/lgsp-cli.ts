import { ChildProcess, spawn, spawnSync, SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './environment';

const ROOT = join(__dirname, '..', '..');
export const LGSP = join(ROOT, 'bin', 'lgsp.js');

/** `lgsp start` as a user runs it, output collected; stopped with SIGTERM by stop(). */
export class StartedLgsp {
  output = '';
  readonly child: ChildProcess;

  /** `lgsp` is this checkout's unless another copy's bin/lgsp.js is given. */
  constructor(args: string[], env: NodeJS.ProcessEnv, lgsp = LGSP) {
    this.child = spawn(process.execPath, [lgsp, 'start', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d) => (this.output += String(d)));
    this.child.stderr!.on('data', (d) => (this.output += String(d)));
  }

  /** The first 200 answer of one of the endpoints, as JSON. */
  async answer<T>(port: number, path: '/ready' | '/health'): Promise<T> {
    return eventually(
      async () => {
        if (this.child.exitCode !== null) throw new Error(`lgsp start exited with ${this.child.exitCode}:\n${this.output}`);
        const r = await fetch(`http://127.0.0.1:${port}${path}`).catch(() => undefined);
        return r?.ok ? ((await r.json()) as T) : undefined;
      },
      90_000,
      path,
    );
  }

  /** Resolves once the output holds the pattern; fails at once if the process exits first. */
  async waitFor(pattern: RegExp, timeoutMs = 180_000): Promise<RegExpExecArray> {
    return eventually(
      () => {
        if (this.child.exitCode !== null) throw new Error(`lgsp start exited with ${this.child.exitCode}:\n${this.output}`);
        return pattern.exec(this.output) ?? undefined;
      },
      timeoutMs,
      String(pattern),
    );
  }

  /** SIGTERM, then the exit code (or the signal that ended it). */
  async stop(): Promise<number | NodeJS.Signals | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode ?? this.child.signalCode;
    const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
      this.child.once('exit', (code, signal) => resolve(code ?? signal)),
    );
    this.child.kill('SIGTERM');
    return exited;
  }
}

/** Another `lgsp` command, run to its end. */
export function runLgsp(args: string[], env: NodeJS.ProcessEnv, input?: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [LGSP, ...args], { env, input, encoding: 'utf8', timeout: 180_000 });
}

/**
 * The environment of `lgsp start` on the embedded default: its own data directory, HTTP on
 * `port` and PostgreSQL on the next one, and none of the test run's database or transport.
 */
export function embeddedDefaultEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LGSP_DATA_DIR: dataDir,
    LGSP_EMBEDDED_PG_PORT: String(port + 1),
    HTTP_PORT: String(port),
  };
  delete env.DATABASE_URL;
  delete env.LGSP_TRANSPORT;
  delete env.LGSP_TOPIC_PREFIX;
  return env;
}
