#!/usr/bin/env node
'use strict';
// Entry point of the `lgsp` command. Runs the compiled CLI from dist/, building it
// first when dist/ is missing or older than the sources (a fresh clone, a pull).
const { existsSync, statSync, readdirSync, writeFileSync, utimesSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const entry = join(dist, 'apps', 'cli', 'src', 'main.js');
// Written after each successful build: sources newer than it mean dist/ is stale.
const marker = join(dist, '.built-at');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(entry)) return true;
  const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  return ['apps', 'libs'].some((d) => newestMtime(join(root, d)) > builtAt);
}

if (stale()) {
  const tsc = require.resolve('typescript/bin/tsc');
  const startedAt = new Date();
  const build = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // Stamped with the build's start: a source edited during the build still counts as newer.
  writeFileSync(marker, startedAt.toISOString());
  utimesSync(marker, startedAt, startedAt);
}

require('./register-aliases');
require(entry);
