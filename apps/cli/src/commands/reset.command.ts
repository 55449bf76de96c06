import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { archiveDirOf } from '@lgsp/audit';
import { loadSettings } from '@lgsp/config';
import { placedDataDir } from '@lgsp/database';
import { findRunningInstance } from '@lgsp/runtime';
import { environmentWith, RuntimeFlags, withDataDirOption } from './runtime-flags';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Why the data was not deleted, and what to do instead. */
export class ResetRefused extends Error {}

/** `lgsp reset`: deletes the embedded PostgreSQL's data directory, after asking. */
export function resetCommand(): Command {
  return withDataDirOption(
    new Command('reset')
      .description(
        "empty the embedded database (delete its data directory): registry, results, alerts, credentials and the lab's " +
          'generated sources; the next lgsp start begins afresh. Refused while an lgsp start runs on it',
      )
      .option('-y, --yes', 'do not ask for confirmation'),
  ).action(async (flags: RuntimeFlags & { yes?: boolean }) => {
    const settings = loadSettings(environmentWith(flags));
    if (settings.databaseUrl)
      throw new ResetRefused(
        'lgsp reset empties only the embedded PostgreSQL, and DATABASE_URL names a server of your own: ' +
          'drop and recreate that database yourself, or unset DATABASE_URL to reset the embedded data',
      );
    const dir = resolve(settings.dataDir);
    if (!existsSync(dir) || readdirSync(dir).length === 0) {
      say(`nothing to reset: ${dir} holds no data`);
      return;
    }
    refuseWhileInUse(dir);
    if (!flags.yes && !(await confirmed(dir))) {
      say('nothing deleted');
      process.exitCode = 1;
      return;
    }
    // A data directory placed where the user postgres can reach it (under root) is a link: both go.
    const placed = placedDataDir(dir);
    if (placed) rmSync(placed, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    say(`deleted ${placed ? `${placed} (linked from ${dir})` : dir}: the next lgsp start begins with an empty database`);
    // The archive holds the embedded topics' events by partition and offset; the next start numbers its events from
    // 0 again, so an archive kept would hold other events at the same coordinates.
    const archive = archiveDirOf(settings);
    if (existsSync(archive)) {
      rmSync(archive, { recursive: true, force: true });
      say(`deleted the event archive ${archive} with it`);
    }
  });
}

function refuseWhileInUse(dir: string): void {
  const instance = findRunningInstance(dir, say);
  if (instance)
    throw new ResetRefused(
      `an lgsp start is running on ${dir} (pid ${instance.pid}, dashboard ${instance.httpUrl}/): ` +
        'stop it first (Ctrl-C in its terminal), then run lgsp reset again',
    );
  if (!existsSync(join(dir, 'PG_VERSION')))
    throw new ResetRefused(
      `${dir} does not look like an embedded PostgreSQL data directory (it has no PG_VERSION): nothing deleted; ` +
        'check --data-dir / LGSP_DATA_DIR',
    );
  const server = serverPid(dir);
  if (server !== undefined)
    throw new ResetRefused(
      `the embedded PostgreSQL on ${dir} is running (pid ${server}): another lgsp command (generate, eval) is using it; ` +
        'let it finish or stop it, then run lgsp reset again',
    );
}

/** PostgreSQL's own lock file names its postmaster's pid on the first line; a dead pid is a crash's leftover. */
function serverPid(dir: string): number | undefined {
  const file = join(dir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

/** Asks on the terminal (or reads the answer piped in); no answer at all is a no. */
async function confirmed(dir: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const closed = new Promise<string>((resolve) => prompt.once('close', () => resolve('')));
  try {
    const answer = await Promise.race([
      prompt
        .question(
          `This deletes the embedded database in ${dir} (registry, results, alerts, credentials, generated sources) ` +
            'and its event archive.\n' +
            'Type "yes" to delete it (or run lgsp reset --yes): ',
        )
        // Rejected when the input closes first; the close itself answers no.
        .catch(() => ''),
      closed,
    ]);
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    prompt.close();
  }
}
