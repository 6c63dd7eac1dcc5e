/**
 * One-click fixes (issue 16, the engine's part): only what is certain is proposed, and applying every
 * proposal leaves none of those findings.
 */
import { where } from './helpers';
import { buildWorkbook } from '../fixtures/builder';
import { GOOD_PL02_ROW } from '../fixtures/content';
import { encodeTcvn3 } from '../../src/core/text/legacy';
import { proposeFixes, tidyText } from '../../src/core/fixes/propose';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { catalog } from './helpers';

const STP = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
const rows = [
  { ...GOOD_PL02_ROW, stt: 1, tinh_trang: 'hoàn thành.' },
  { ...GOOD_PL02_ROW, stt: 2, tinh_trang: 'Đã hoàn thành' },
  { ...GOOD_PL02_ROW, stt: 3, ket_qua: '\u200BĐã rà soát 35 thủ tục\u00A0' },
  { ...GOOD_PL02_ROW, stt: 4, nhiem_vu: encodeTcvn3('Rà soát văn bản quy phạm pháp luật') },
  { ...GOOD_PL02_ROW, stt: 5, tinh_trang: 'Chưa hoàn thành (đang chờ kinh phí)', ly_do: null },
];

test('each certain fix is proposed with what it changes; a missing reason or a status with a remark gets none', () => {
  const grid = buildWorkbook({ sheets: [{ form: 'pl02', letterhead: STP, rows }] });
  const c = validateWorkbook(grid, { catalog, fileName: 'So Tu phap.xlsx' });
  const fixes = proposeFixes(grid, c);
  expect(fixes.map((f) => [f.kind, f.from, f.to])).toEqual([
    ['legacy', encodeTcvn3('Rà soát văn bản quy phạm pháp luật'), 'Rà soát văn bản quy phạm pháp luật'],
    ['status-label', 'hoàn thành.', 'Hoàn thành'],
    ['status-label', 'Đã hoàn thành', 'Hoàn thành'],
    ['whitespace', '\u200BĐã rà soát 35 thủ tục\u00A0', 'Đã rà soát 35 thủ tục'],
  ]);
  // Applied, the workbook has none of those findings and the same statuses; the reason is still missing.
  for (const f of fixes) grid.sheets.find((s) => s.name === f.sheet)!.values[f.row][f.col] = f.to;
  const after = validateWorkbook(grid, { catalog, fileName: 'So Tu phap.xlsx' });
  expect(after.findings.filter((f) => f.code === 'legacy-encoding')).toEqual([]);
  expect(proposeFixes(grid, after)).toEqual([]);
  expect(after.tables[0].rows.map((r) => r.statuses.tinh_trang)).toEqual(c.tables[0].rows.map((r) => r.statuses.tinh_trang));
  expect(where(after, 'error').filter((w) => !w.startsWith('sheet-missing'))).toEqual(
    where(c, 'error').filter((w) => !w.startsWith('sheet-missing')),
  );
});

test('tidying keeps line breaks inside a text and takes only what is around it', () => {
  expect(tidyText('\u00A0 Dòng một\nDòng  hai \u200B')).toBe('Dòng một\nDòng hai');
});
