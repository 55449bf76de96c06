'use strict';
// The build, for `npm run build` and for bin/lgsp.js when dist/ is stale: the server program (apps and libraries,
// tsconfig.build.json), then the dashboard's browser script, which has a tsconfig of its own (DOM lib, ES module):
// type-checked like the rest, then emitted into dist/ beside the controller that serves it.
const { spawnSync } = require('node:child_process');
const { utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const dashboardAssets = join(root, 'apps', 'pipeline', 'src', 'monitoring', 'dashboard', 'assets');
// Written after each successful build: sources newer than it mean dist/ is stale.
const marker = join(dist, '.built-at');

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
  require(join(dist, 'apps', 'pipeline', 'src', 'monitoring', 'dashboard', 'dashboard-script.js')).buildDashboardScript(
    dashboardAssets,
  );
  // Stamped with the build's start: a source edited during the build still counts as newer.
  writeFileSync(marker, startedAt.toISOString());
  utimesSync(marker, startedAt, startedAt);
  return 0;
}

module.exports = { build, marker };

if (require.main === module) process.exit(build());
