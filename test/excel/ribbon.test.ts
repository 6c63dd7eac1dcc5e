import { buildWorkbook } from '../fixtures/builder';
import { pl02Rows } from '../fixtures/content';
import { installFakeExcel, loadGrid, FakeWorkbookState } from '../fixtures/fake-excel';
import { detectCapabilities } from '../../src/excel/capabilities';
import { runRibbonCheck } from '../../src/commands/ribbon-check';

test('the ribbon check marks, selects the first error and says what it found, in Vietnamese first', async () => {
  const rows = pl02Rows({ seed: 2, rows: 6 });
  const data = rows.filter((r) => 'tinh_trang' in r) as Record<string, unknown>[];
  data[2].tinh_trang = 'Chưa hoàn thành';
  data[2].ly_do = null;
  const state = new FakeWorkbookState();
  loadGrid(state, buildWorkbook({ sheets: [{ form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'], rows }] }));
  const fake = installFakeExcel('1.13', state);
  const caps = detectCapabilities((n, v) => fake.office.context.requirements.isSetSupported(n, v));
  const out = await runRibbonCheck(fake.context(), caps, 'So Tu phap.xlsx');
  expect(out.summary).toMatch(/^\d+ lỗi, \d+ cảnh báo — các ô có lỗi đã được tô màu/);
  expect(state.selection).toEqual({ sheet: 'PL02', address: 'G9' });
  expect(state.sheet('PL02').cfs.length).toBeGreaterThan(0);
});
