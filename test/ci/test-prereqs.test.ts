/**
 * scripts/test-prereqs.sh, the first step of `npm test`: installs Chromium and LibreOffice when it can,
 * else stops before any test with one line naming the packages. The machine's programs and apt-get
 * are replaced by stand-ins through the script's environment variables.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'test-prereqs.sh');
let dir = '';

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phuluc-prereqs-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An apt-get that logs its arguments and, on install, puts an executable where Chromium is looked for. */
function fakeAptGet(opts: { fail?: boolean; installs?: string } = {}): { bin: string; log: string } {
  const bin = path.join(dir, 'apt-get');
  const log = path.join(dir, 'apt.log');
  const install = opts.installs ? `printf '#!/bin/sh\\n' > '${opts.installs}' && chmod +x '${opts.installs}'` : 'true';
  fs.writeFileSync(bin, `#!/bin/sh\necho "$*" >> '${log}'\n${opts.fail ? 'exit 100' : `[ "$1" = install ] && ${install}\nexit 0`}\n`, {
    mode: 0o755,
  });
  return { bin, log };
}

function run(env: Record<string, string>) {
  const r = spawnSync('bash', [SCRIPT], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const present = () => ({ PHULUC_CHROMIUM: process.execPath, PHULUC_LIBREOFFICE: 'sh' });

test('does nothing, silently, when both programs are there', () => {
  const apt = fakeAptGet();
  const r = run({ ...present(), PHULUC_APT_GET: apt.bin, PHULUC_INSTALL_AS: 'root' });
  expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
  expect(fs.existsSync(apt.log)).toBe(false);
});

test('without root or sudo: one line naming both packages, non-zero, nothing installed', () => {
  const apt = fakeAptGet();
  const r = run({
    PHULUC_CHROMIUM: path.join(dir, 'no-chromium'),
    PHULUC_LIBREOFFICE: 'no-libreoffice-here',
    PHULUC_APT_GET: apt.bin,
    PHULUC_INSTALL_AS: 'none',
  });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/apt-get install --no-install-recommends chromium libreoffice-calc-nogui$/);
  expect(lines[0]).toMatch(/root hoặc sudo/);
  expect(fs.existsSync(apt.log)).toBe(false);
});

test('as root: says what it installs, installs only what is missing, then goes on', () => {
  const chromium = path.join(dir, 'chromium');
  const apt = fakeAptGet({ installs: chromium });
  const r = run({ PHULUC_CHROMIUM: chromium, PHULUC_LIBREOFFICE: 'sh', PHULUC_APT_GET: apt.bin, PHULUC_INSTALL_AS: 'root' });
  expect(r.status).toBe(0);
  expect(r.stdout.split('\n')[0]).toMatch(/^npm test: .*installing Debian packages npm cannot: chromium \(/);
  expect(fs.readFileSync(apt.log, 'utf8').trim().split('\n')).toEqual(['update -qq', 'install -y -qq --no-install-recommends chromium']);
});

test('a failing apt-get, or one that installs nothing, stops the run with the packages named', () => {
  const failing = fakeAptGet({ fail: true });
  const r1 = run({
    PHULUC_CHROMIUM: path.join(dir, 'absent'),
    PHULUC_LIBREOFFICE: 'sh',
    PHULUC_APT_GET: failing.bin,
    PHULUC_INSTALL_AS: 'root',
  });
  expect(r1.status).toBe(1);
  expect(r1.stderr.trim()).toMatch(/could not install them.*chromium$/);

  fs.rmSync(failing.log);
  const idle = fakeAptGet();
  const r2 = run({
    PHULUC_CHROMIUM: path.join(dir, 'absent'),
    PHULUC_LIBREOFFICE: 'sh',
    PHULUC_APT_GET: idle.bin,
    PHULUC_INSTALL_AS: 'root',
  });
  expect(r2.status).toBe(1);
  expect(r2.stderr.trim()).toMatch(/still missing after apt-get.*chromium$/);
});

test('with no apt-get on the machine: one line, non-zero', () => {
  const r = run({
    PHULUC_CHROMIUM: path.join(dir, 'absent'),
    PHULUC_LIBREOFFICE: 'sh',
    PHULUC_APT_GET: path.join(dir, 'no-apt-get'),
    PHULUC_INSTALL_AS: 'root',
  });
  expect(r.status).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/no apt-get here/);
});

test('npm test runs it before anything else, and .ci/run installs nothing by itself', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts.test.startsWith('bash scripts/test-prereqs.sh && ')).toBe(true);
  const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
  expect(ci).toMatch(/npm test -- /);
  expect(ci).not.toMatch(/apt-get install/);
});
