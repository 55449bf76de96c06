import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../support/environment';
import { embeddedDefaultEnv, runLgsp, StartedLgsp } from '../support/lgsp-cli';

const ROOT = join(__dirname, '..', '..');
/** Where lgsp places, under root, what the user postgres must reach (libs/database postgres-user-place.ts). */
const REACHABLE_PLACE = '/var/lib/lgsp/embedded';

/**
 * A project cloned into a private directory (mode 0700, as /root is, or `mktemp -d`). Under root the
 * embedded PostgreSQL runs as the user postgres, who cannot pass through it: lgsp places the binaries
 * and the data where that user can reach them, and says so; where it cannot, it says why and what to
 * do, instead of crashing on `spawn … EACCES`. Another user owns the directory and simply starts.
 */
describe('lgsp start inside a private (0700) directory', () => {
  let privateDir: string;

  beforeAll(() => {
    privateDir = mkdtempSync(join(tmpdir(), 'lgsp-private-'));
  });
  afterAll(() => rmSync(privateDir, { recursive: true, force: true }));

  it('is a private directory', () => {
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
  });

  if (process.getuid?.() === 0) {
    it('as root, with the whole project in it: copies the binaries, links the data out, starts, and reset removes both', async () => {
      // The project as cloned there: hard links of what runs (same file system), no build.
      const project = join(privateDir, 'project');
      mkdirSync(project);
      const copy = spawnSync('cp', [
        '-al',
        ...['bin', 'dist', 'node_modules', 'package.json'].map((p) => join(ROOT, p)),
        project,
      ]);
      expect(copy.status).toBe(0);
      const dataDir = join(privateDir, 'pgdata');
      const port = await freePort();
      const lgsp = new StartedLgsp(['--no-demo'], embeddedDefaultEnv(dataDir, port), join(project, 'bin', 'lgsp.js'));
      try {
        await lgsp.waitFor(/^dashboard: /m);
        expect(lgsp.output).toContain(
          `the PostgreSQL binaries are out of reach of the user postgres (${privateDir} is mode 0700`,
        );
        expect(lgsp.output).toContain(`using a copy in ${REACHABLE_PLACE}/postgres-`);
        expect(lgsp.output).toContain(`the data directory ${dataDir} is out of reach of the user postgres`);
        expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
        expect(dirname(realpathSync(dataDir))).toBe(REACHABLE_PLACE);
        expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      } finally {
        const code = await lgsp.stop();
        expect({ code, output: lgsp.output }).toMatchObject({ code: 0 });
      }
      expect(lgsp.output).not.toMatch(/EACCES|undefined/);
      // The copy belongs to this throw-away project (its dependencies link into it): removed with it.
      const binaries = /using a copy in (\S+)"/.exec(lgsp.output)?.[1];
      expect(binaries).toMatch(new RegExp(`^${REACHABLE_PLACE}/postgres-`));
      rmSync(binaries!, { recursive: true, force: true });
      const placed = realpathSync(dataDir);
      const reset = runLgsp(['reset', '--yes'], embeddedDefaultEnv(dataDir, port));
      expect(reset.stdout).toContain(`deleted ${placed} (linked from ${dataDir})`);
      expect(existsSync(placed)).toBe(false);
      expect(existsSync(dataDir)).toBe(false);
    });

    it('as root, with data already in an unreachable data directory: stops, saying why and what to do', async () => {
      const dataDir = join(privateDir, 'held');
      mkdirSync(dataDir);
      writeFileSync(join(dataDir, 'PG_VERSION'), '17\n');
      const result = runLgsp(['start', '--no-demo'], embeddedDefaultEnv(dataDir, await freePort()));
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('runs as the user postgres');
      expect(result.stderr).toContain(`${privateDir} (mode 0700, owner uid 0) does not let it through`);
      expect(result.stderr).toContain('--data-dir /var/lib/lgsp/pgdata');
      expect(result.stderr).toContain('--database-url');
      expect(result.stderr).not.toMatch(/EACCES|undefined|Unhandled/);
    });
  } else {
    it('as an ordinary user (who owns it): starts', async () => {
      const lgsp = new StartedLgsp(['--no-demo'], embeddedDefaultEnv(join(privateDir, 'pgdata'), await freePort()));
      try {
        await lgsp.waitFor(/^dashboard: /m);
      } finally {
        expect(await lgsp.stop()).toBe(0);
      }
    });
  }
});
