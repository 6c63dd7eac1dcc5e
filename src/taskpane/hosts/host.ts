/**
 * What the pane needs from where it runs. In Excel the workbook is the open one and problems are
 * shown in it; on the page the workbook is a chosen file and problems are shown in a copy.
 */
import type { CellFix } from '../../core/fixes/propose';
import type { ConsolidatedModel } from '../../core/merge/model';
import type { PlainCheck } from '../../core/validate/plain-check';
import type { CheckOutcome } from '../../shared/outcome';

export type { CheckOutcome };

export interface ExcelActions {
  goTo(sheet: string, cell: string): Promise<void>;
  /** `notes`: Xóa đánh dấu also removes the notes Phuluc's page wrote (author "Phuluc"), where Excel can. */
  setMarks(on: boolean, check: PlainCheck, opts?: { notes?: boolean }): Promise<number>;
  convertLegacy(check: PlainCheck): Promise<number>;
  writeModel(model: ConsolidatedModel): Promise<number>;
  /** Applies certain fixes; what they replaced is kept for undoFixes. */
  applyFixes(fixes: CellFix[]): Promise<{ applied: number; skipped: number }>;
  /** Puts back the cells of the last applied fixes; returns how many (0 when there is nothing to undo). */
  undoFixes(): Promise<number>;
  /** Excel has data validation (ExcelApi 1.8): the drop-down buttons are offered. */
  dropdownsAvailable(): boolean;
  addDropdowns(check: PlainCheck): Promise<{ added: number; kept: number }>;
  removeDropdowns(): Promise<number>;
}

export type Host =
  | {
      kind: 'excel';
      fileName(): string | undefined;
      checkOpen(mark: boolean): Promise<CheckOutcome>;
      /** The ribbon's checks (or their failures), shown in the pane too; returns the undo. */
      onRibbonCheck(show: (r: { outcome: CheckOutcome } | { error: string }) => void): () => void;
      /** Edits re-check the workbook by themselves (ExcelApi 1.7 change events); else the pane offers Kiểm tra lại. */
      followsTyping(): boolean;
      /** Each re-check after an edit, shown in the pane; returns the undo. */
      onLiveCheck(show: (outcome: CheckOutcome) => void): () => void;
      excel: ExcelActions;
    }
  | { kind: 'page' };
