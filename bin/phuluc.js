#!/usr/bin/env node
'use strict';
// The CLI is compiled to lib/ by `npm ci` (the prepare script).
const { main } = require('../lib/src/cli/main.js');
main(process.argv).then((code) => {
  process.exitCode = code;
});
