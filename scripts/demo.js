#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: checks the bundled sample submissions of both rounds and prints the reports, then
 * merges each round into out/<round>.xlsx and prints the summaries. The samples contain deliberate
 * mistakes, so "errors found" (exit 1 of validate) is the expected outcome of the checks.
 */
const path = require('node:path');
const { main } = require('../lib/src/cli/main.js');

const fs = require('node:fs');

const root = path.resolve(__dirname, '..');

// A fresh clone gives every sample today's modification time; set the times the files would have had
// when they arrived by e-mail, so that "on time / late" in the summary means something.
const RECEIVED = {
  'kh-cchc-2023': {
    'VP UBND tinh - Phu luc CCHC 2023.xlsx': '2022-11-15T08:10:00+07:00',
    'STC_phu luc.xlsx': '2022-11-17T15:40:00+07:00',
    'So TTTT.xlsx': '2022-11-15T16:55:00+07:00',
    'So KHCN - bao cao.xlsx': '2022-11-16T09:05:00+07:00',
    'So KH-DT (Excel 2003).xls': '2022-11-14T10:20:00+07:00',
    'Cuc Thue - gui nham.xlsx': '2022-11-15T11:00:00+07:00',
  },
  'mo-hinh-2023': {},
};
const DEFAULT_RECEIVED = { 'kh-cchc-2023': '2022-11-15T09:00:00+07:00', 'mo-hinh-2023': '2023-03-22T09:00:00+07:00' };

function setReceiptTimes(round) {
  const dir = path.join(root, 'samples', round);
  for (const name of fs.readdirSync(dir)) {
    const t = new Date(RECEIVED[round][name] || DEFAULT_RECEIVED[round]);
    fs.utimesSync(path.join(dir, name), t, t);
  }
}
const rounds = [
  ['kh-cchc-2023', 'Đợt đề xuất kế hoạch CCHC năm 2023 (Phụ lục 01–04)'],
  ['mo-hinh-2023', 'Đợt đăng ký mô hình đột phá CCHC năm 2023'],
];

async function run(args, okCodes) {
  const code = await main(['node', 'phuluc', ...args]);
  if (!okCodes.includes(code)) {
    process.stderr.write(`demo: phuluc ${args.join(' ')} exited with ${code}\n`);
    process.exit(code || 1);
  }
}

(async () => {
  for (const [round, title] of rounds) {
    const folder = path.join('samples', round);
    process.stdout.write(`\n══ ${title}\n══ 1. Kiểm tra: phuluc validate ${folder} --round ${round}\n\n`);
    await run(['validate', path.join(root, folder), '--round', round], [0, 1]);
    setReceiptTimes(round);
    const out = path.join('out', `${round}.xlsx`);
    process.stdout.write(`\n══ 2. Tổng hợp: phuluc merge ${folder} --round ${round} -o ${out}\n\n`);
    await run(['merge', path.join(root, folder), '--round', round, '-o', path.join(root, out)], [0]);
  }
})();
