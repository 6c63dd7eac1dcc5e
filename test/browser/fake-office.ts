/**
 * Browser entry (bundled by test/browser/harness.ts): installs the strict Excel fake as the page's
 * `Office` and `Excel` globals in place of Microsoft's office.js, with the workbook the test put in
 * `window.__PHULUC_FAKE__`. The test reads the fake's state back through `window.__fakeState`.
 */
import { FakeExcelNamespace, FakeRequestContext, FakeWorkbookState, fakeOffice, loadGrid } from '../fixtures/fake-excel';
import { eventsOf, userEdit } from '../fixtures/fake-excel-events';
import { validationsOf } from '../fixtures/fake-validation';

interface Setup {
  version: string;
  url: string;
  /** Office's theme colours, when the test pretends one (dark Office). */
  bodyBackgroundColor?: string;
  grid: Parameters<typeof loadGrid>[1];
}

const w = window as unknown as {
  __PHULUC_FAKE__: Setup;
  __fakeState: FakeWorkbookState;
  __fakeSyncs: number;
  /** The person typing into the workbook (raises onChanged as Excel does). */
  __userEdit: (sheet: string, address: string, values: (string | number | boolean)[][]) => void;
  __fakeEvents: ReturnType<typeof eventsOf>;
  /** A sheet's data validation, cell by cell ("r,c" → rule, prompt, alert). */
  __fakeValidations: (sheet: string) => Record<string, unknown>;
  __ribbon: (name: string) => Promise<void>;
  Office: unknown;
  Excel: unknown;
};
const setup = w.__PHULUC_FAKE__;
const state = new FakeWorkbookState();
loadGrid(state, setup.grid);
const office = fakeOffice(setup.version);
w.__fakeState = state;
w.__fakeSyncs = 0;
w.__userEdit = (sheet, address, values) => userEdit(state, sheet, address, values);
w.__fakeEvents = eventsOf(state);
w.__fakeValidations = (sheet) => Object.fromEntries(validationsOf(state.sheet(sheet)));

const associated = new Map<string, unknown>();
/** Presses a ribbon button: runs the function the add-in associated with it, as Excel does. */
w.__ribbon = (name) =>
  new Promise<void>((resolve, reject) => {
    const fn = associated.get(name) as ((event: { completed(): void }) => unknown) | undefined;
    if (!fn) return reject(new Error(`no action "${name}" associated`));
    fn({ completed: () => resolve() });
  });
w.Office = {
  HostType: { Excel: 'Excel' },
  onReady: (cb?: (info: { host: string; platform: string }) => void) => {
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    return Promise.resolve().then(() => {
      cb?.(info);
      return info;
    });
  },
  context: {
    ...office.context,
    document: { ...office.context.document, url: setup.url },
    officeTheme: setup.bodyBackgroundColor ? { bodyBackgroundColor: setup.bodyBackgroundColor } : undefined,
  },
  actions: { associate: (name: string, fn: unknown) => associated.set(name, fn) },
  addin: { showAsTaskpane: () => Promise.resolve() },
};
w.Excel = {
  ...FakeExcelNamespace,
  // Excel.run(fn), or Excel.run(context, fn) to go on with an event handler's context.
  run: async <T>(
    a: FakeRequestContext | ((ctx: FakeRequestContext) => Promise<T>),
    b?: (ctx: FakeRequestContext) => Promise<T>,
  ): Promise<T> => {
    const ctx = typeof a === 'function' ? new FakeRequestContext(state, setup.version) : a;
    const fn = typeof a === 'function' ? a : b!;
    const before = ctx.syncCount;
    try {
      return await fn(ctx);
    } finally {
      w.__fakeSyncs += ctx.syncCount - before;
    }
  },
};
