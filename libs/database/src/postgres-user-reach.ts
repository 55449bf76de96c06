import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The system user the embedded PostgreSQL runs as under root (PostgreSQL refuses to run as root). */
export const POSTGRES_USER = 'postgres';

interface SystemUser {
  uid: number;
  gid: number;
}

function systemUser(name: string): SystemUser | undefined {
  const id = (flag: string) => Number(spawnSync('id', [flag, name], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  return Number.isInteger(uid) && uid > 0 && Number.isInteger(gid) ? { uid, gid } : undefined;
}

/** Each directory from / down to the path's parent (the path itself may not exist yet). */
function ancestors(path: string): string[] {
  const chain: string[] = [];
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dirname(dir) === dir) return chain;
  }
}

/**
 * The first directory on the way to `path` that the user cannot pass through, if any. An existing
 * user is asked for real (`test -x` run as that user: group lists and ACLs count); a user not yet
 * created (the package creates it) would be in no group of the directories: their "other" bits decide.
 */
export function blockedOnTheWay(path: string, name = POSTGRES_USER): string | undefined {
  const user = systemUser(name);
  for (const dir of ancestors(path)) {
    if (!existsSync(dir)) return undefined;
    const passes = user
      ? spawnSync('test', ['-x', dir], { uid: user.uid, gid: user.gid }).status === 0
      : (statSync(dir).mode & 0o001) !== 0;
    if (!passes) return dir;
  }
  return undefined;
}

/** `drwx------ root:root`-like, for the message. */
export function describeMode(dir: string): string {
  const s = statSync(dir);
  return `mode ${(s.mode & 0o777).toString(8).padStart(4, '0')}, owner uid ${s.uid}`;
}
