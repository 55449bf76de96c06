import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * What a running `lgsp start` on the embedded PostgreSQL tells the other commands: where its
 * database and dashboard are and which transport carries its events, so `lgsp generate`, `eval`,
 * `ground-truth` and `credentials` use it instead of starting a second server on the same data.
 */
export interface RunningInstance {
  pid: number;
  startedAt: string;
  /** The full URL, password included: the file is readable by its owner only. */
  databaseUrl: string;
  httpUrl: string;
  transport: 'embedded' | 'kafka';
  kafkaBrokers: string[];
  topicPrefix: string | null;
}

/** Beside PostgreSQL's own postmaster.pid in the data directory; `lgsp reset` removes both. */
export const INSTANCE_FILE = 'lgsp-instance.json';

export function instanceFile(dataDir: string): string {
  return join(resolve(dataDir), INSTANCE_FILE);
}

/** Written whole under a temporary name, then renamed: a reader never sees half a file. */
export function writeRunningInstance(dataDir: string, instance: RunningInstance): string {
  const file = instanceFile(dataDir);
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(instance, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
  return file;
}

/** Removes the file only when it is this process's: a later start may have written its own. */
export function removeRunningInstance(dataDir: string, pid = process.pid): void {
  const file = instanceFile(dataDir);
  const current = readInstance(file);
  if (current?.pid === pid) rmSync(file, { force: true });
}

/**
 * The instance running on this data directory, if any. A file left by a process that is gone
 * (killed, crashed) is stale: said in a word, removed, and ignored.
 */
export function findRunningInstance(dataDir: string, say: (line: string) => void = () => undefined): RunningInstance | undefined {
  const file = instanceFile(dataDir);
  if (!existsSync(file)) return undefined;
  const instance = readInstance(file);
  if (!instance) {
    say(`ignoring ${file}: it is not a running-instance file lgsp can read (removed)`);
    rmSync(file, { force: true });
    return undefined;
  }
  if (!processAlive(instance.pid)) {
    say(`ignoring ${file}: the lgsp start that wrote it (pid ${instance.pid}) is no longer running (removed)`);
    rmSync(file, { force: true });
    return undefined;
  }
  return instance;
}

/** The URL as it may be logged: the password left out. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(a database URL that does not parse)';
  }
}

function readInstance(file: string): RunningInstance | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunningInstance>;
    const valid = Number.isInteger(value.pid) && typeof value.databaseUrl === 'string' && typeof value.httpUrl === 'string';
    return valid ? (value as RunningInstance) : undefined;
  } catch {
    return undefined;
  }
}

/** Signal 0 checks the process exists without touching it; EPERM means it exists under another user. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
