/**
 * The task pane inside Excel. It is also the add-in's shared runtime (the ribbon's commands run in
 * this page), so it starts light: the rules and the parser load when first used.
 */
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { Engine } from '../engine/engine-client';
import { excelHost } from './hosts/excel-host';

/** Office's own theme (dark grey, black) carries over to the pane; older hosts have none: light. */
function officeIsDark(): boolean {
  const bg = Office.context.officeTheme?.bodyBackgroundColor;
  const m = bg ? /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(bg) : null;
  if (!m) return false;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

function render(): void {
  const el = document.getElementById('app');
  if (!el) return;
  // The ribbon's fallback (no shared runtime) opens this page as a dialog with a one-line result.
  const summary = new URLSearchParams(window.location.search).get('summary');
  if (summary) {
    el.textContent = summary;
    return;
  }
  createRoot(el).render(<App host={excelHost()} engine={new Engine()} dark={officeIsDark()} />);
}

void Office.onReady(() => render());
