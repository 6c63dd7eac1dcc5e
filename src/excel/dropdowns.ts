/**
 * **Thêm danh sách chọn** / **Bỏ danh sách chọn** (issue 16): Excel's own data validation
 * (Range.dataValidation, ExcelApi 1.8; learn.microsoft.com/office/dev/add-ins/excel/
 * excel-add-ins-data-validation) on the status and evaluation columns of every recognised table —
 * the form's labels as an in-cell list, an input message naming the rule — and an input message on
 * the reason column.
 *
 * Only cells without any validation are given one: setting `rule` over cells whose validation
 * differs fails (office-js#2594), and `clear()` removes whatever validation the cells have, the
 * clerk's included ("Clearing data validation from a range will also clear any data validation that
 * a user has added manually"). So a column that already has a rule of the clerk's keeps it, and
 * removal clears only ranges Phuluc recorded (in the document settings) whose prompt title is still
 * Phuluc's. Three round trips to add, three to remove, whatever the number of tables.
 */
import { type DropdownRange, isPhulucTitle } from '../core/fixes/dropdowns';
import { OPERATION_BYTES, RequestBudget, utf8Length } from './request-size';

export const DROPDOWNS_SETTING = 'phuluc.dropdowns';

interface Recorded {
  sheet: string;
  address: string;
}

export interface DropdownResult {
  /** Ranges given a list or a message. */
  added: number;
  /** Ranges left alone: they already had a validation (the clerk's, or Phuluc's from before). */
  kept: number;
  syncs: number;
}

/** Bytes of one range's writes: navigation, rule, prompt, alert, with their texts. */
function writeBytes(d: DropdownRange): number {
  return 5 * (OPERATION_BYTES + utf8Length(d.sheet) + d.address.length) + utf8Length(d.list ?? '') + utf8Length(d.title + d.message) * 2;
}

export async function addDropdowns(context: Excel.RequestContext, plan: readonly DropdownRange[]): Promise<DropdownResult> {
  if (!plan.length) return { added: 0, kept: 0, syncs: 0 };
  const sheets = context.workbook.worksheets;
  // What each range has now: one read.
  const now = plan.map((d) => {
    const dv = sheets.getItem(d.sheet).getRange(d.address).dataValidation;
    dv.load('type,prompt');
    return { d, dv };
  });
  await context.sync();
  let syncs = 1;
  const budget = new RequestBudget();
  const added: Recorded[] = [];
  let kept = 0;
  for (const { d, dv } of now) {
    const prompt = dv.prompt as Excel.DataValidationPrompt | null;
    // "None" with no message of anyone's: a free range. Anything else is left as it is.
    const free = dv.type === 'None' && prompt !== null && !prompt.title && !prompt.message;
    if (!free) {
      kept++;
      continue;
    }
    const bytes = writeBytes(d);
    if (budget.wouldOverflow(bytes)) {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
      budget.sent();
    }
    budget.add(bytes);
    const target = sheets.getItem(d.sheet).getRange(d.address).dataValidation;
    if (d.list !== undefined) {
      target.rule = { list: { inCellDropDown: true, source: d.list } };
      // A warning, not a stop: an accepted spelling ("Đã hoàn thành") stays possible; the check says the rest.
      target.errorAlert = {
        showAlert: true,
        style: 'Warning',
        title: d.title,
        message: 'Giá trị này không có trong danh sách của mẫu. / This value is not in the form’s list.',
      };
    }
    target.prompt = { showPrompt: true, title: d.title, message: d.message };
    added.push({ sheet: d.sheet, address: d.address });
  }
  await context.sync();
  syncs++;
  record([...recorded(), ...added]);
  return { added: added.length, kept, syncs };
}

/** Removes Phuluc's drop-downs and messages, and nothing else. */
export async function removeDropdowns(context: Excel.RequestContext): Promise<{ removed: number; syncs: number }> {
  const list = recorded();
  if (!list.length) return { removed: 0, syncs: 0 };
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const names = new Set(sheets.items.map((s) => s.name));
  const present = list.filter((r) => names.has(r.sheet));
  const now = present.map((r) => {
    const dv = sheets.getItem(r.sheet).getRange(r.address).dataValidation;
    dv.load('prompt');
    return { r, dv };
  });
  await context.sync();
  let removed = 0;
  for (const { dv } of now) {
    const prompt = dv.prompt as Excel.DataValidationPrompt | null;
    // Still Phuluc's over the whole range: a range the clerk has since changed is left to them.
    if (prompt && isPhulucTitle(prompt.title)) {
      dv.clear();
      removed++;
    }
  }
  await context.sync();
  record([]);
  return { removed, syncs: 3 };
}

/** Whether Phuluc's drop-downs are (recorded as) in the workbook. */
export function hasDropdowns(): boolean {
  return recorded().length > 0;
}

function recorded(): Recorded[] {
  try {
    const raw = Office.context.document.settings.get(DROPDOWNS_SETTING);
    const parsed = typeof raw === 'string' ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as Recorded[]) : [];
  } catch {
    return [];
  }
}

function record(list: Recorded[]): void {
  try {
    Office.context.document.settings.set(DROPDOWNS_SETTING, JSON.stringify(list));
    Office.context.document.settings.saveAsync();
  } catch {
    // Without document settings the drop-downs stay until removed by hand (Data › Data Validation).
  }
}
