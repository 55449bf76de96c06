'use strict';
// The build, for `npm run build` and for bin/lgsp.js when dist/ is stale: the server program (apps and libraries,
// tsconfig.build.json), then the dashboard's browser script, which has a tsconfig of its own (DOM lib, ES module):
// type-checked like the rest, then emitted into dist/ beside the controller that serves it.
const { spawnSync } = require('node:child_process');
const { existsSync, rmSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const dashboardAssets = join(root, 'apps', 'pipeline', 'src', 'monitoring', 'dashboard', 'assets');
// Written after each successful build: sources newer than it mean dist/ is stale.
const marker = join(dist, '.built-at');
const entry = join(dist, 'apps', 'cli', 'src', 'main.js');

/**
 * Whether this install can build: TypeScript is a devDependency. A production install
 * (`npm ci --omit=dev`) cannot, and runs the dist/ a development install built
 * (docs/adr/0003-product-and-lab.md).
 */
function canBuild() {
  try {
    require.resolve('typescript/bin/tsc');
    return true;
  } catch {
    return false;
  }
}

function tsc(project) {
  const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], {
    cwd: root,
    stdio: 'inherit',
  });
  return result.status ?? 1;
}

/** Returns the exit status: 0 when dist/ is complete. */
function build() {
  const startedAt = new Date();
  for (const project of [join(root, 'tsconfig.build.json'), join(dashboardAssets, 'tsconfig.json')]) {
    const status = tsc(project);
    if (status !== 0) return status;
  }
  require(join(dist, 'apps', 'pipeline', 'src', 'monitoring', 'dashboard', 'dashboard-script.js')).buildDashboardScripts(
    dashboardAssets,
  );
  // Stamped with the build's start: a source edited during the build still counts as newer.
  writeFileSync(marker, startedAt.toISOString());
  utimesSync(marker, startedAt, startedAt);
  return 0;
}

module.exports = { build, canBuild, entry, marker };

// `--clean`: from an empty dist/. `--if-possible` (npm's prepare): a production install, which
// has no TypeScript, keeps the prebuilt dist/ it was given instead of failing.
if (require.main === module) {
  const args = process.argv.slice(2);
  if (args.includes('--if-possible') && !canBuild()) {
    if (existsSync(entry)) {
      process.stderr.write('lgsp: no TypeScript here (a production install): keeping the prebuilt dist/\n');
      process.exit(0);
    }
    process.stderr.write(
      'lgsp: no TypeScript here (a production install) and no dist/ to run: build dist/ in a development install ' +
        '(npm ci && npm run build) and install for production beside it (docs/adr/0003-product-and-lab.md)\n',
    );
    process.exit(1);
  }
  if (args.includes('--clean')) rmSync(dist, { recursive: true, force: true });
  process.exit(build());
}
