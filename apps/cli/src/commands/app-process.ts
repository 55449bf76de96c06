import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');

/** The compiled entry point of an app under apps/. */
export function appEntry(app: string): string {
  return join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
}

/**
 * Runs one of the apps as its own process (as it would be deployed), with the aliases
 * registered, forwarding Ctrl-C and SIGTERM to it; resolves with its exit code. The app stops by itself when this
 * process dies without forwarding anything.
 */
export function runApp(
  app: string,
  env: NodeJS.ProcessEnv = {},
  args: string[] = [],
  onSpawned: (child: ChildProcess) => void = () => undefined,
): Promise<number> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'bin', 'register-aliases.js'), appEntry(app), ...args], {
    // The IPC channel tells the app when this process is gone, even killed with SIGKILL (stopWhenParentGoes).
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  onSpawned(child);
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

export const REPO_ROOT = ROOT;
