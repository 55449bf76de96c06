import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { appEntry, REPO_ROOT } from '../../commands/app-process';

/**
 * The pipeline app (or another app: the bench's gateway) as its own process, as deployed: the evaluation feeds it
 * through the sources and reads its results from the database, never calling into it.
 */
export class PipelineProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number> | undefined;

  start(env: NodeJS.ProcessEnv, app: 'pipeline' | 'gateway' = 'pipeline'): void {
    // LGSP_WORKER_NODE_ARGS passes node flags to the worker alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = (process.env.LGSP_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, '-r', join(REPO_ROOT, 'bin', 'register-aliases.js'), appEntry(app)], {
      env: { ...process.env, ...env },
      // stdout is the command's answer: the worker's own lines go to stderr.
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout?.pipe(process.stderr);
    this.child = child;
    // A worker outliving an interrupted eval or bench would stay in its consumer group.
    const orphanGuard = (signal: NodeJS.Signals) => {
      child.kill('SIGTERM');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('SIGINT', orphanGuard);
    process.once('SIGTERM', orphanGuard);
    this.exited = new Promise((resolve) =>
      child.on('exit', (code) => {
        process.off('SIGINT', orphanGuard);
        process.off('SIGTERM', orphanGuard);
        resolve(code ?? 1);
      }),
    );
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  isRunning(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    if (!this.child || !this.isRunning()) return;
    this.child.kill('SIGTERM');
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), 20_000));
    if ((await Promise.race([this.exited!, timeout])) === -1) this.child.kill('SIGKILL');
  }
}
