/**
 * Jest global setup: the worker-thread reader runs compiled JS from lib/, so build once before the
 * tests. Type errors elsewhere in the tree do not stop tsc from emitting; they only fail the run
 * when the worker itself was not produced.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '..');
  const worker = path.join(root, 'lib', 'src', 'xlsx', 'parse-worker.js');
  // `npx tsc`, minus npx's own start-up time.
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    const out = `${r.stdout || ''}${r.stderr || ''}${r.error ? String(r.error) : ''}`.trim();
    if (!fs.existsSync(worker)) {
      throw new Error(`tsc -p tsconfig.build.json failed and ${worker} is missing:\n${out}`);
    }
    process.stderr.write(
      `\n[global-setup] tsc reported errors (continuing, the worker was emitted):\n${out.split('\n').slice(0, 10).join('\n')}\n`,
    );
  }
};
