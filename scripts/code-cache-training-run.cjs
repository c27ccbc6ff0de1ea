'use strict';
// The child scripts/train-code-cache.mjs starts: runs one command from the CLI bundle, compiled as
// scripts/cli-launcher.cjs compiles it, and when that command ends well writes the V8 code cache
// of all the code the run compiled (nodejs.org/api/vm.html: `script.createCachedData()` "may be
// called at any time and any number of times"; functions compiled by then are included).
// Usage: node code-cache-training-run.cjs LAUNCHER BUNDLE ARGS...
const { writeFileSync } = require('node:fs');

const [launcher, bundle, ...args] = process.argv.slice(2);
const { compileBundle, runBundle } = require(launcher);
const script = compileBundle(bundle);
const exit = process.exit.bind(process);
process.exit = (code) => {
  if (code === 0) writeFileSync(`${bundle}.cache`, script.createCachedData());
  return exit(code);
};
process.argv = [process.argv[0], launcher, ...args];
runBundle(script, bundle);
