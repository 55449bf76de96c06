#!/usr/bin/env node
'use strict';
// Entry point of the `lgsp` command. Runs the compiled CLI from dist/, building it
// first when dist/ is missing or older than the sources (a fresh clone, a pull).
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { build, marker } = require('./build');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const entry = join(dist, 'apps', 'cli', 'src', 'main.js');

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
  const status = build();
  if (status !== 0) process.exit(status);
}

require('./register-aliases');
require(entry);
