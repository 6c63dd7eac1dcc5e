#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: checks the bundled sample submissions of both rounds and prints the reports.
 * Samples contain deliberate mistakes, so "errors found" (exit 1 of validate) is the expected outcome.
 */
const path = require('node:path');
const { main } = require('../lib/src/cli/main.js');

const root = path.resolve(__dirname, '..');
const rounds = [
  ['kh-cchc-2023', 'Đợt đề xuất kế hoạch CCHC năm 2023 (Phụ lục 01–04)'],
  ['mo-hinh-2023', 'Đợt đăng ký mô hình đột phá CCHC năm 2023'],
];

(async () => {
  for (const [round, title] of rounds) {
    process.stdout.write(`\n══ ${title} — phuluc validate samples/${round} --round ${round}\n\n`);
    const code = await main(['node', 'phuluc', 'validate', path.join(root, 'samples', round), '--round', round]);
    if (code !== 0 && code !== 1) {
      process.stderr.write(`demo: validate exited with ${code}\n`);
      process.exit(code);
    }
  }
})();
