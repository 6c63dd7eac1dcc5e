/**
 * The pages load Office.js themselves (CDN, then the copy beside the add-in; see
 * scripts/office-js.js) and leave a promise of it on window. Both bundles of the shared runtime wait
 * on that one promise, so Office.js loads once.
 */
declare global {
  interface Window {
    phulucOfficeJs?: Promise<string>;
  }
}

/** Resolves once `Office` exists; rejects with every source tried and why each failed. */
export function officeJsReady(): Promise<unknown> {
  return (
    window.phulucOfficeJs ??
    (typeof Office === 'undefined' ? Promise.reject(new Error('Office.js is not on this page')) : Promise.resolve())
  );
}

/** Office.onReady after Office.js has loaded; outside Office `info.host` is null. */
export function onOfficeReady(ready: (info: { host: Office.HostType | null }) => void, failed: (e: Error) => void): void {
  officeJsReady()
    .then(() => Office.onReady())
    .then(ready, (e: unknown) => failed(e instanceof Error ? e : new Error(String(e))));
}
