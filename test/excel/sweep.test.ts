/**
 * Every flow at every ExcelApi version from 1.1 to the highest the published API has, on the
 * desktop and the web profile, with and without SharedRuntime: each completes or degrades as
 * documented (docs/excel-versions.md); none fails.
 */
import { allVersions, API_SETS } from '../fixtures/api-sets';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { combos, runFlows, smallModel, sweep, versionsTable } from '../fixtures/excel-sweep';
import { withTable } from '../../scripts/excel-versions';
import { FakeWorkbookState, installFakeExcel } from '../fixtures/fake-excel';
import { detectCapabilities } from '../../src/excel/capabilities';
import { writeModelToWorkbook } from '../../src/excel/write-model';
import { META_SHEET } from '../../src/core/merge/model';

test('the sweep covers 1.1 to the highest version, both profiles, with and without SharedRuntime', () => {
  const c = combos();
  expect(allVersions()[0]).toBe('1.1');
  expect(allVersions().at(-1)).toBe(API_SETS.highest);
  expect(c).toHaveLength(allVersions().length * 4);
});

test('no flow fails at any version, profile or runtime; docs/excel-versions.md shows the same table', async () => {
  const { versions, failures } = await sweep();
  expect(failures).toEqual([]);
  const page = readFileSync(path.resolve(__dirname, '../../docs/excel-versions.md'), 'utf8');
  expect(withTable(page, versionsTable(versions))).toBe(page);
  // The degradations are the documented ones, at the versions that document them.
  expect(versions['1.1']).toMatchObject({
    marks: 'fills',
    stamp: 'document settings',
    clearMarks: "Phuluc's notes kept",
    writeAgain: 'ok',
    check: 'ok (no merged areas read)',
  });
  expect(versions['1.1'].write).toMatch(/_phuluc visible/);
  expect(versions['1.2'].write).not.toMatch(/_phuluc visible/);
  expect(versions['1.6'].marks).toBe('ok');
  expect(versions['1.7'].stamp).toBe('ok');
  expect(versions['1.9'].write).toBe('ok');
  expect(versions['1.7'].dropdowns).toBe('not offered');
  expect(versions['1.8'].dropdowns).toBe('ok');
  expect(versions['1.1'].fix).toBe('ok');
  expect(versions[API_SETS.highest]).toMatchObject({ check: 'ok', marks: 'ok', stamp: 'ok', write: 'ok', convert: 'ok', jump: 'ok' });
  expect(versions['1.13'].ribbon).toBe('ok with SharedRuntime, dialog without');
  // The check follows the typing from ExcelApi 1.7 (Worksheet.onChanged); before it, Kiểm tra lại.
  expect(versions['1.6'].follow).toBe('Kiểm tra lại button');
  expect(versions['1.7'].follow).toBe('ok (renames followed at the next edit)');
  expect(versions['1.17'].follow).toBe('ok');
  // Phuluc's notes in a highlighted copy are removed from ExcelApi 1.18 (Workbook.notes, Note.authorName).
  expect(versions['1.17'].clearMarks).toBe("Phuluc's notes kept");
  expect(versions['1.18'].clearMarks).toBe('ok');
}, 300_000);

test('a flow that breaks is reported as a failure, not thrown', async () => {
  // "ExcelApi 1.0" has nothing at all: every flow fails at its first sync.
  const r = await runFlows({ version: '1.0', profile: 'web', sharedRuntime: false });
  // Every flow but the drop-downs, which are not offered without data validation.
  expect(Object.entries(r).every(([flow, v]) => (flow === 'dropdowns' ? v === 'not offered' : v.startsWith('fail')))).toBe(true);
  expect(r.check).toMatch(/^fail: ApiNotFound/);
});

test('consolidated by a newer Excel, consolidated again on ExcelApi 1.1: the very hidden list is written over in place', async () => {
  const state = new FakeWorkbookState();
  state.setValues('Công văn', [['Số 1234/SNV']]);
  const m = smallModel();
  const newer = installFakeExcel('1.13', state);
  await writeModelToWorkbook(newer.context(), detectCapabilities(newer.office.context.requirements.isSetSupported), m);
  expect(state.sheet(META_SHEET).visibility).toBe('VeryHidden');
  const before = state.sheets.map((s) => s.name).sort();
  const old = installFakeExcel('1.1', state);
  const r = await writeModelToWorkbook(old.context(), detectCapabilities(old.office.context.requirements.isSetSupported), m);
  expect(state.sheets.map((s) => s.name).sort()).toEqual(before);
  expect(state.sheet(META_SHEET).visibility).toBe('VeryHidden');
  const list = [...state.sheet(META_SHEET).cells.values()].map((c) => String(c.value)).join('');
  expect(JSON.parse(list).sheets).toEqual(r.sheets);
});
