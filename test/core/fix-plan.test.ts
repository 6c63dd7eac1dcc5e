/**
 * The fixes as the pane offers them and the drop-downs' plan (issue 16, the engine's part): a Sửa
 * only where the fix settles the finding; the changes shown with what is invisible made visible;
 * drop-downs on the data rows only, within Excel's limits.
 */
import { dateCatalog, fixableWorkbook } from '../fixtures/fixable';
import { validateWorkbook } from '../../src/core/validate/validate-workbook';
import { proposeFixes, type CellFix } from '../../src/core/fixes/propose';
import { describeFix, fixesOfKind, fixFor, fixIndex } from '../../src/core/fixes/plan';
import { dropdownPlan, isPhulucTitle, LIST_SOURCE_MAX, PROMPT_MESSAGE_MAX, PROMPT_TITLE_MAX } from '../../src/core/fixes/dropdowns';
import type { Finding } from '../../src/core/report/issue';

const catalog = dateCatalog();
const checked = () => {
  const grid = fixableWorkbook();
  const check = validateWorkbook(grid, { catalog, fileName: 'So Tu phap.xlsx' });
  return { grid, check, fixes: proposeFixes(grid, check) };
};

test('a finding gets the fix of its cell only when that fix settles it', () => {
  const { check, fixes } = checked();
  const index = fixIndex(fixes);
  const withFix = check.findings.filter((f) => fixFor(f, index)).map((f) => f.code);
  expect(withFix).toEqual(['legacy-encoding']);
  // A reason missing on a cell that also had stray spaces is not settled by tidying them.
  const reason: Finding = { code: 'reason-missing', severity: 'error', sheet: 'PL02', row: 9, col: 4, params: {} };
  expect(fixFor(reason, index)).toBeUndefined();
  expect(fixesOfKind(fixes).map((g) => [g.kind, g.fixes.length])).toEqual([
    ['status-label', 3],
    ['whitespace', 1],
    ['legacy', 1],
    ['text-date', 5],
  ]);
});

test('what a fix changes is shown before it is made, the invisible made visible', () => {
  const { fixes } = checked();
  const ws = fixes.find((f) => f.kind === 'whitespace')!;
  expect(describeFix(ws)).toEqual({ cell: 'PL02!E10', from: '⟨·⟩Đã rà soát 35 thủ tục⍽', to: 'Đã rà soát 35 thủ tục' });
  const date = fixes.find((f) => f.kind === 'text-date')!;
  expect(describeFix(date)).toEqual({ cell: 'PL02!D8', from: '15/11/2022', to: '15/11/2022 (ngày / date)' });
  const fix: CellFix = { sheet: 'S', row: 0, col: 0, kind: 'whitespace', from: '  a  b ', to: 'a b' };
  expect(describeFix(fix).from).toBe('␣␣a␣␣b␣');
});

test('drop-downs go on the data rows of status columns, a message on the reason column, within Excel’s limits', () => {
  const { check } = checked();
  const plan = dropdownPlan(check.tables);
  const pl02 = plan.filter((d) => d.sheet === 'PL02');
  // Two runs of tasks around the section row II: the section row gets nothing.
  expect(pl02.map((d) => `${d.column} ${d.address} ${d.list ? 'list' : 'message'}`)).toEqual([
    'tinh_trang F8:F11 list',
    'tinh_trang F13:F14 list',
    'ly_do G8:G11 message',
    'ly_do G13:G14 message',
  ]);
  for (const d of plan) {
    expect(d.title.length).toBeLessThanOrEqual(PROMPT_TITLE_MAX);
    expect(d.message.length).toBeLessThanOrEqual(PROMPT_MESSAGE_MAX);
    expect((d.list ?? '').length).toBeLessThanOrEqual(LIST_SOURCE_MAX);
    expect(isPhulucTitle(d.title)).toBe(true);
  }
  expect(pl02[0].message).toBe(
    'Chọn trong danh sách. Nếu đang thực hiện / chưa hoàn thành / chưa thực hiện / không thực hiện, ghi lý do cụ thể ở cột Lý do chưa hoàn thành.',
  );
  expect(isPhulucTitle('Của đơn vị')).toBe(false);

  // A list longer than Excel allows inline, or a label with a comma: the message only.
  const t = check.tables.find((x) => x.sheet === 'PL02')!;
  const long = t.template.columns.map((c) =>
    c.type === 'status'
      ? { ...c, options: [...c.options!, { key: 'X', label: 'x'.repeat(200), accepted: [], needsReason: false, complete: false }] }
      : c,
  );
  const comma = t.template.columns.map((c) =>
    c.type === 'status' ? { ...c, options: [{ ...c.options![0], label: 'Hoàn thành, đúng hạn' }, ...c.options!.slice(1)] } : c,
  );
  for (const columns of [long, comma]) {
    const p = dropdownPlan([{ ...t, template: { ...t.template, columns } }]);
    expect(p.filter((d) => d.column === 'tinh_trang').every((d) => d.list === undefined)).toBe(true);
  }
});
