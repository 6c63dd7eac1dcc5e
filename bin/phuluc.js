#!/usr/bin/env node
'use strict';
// The CLI is compiled to lib/ by `npm ci` (the prepare script).
const { main } = require('../lib/src/cli/main.js');
main(process.argv).then((code) => {
  process.exitCode = code;
  // The report is out: whatever is still running (a parser stuck beyond reach) must not hold the
  // command. Unreferenced, the timer fires only if something else keeps the process alive.
  setTimeout(() => process.exit(code), 1000).unref();
});
