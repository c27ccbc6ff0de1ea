#!/usr/bin/env node
'use strict';
// `rc-tray` (built to dist/cli/rc-tray.js): runs the CLI bundle, rc-tray-main.js, compiled with
// the V8 code cache the build made for it (rc-tray-main.js.cache, scripts/train-code-cache.mjs),
// so a start does not parse and compile some 260 KiB of JavaScript again (issue 9 §4); Node's own
// loader keeps no such cache before Node 22's module.enableCompileCache. V8 accepts the cache only
// for its own version and flags and this very source, and otherwise compiles as usual
// (nodejs.org/api/vm.html: `new vm.Script(code, { cachedData })`, `script.cachedDataRejected`).
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/** The bundle as the body of a CommonJS module, the same text every time (the cache is for it). */
function compileBundle(file, cachedData) {
  const source = readFileSync(file, 'utf8');
  return new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
}

function runBundle(script, file) {
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, path.dirname(file));
}

module.exports = { compileBundle, runBundle };

if (require.main === module) {
  const file = path.join(__dirname, 'rc-tray-main.js');
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No cache (a build that could not make one): compiled as usual.
  }
  runBundle(compileBundle(file, cachedData), file);
}
