import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { UnreadableReason } from '../../src/core/report/unreadable';
import {
  createReaderPool,
  MAX_POOL_SIZE,
  planPool,
  timeoutFor,
  readFileInProcess,
  type ReaderPool,
  type ReadResult,
} from '../../src/xlsx/reader-pool';
import { extraCellWorkbook } from '../fixtures/hostile';
import { makeZip } from '../fixtures/zip';
import {
  NORMAL_PL01_VALUES,
  bombZip,
  encryptedPackage,
  hugeDimensionWorkbook,
  largeWorkbook,
  normalWorkbook,
  randomBytes,
} from './helpers';

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'phuluc-xlsx-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function put(name: string, bytes: Uint8Array): Promise<string> {
  const p = path.join(dir, name);
  await fs.writeFile(p, bytes);
  return p;
}

function reason(r: ReadResult): UnreadableReason | 'ok' {
  return r.ok ? 'ok' : r.info.reason;
}

describe('reader pool', () => {
  let pool: ReaderPool;
  beforeAll(() => {
    pool = createReaderPool();
  });
  afterAll(async () => {
    await pool.close();
  });

  it('reads a good file into a grid, with its mtime', async () => {
    const file = await put('So Tu phap.xlsx', normalWorkbook('xlsx'));
    const r = await pool.readFile(file);
    if (!r.ok) throw new Error(JSON.stringify(r.info));
    expect(r.grid.sheets[0]!.values).toEqual(NORMAL_PL01_VALUES);
    expect(r.grid.sheets[1]!.visibility).toBe('hidden');
    expect(r.grid.customProps?.PhulucStamp).toBe('v1:abc123');
    expect(r.mtimeMs).toBe((await fs.stat(file)).mtimeMs);
    expect(r.ms).toBeGreaterThanOrEqual(0);
  });

  const broken: [string, () => Uint8Array, UnreadableReason][] = [
    ['empty.xlsx', () => new Uint8Array(0), 'empty'],
    ['text.xlsx', () => Buffer.from('STT,Tên đơn vị,Tỷ lệ\n1,Sở Tư pháp,100%\n'), 'not-spreadsheet'],
    ['random.xls', () => randomBytes(64 * 1024), 'not-spreadsheet'],
    ['truncated.xlsx', () => normalWorkbook('xlsx').subarray(0, 6000), 'corrupt'],
    ['no-workbook.xlsx', () => makeZip([{ name: 'word/document.xml', data: '<w:document/>' }]), 'no-workbook'],
    ['bomb.xlsx', () => bombZip(200), 'too-large'],
    ['bomb-lying.xlsx', () => bombZip(200, 1), 'corrupt'],
    ['password.xlsx', () => encryptedPackage(), 'encrypted'],
  ];

  it.each(broken)('%s is reported, not thrown, within 10 s', async (name, make, expected) => {
    const file = await put(name, make());
    const t0 = Date.now();
    const r = await pool.readFile(file);
    const elapsed = Date.now() - t0;
    expect(reason(r)).toBe(expected);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('reads a sheet claiming A1:XFD1048576 (dimension and merge) as a small grid', async () => {
    const r = await pool.readFile(await put('dimension.xlsx', hugeDimensionWorkbook()));
    if (!r.ok) throw new Error(JSON.stringify(r.info));
    expect(r.grid.sheets[0]!.values).toHaveLength(4);
    expect(r.grid.sheets[0]!.merges).toEqual([{ r0: 0, c0: 0, r1: 3, c1: 2 }]);
  });

  it('still reads good files after all of that, many at once', async () => {
    const xlsx = await put('good.xlsx', normalWorkbook('xlsx'));
    const xls = await put('good.xls', normalWorkbook('biff8'));
    const results = await Promise.all([xlsx, xls, xlsx, xls, xlsx, xls].map((f) => pool.readFile(f)));
    for (const r of results) {
      if (!r.ok) throw new Error(JSON.stringify(r.info));
      expect(r.grid.sheets[0]!.values).toEqual(NORMAL_PL01_VALUES);
    }
  });

  it('reports files that cannot be opened as io-error', async () => {
    expect(reason(await pool.readFile(path.join(dir, 'missing.xlsx')))).toBe('io-error');
    expect(reason(await pool.readFile(dir))).toBe('io-error');
  });

  it('reads bytes, transferring them unless asked to keep them', async () => {
    const kept = normalWorkbook('xlsx');
    const size = kept.length;
    expect(reason(await pool.readBytes(kept, 'kept.xlsx', { transfer: false }))).toBe('ok');
    expect(kept.length).toBe(size);
    const own = new Uint8Array(kept); // owns its ArrayBuffer, so it is transferred
    expect(reason(await pool.readBytes(own, 'own.xlsx'))).toBe('ok');
    expect(own.byteLength).toBe(0);
  });
});

describe('reader pool limits', () => {
  let big: Buffer;
  let small: Buffer;
  beforeAll(() => {
    big = largeWorkbook(100_000); // ~2.6 MB zip, ~500,000 cells
    small = normalWorkbook('xlsx');
  });

  it('reports a worker that runs out of memory and replaces it', async () => {
    const pool = createReaderPool({ size: 1, memoryMb: 64, timeoutMs: 8000 });
    try {
      const t0 = Date.now();
      const r = await pool.readBytes(big, 'big.xlsx', { transfer: false });
      expect(['out-of-memory', 'timeout']).toContain(reason(r));
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(reason(await pool.readBytes(small, 'small.xlsx', { transfer: false }))).toBe('ok');
    } finally {
      await pool.close();
    }
  });

  it('terminates a parse over its time limit and goes on', async () => {
    const pool = createReaderPool({ size: 1, timeoutMs: 500 });
    try {
      const r = await pool.readBytes(big, 'big.xlsx', { transfer: false });
      expect(reason(r)).toBe('timeout');
      expect(r.ms).toBeLessThan(2000);
      expect(reason(await pool.readBytes(small, 'small.xlsx', { transfer: false }))).toBe('ok');
    } finally {
      await pool.close();
    }
  });

  it('rejects work after close', async () => {
    const pool = createReaderPool({ size: 1 });
    await pool.close();
    await expect(pool.readBytes(small, 'x.xlsx', { transfer: false })).rejects.toThrow(/closed/);
  });
});

describe('the batch memory budget', () => {
  it('sizes the pool so that workers and this process fit in the budget', () => {
    for (const [budgetMb, cores] of [
      [900, 2],
      [900, 16],
      [2000, 16],
      [400, 8],
      [900, 1],
    ] as const) {
      const plan = planPool({ budgetMb, cores });
      expect(plan.size).toBeGreaterThanOrEqual(1);
      expect(plan.size).toBeLessThanOrEqual(Math.min(cores, MAX_POOL_SIZE));
      // Each worker: its heap (60% of its share) plus young generation, start-up and inflated bytes.
      const share = plan.memoryMb / 0.6;
      expect(plan.size * share + 200).toBeLessThanOrEqual(Math.max(budgetMb, 500) + 1);
      expect(plan.maxTotalBytes).toBeLessThanOrEqual(share * 0.25 * 1024 * 1024);
    }
    expect(planPool({ budgetMb: 900, cores: 2 }).size).toBe(2);
    expect(planPool({ budgetMb: 900, cores: 16 }).size).toBe(2);
    expect(planPool({ budgetMb: 2000, cores: 16 }).size).toBe(4);
  });

  it('refuses unread a file that would inflate past its worker’s share', async () => {
    const pool = createReaderPool({ size: 1, budgetMb: 500 });
    try {
      // 120 MB of sheet XML (declared honestly): under the guard's own limits, over this share's.
      const r = await pool.readBytes(bombZip(120), 'big.xlsx', { transfer: false });
      expect(reason(r)).toBe('too-large');
      expect(r.ok ? '' : r.info.detail).toMatch(/inflates to/);
    } finally {
      await pool.close();
    }
  });
});

describe('the time limit of a file', () => {
  it('grows with the file: seconds for a small one, twenty at most', () => {
    expect(timeoutFor(30 * 1024)).toBeLessThan(5_200);
    expect(timeoutFor(2.6 * 1024 * 1024)).toBeGreaterThan(12_000);
    expect(timeoutFor(50 * 1024 * 1024)).toBe(20_000);
  });
});

describe('a reference at row 2^32', () => {
  it('is answered as a damaged file at once, never as a parse stopped at its time limit', async () => {
    const pool = createReaderPool({ size: 1, timeoutMs: 3000 });
    try {
      const r = await pool.readBytes(extraCellWorkbook('A4294967295'), 'x.xlsx', { transfer: false });
      expect(reason(r)).toBe('corrupt');
      expect(reason(await pool.readBytes(small(), 'small.xlsx', { transfer: false }))).toBe('ok');
    } finally {
      await pool.close();
    }
  });
});

const small = () => normalWorkbook('xlsx');

describe('readFileInProcess', () => {
  it('gives the same result shape without workers', async () => {
    const good = await readFileInProcess(await put('inproc.xlsx', normalWorkbook('xlsx')));
    expect(good.ok && good.grid.sheets[0]!.values).toEqual(NORMAL_PL01_VALUES);
    expect(good.mtimeMs).toBeGreaterThan(0);
    const bad = await readFileInProcess(await put('inproc-bomb.xlsx', bombZip(200)));
    expect(reason(bad)).toBe('too-large');
    expect(reason(await readFileInProcess(path.join(dir, 'nope.xls')))).toBe('io-error');
  });
});
