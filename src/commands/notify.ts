/**
 * Telling the result of a ribbon click: with the shared runtime the pane opens on it (it shares the
 * ribbon's state); without it, a small dialog shows the one-line summary. Returns which it was.
 */
export function notify(text: string): 'pane' | 'dialog' | 'none' {
  if (Office.context.requirements.isSetSupported('SharedRuntime', '1.1')) {
    void Office.addin.showAsTaskpane();
    return 'pane';
  }
  if (Office.context.requirements.isSetSupported('DialogApi', '1.1')) {
    const page = new URL('taskpane.html', window.location.href);
    page.searchParams.set('summary', text);
    Office.context.ui.displayDialogAsync(page.toString(), { height: 25, width: 35, displayInIframe: true });
    return 'dialog';
  }
  return 'none';
}
