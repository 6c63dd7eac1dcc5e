/** The standalone page (app.html): the pane's app over chosen files, for PCs whose Excel cannot load add-ins. */
import { createRoot } from 'react-dom/client';
import { App } from '../taskpane/components/App';
import { Engine } from '../engine/engine-client';

/**
 * `?fileTimeoutMs=N` shortens the time one file may take (default one minute): for a slow PC's
 * administrator, and for the test that shows a stuck file does not stop a batch.
 */
function fileTimeoutMs(): number | undefined {
  const n = Number(new URLSearchParams(window.location.search).get('fileTimeoutMs'));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

const el = document.getElementById('app');
if (el) createRoot(el).render(<App host={{ kind: 'page' }} engine={new Engine({ fileTimeoutMs: fileTimeoutMs() })} />);
