/** The pane inside Excel: the open workbook is the one checked, and merged sheets go into it. */
import { subscribeRibbon } from '../../shared/last-outcome';
import { officeCapabilities } from '../../excel/capabilities';
import { documentFileName } from '../../excel/document-name';
import { goToCell } from '../../excel/navigate';
import type { Host } from './host';

const engine = () => import(/* webpackChunkName: "excel-engine" */ './excel-engine');

export function excelHost(): Host {
  return {
    kind: 'excel',
    fileName: documentFileName,
    checkOpen: async (mark) => (await engine()).checkOpen(documentFileName(), mark),
    onRibbonCheck: subscribeRibbon,
    followsTyping: () => officeCapabilities().changeEvents,
    onLiveCheck: (show) => {
      let undo: (() => void) | null = null;
      let gone = false;
      void engine().then((m) => {
        if (!gone) undo = m.onLiveCheck(show);
      });
      return () => {
        gone = true;
        undo?.();
      };
    },
    excel: {
      goTo: (sheet, cell) => Excel.run((ctx) => goToCell(ctx, sheet, cell)),
      setMarks: async (on, check, opts) => (await engine()).setMarks(on, check, opts),
      convertLegacy: async (check) => (await engine()).convertLegacy(check),
      writeModel: async (model) => (await engine()).writeModel(model),
      applyFixes: async (fixes) => (await engine()).applyCellFixes(fixes),
      undoFixes: async () => (await engine()).undoLastFixes(),
      dropdownsAvailable: () => officeCapabilities().dataValidation,
      addDropdowns: async (check) => (await engine()).addFormDropdowns(check),
      removeDropdowns: async () => (await engine()).removeFormDropdowns(),
    },
  };
}
