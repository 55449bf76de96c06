import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

/**
 * What a lab figure was measured on, written into every `lgsp bench` and `lgsp eval` report: a
 * figure without its commit cannot be quoted, and one measured on uncommitted changes must say so.
 */
export interface RunStamp {
  at: string;
  /** `git rev-parse HEAD` of the working tree, or null outside a git checkout (an installed package). */
  commit: string | null;
  /** Uncommitted changes to tracked files, or null when there is no git checkout to ask. */
  dirty: boolean | null;
  version: string;
  node: string;
  postgres: { version: string; settings: Record<string, string> };
}

/** Server settings that move the figures: memory, durability, the planner, vacuum. */
const POSTGRES_SETTINGS = [
  'shared_buffers',
  'work_mem',
  'max_wal_size',
  'synchronous_commit',
  'fsync',
  'autovacuum',
  'jit',
  'max_connections',
];

/** The nearest directory holding package.json: the checkout, from src/ (tests) or dist/ (the CLI). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const REPO_ROOT = projectRoot();

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

async function postgresOf(databaseUrl: string): Promise<RunStamp['postgres']> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    const rows = await client.query<{ name: string; setting: string; unit: string | null }>(
      'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name',
      [POSTGRES_SETTINGS],
    );
    const settings: Record<string, string> = {};
    for (const row of rows.rows) settings[row.name] = row.unit ? `${row.setting} ${row.unit}` : row.setting;
    return { version: version.rows[0].server_version, settings };
  } finally {
    await client.end();
  }
}

export async function runStamp(databaseUrl: string): Promise<RunStamp> {
  const commit = git(['rev-parse', 'HEAD']);
  const status = commit === null ? null : git(['status', '--porcelain', '--untracked-files=no']);
  return {
    at: new Date().toISOString(),
    commit,
    dirty: status === null ? null : status.length > 0,
    version: packageVersion(),
    node: process.version,
    postgres: await postgresOf(databaseUrl),
  };
}

/** One line for a report's table: `commit 1eb15ce (dirty), node v20.20.2, PostgreSQL 15.19`. */
export function stampLine(stamp: RunStamp): string {
  const commit = stamp.commit === null ? 'no git checkout' : `commit ${stamp.commit.slice(0, 7)}`;
  const dirty = stamp.dirty ? ' with uncommitted changes' : '';
  return `${commit}${dirty}, lgsp ${stamp.version}, node ${stamp.node}, PostgreSQL ${stamp.postgres.version}`;
}
