#!/usr/bin/env node
'use strict';
// Entry point of the `lgsp` command. Runs the compiled CLI from dist/, building it
// first when dist/ is missing or older than the sources (a fresh clone, a pull). A
// production install has no TypeScript: it runs the dist/ it was given, as built.
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { build, canBuild, entry, marker } = require('./build');

const root = join(__dirname, '..');

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
  // An image holding dist/ alone (docker/Dockerfile) has no sources to compare with.
  return ['apps', 'libs'].some((d) => existsSync(join(root, d)) && newestMtime(join(root, d)) > builtAt);
}

if (stale()) {
  if (canBuild()) {
    const status = build();
    if (status !== 0) process.exit(status);
  } else if (!existsSync(entry)) {
    process.stderr.write(
      'lgsp: no dist/ to run and no TypeScript to build it (a production install): build dist/ in a development ' +
        'install (npm ci && npm run build) first (docs/adr/0003-product-and-lab.md)\n',
    );
    process.exit(1);
  } else {
    process.stderr.write(
      'lgsp: dist/ is older than the sources and this install cannot build (no TypeScript): running dist/ as built\n',
    );
  }
}

require('./register-aliases');
require(entry);
