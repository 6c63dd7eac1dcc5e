/**
 * The task pane inside Excel. It is also the add-in's shared runtime (the ribbon's commands run in
 * this page), so it starts light: the rules and the parser load when first used.
 */
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { Engine } from './engine/engine-client';
import { excelHost } from './hosts/excel-host';

function render(): void {
  const el = document.getElementById('app');
  if (!el) return;
  // The ribbon's fallback (no shared runtime) opens this page as a dialog with a one-line result.
  const summary = new URLSearchParams(window.location.search).get('summary');
  if (summary) {
    el.textContent = summary;
    return;
  }
  createRoot(el).render(<App host={excelHost()} engine={new Engine()} />);
}

void Office.onReady(() => render());
