/**
 * Writing a consolidated model into the open workbook: request size, sheets it must not touch,
 * text kept as text.
 */
import { buildWorkbook } from '../fixtures/builder';
import { pl01Rows, pl02Rows, pl03Rows } from '../fixtures/content';
import { installFakeExcel, FakeWorkbookState } from '../fixtures/fake-excel';
import { detectCapabilities } from '../../src/excel/capabilities';
import { writeModelToWorkbook, MAX_BATCH_BYTES } from '../../src/excel/write-model';
import { builtinCatalog } from '../../src/core/template/catalog';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { consolidate, Submission } from '../../src/core/merge/consolidate';
import type { RegistryDef } from '../../src/core/template/schema';

const catalog = builtinCatalog();
const round = catalog.rounds[0];

function model(units: number) {
  const registry: RegistryDef = {
    units: Array.from({ length: units }, (_, i) => ({
      id: `DV${i + 1}`,
      name: `Đơn vị thử nghiệm số ${i + 1}`,
      kind: 'department' as const,
      aliases: [],
    })),
  };
  const cat = { ...catalog, registry };
  const subs: Submission[] = registry.units.map((u, i) => {
    const head = ['UBND TỈNH HÀ TĨNH', u.name.toUpperCase()];
    const grid = buildWorkbook({
      sheets: [
        { form: 'pl01', letterhead: head, rows: pl01Rows({ seed: i, rows: 40 }) },
        {
          form: 'pl02',
          letterhead: head,
          rows: pl02Rows({ seed: i, rows: 50, sections: true }).map((r, k) =>
            k === 3 && 'ket_qua' in r ? { ...r, ket_qua: '=> Đề nghị bổ sung' } : r,
          ),
        },
        { form: 'pl03', letterhead: head, rows: pl03Rows({ seed: i, rows: 45 }) },
        { form: 'pl04', letterhead: head, rows: pl03Rows({ seed: i + 1, rows: 45, sections: true }) },
      ],
    });
    return {
      check: validateWorkbook(grid, { catalog: cat, fileName: `${u.id}.xlsx` }),
      fileName: `${u.id}.xlsx`,
      receivedAt: '2022-11-14T03:00:00.000Z',
    };
  });
  return consolidate(subs, { catalog: cat, round, registry, generatedAt: '2022-11-20T00:00:00.000Z' });
}

test('no request exceeds 5 MB when writing the model of 250 submissions', async () => {
  const m = model(250);
  const rows = m.sheets.reduce((n, s) => n + s.rows.length, 0);
  expect(rows).toBeGreaterThan(40_000);
  const fake = installFakeExcel('1.13', new FakeWorkbookState());
  fake.state.setValues('Sheet1', [['Công văn đến']]);
  const caps = detectCapabilities((n, v) => fake.office.context.requirements.isSetSupported(n, v));
  const ctx = fake.context();
  const r = await writeModelToWorkbook(ctx, caps, m);
  expect(ctx.maxPayload).toBeLessThanOrEqual(5 * 1024 * 1024);
  expect(ctx.maxPayload).toBeGreaterThan(MAX_BATCH_BYTES / 2); // it did batch, not one tiny request per row
  expect(r.syncs).toBe(ctx.syncCount);
  const pl02 = fake.state.sheet('PL02');
  let count = 0;
  for (const [k, c] of pl02.cells) if (k.endsWith(',0') && c.value !== '') count++;
  expect(count).toBe(m.sheets.find((s) => s.name === 'PL02')!.rows.length + 1);
});

test('written sheets: header, frozen, filtered, text as text, and other sheets untouched; a second write replaces only its own', async () => {
  const m = model(3);
  const fake = installFakeExcel('1.13', new FakeWorkbookState());
  fake.state.setValues('Công văn', [['Số 1234/SNV'], [45000]]);
  fake.state.setValues('PL02', [['Bảng của chuyên viên, không phải của Phuluc']]);
  const caps = detectCapabilities((n, v) => fake.office.context.requirements.isSetSupported(n, v));
  const first = await writeModelToWorkbook(fake.context(), caps, m);
  expect(first.sheets).toEqual(['Tổng hợp', 'PL01', 'PL02 (Phuluc)', 'PL03', 'PL04', 'Lỗi', 'Chưa nộp', 'Phản hồi', 'Theo lĩnh vực']);
  const own = fake.state.sheet('PL02');
  expect([...own.cells.values()].map((c) => c.value)).toEqual(['Bảng của chuyên viên, không phải của Phuluc']);
  const out = fake.state.sheet('PL02 (Phuluc)');
  expect(out.frozenRows).toBe(1);
  expect(out.autoFilter).toMatch(/^PL02 \(Phuluc\)!A1:/);
  const cells = [...out.cells.values()];
  const dangerous = cells.find((c) => c.value === '=> Đề nghị bổ sung')!;
  expect(dangerous.numberFormat).toBe('@');
  expect(cells.filter((c) => typeof c.value === 'string' && c.value !== '').every((c) => c.numberFormat === '@')).toBe(true);
  const summary = fake.state.sheet('Tổng hợp');
  expect(summary.charts).toHaveLength(1);
  expect(fake.state.sheet('_phuluc').visibility).toBe('VeryHidden');
  const names = () => fake.state.sheets.map((s) => s.name);
  const before = names();
  await writeModelToWorkbook(fake.context(), caps, m);
  expect(names().sort()).toEqual(before.sort());
  expect(fake.state.sheet('Công văn').cells.size).toBe(2);
});

test('on ExcelApi 1.1 the model is still written (no freeze, no filter, no axis names)', async () => {
  const fake = installFakeExcel('1.1', new FakeWorkbookState());
  fake.state.setValues('Sheet1', [['x']]);
  const caps = detectCapabilities((n, v) => fake.office.context.requirements.isSetSupported(n, v));
  const r = await writeModelToWorkbook(fake.context(), caps, model(2));
  expect(r.sheets).toContain('Tổng hợp');
  expect(fake.state.sheet('PL01').frozenRows).toBe(0);
});
