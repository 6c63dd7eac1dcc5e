/**
 * The ribbon's function file. With the shared runtime this code runs in the pane's runtime and
 * opens the pane on the results; without it, it checks, marks, selects the first error and shows
 * a one-line result in a dialog.
 */
import { officeCapabilities } from '../excel/capabilities';
import { documentFileName } from '../excel/document-name';
import { onOfficeReady } from '../shared/office-js-ready';
import { notify } from './notify';

async function phulucCheck(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const caps = officeCapabilities();
    // The rules load on the first click, not with every workbook Excel opens.
    const { runRibbonCheck } = await import(/* webpackChunkName: "ribbon-check" */ './ribbon-check');
    // The outcome also goes to the pane (src/shared/last-outcome.ts), which shows it when it opens.
    const outcome = await Excel.run((context) => runRibbonCheck(context, caps, documentFileName()));
    notify(outcome.summary);
  } catch (e) {
    const message = `Không kiểm tra được / The check failed: ${(e as Error).message}`;
    const { publishRibbonError } = await import(/* webpackChunkName: "ribbon-check" */ '../shared/last-outcome');
    publishRibbonError(message);
    notify(message);
  } finally {
    event.completed();
  }
}

onOfficeReady(
  (info) => {
    // Outside Office (the pane opened in a browser) there is no ribbon to serve.
    if (info.host === Office.HostType.Excel) Office.actions.associate('phulucCheck', phulucCheck);
  },
  // The pane says it on screen; the hidden function file can only log.
  (e) => console.error(`Phuluc: Office.js did not load: ${e.message}`),
);
