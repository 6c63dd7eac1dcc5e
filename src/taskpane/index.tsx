/**
 * The task pane inside Excel. It is also the add-in's shared runtime (the ribbon's commands run in
 * this page), so it starts light: the rules and the parser load when first used.
 */
import { createRoot } from 'react-dom/client';
import { onOfficeReady } from '../shared/office-js-ready';
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

/** Vietnamese first, then English, as plain paragraphs (the app and its styles are not loaded). */
function say(el: HTMLElement, vi: string, en: string, link?: { href: string; vi: string; en: string }): void {
  el.replaceChildren();
  for (const [text, lang] of [
    [vi, 'vi'],
    [en, 'en'],
  ] as const) {
    const p = document.createElement('p');
    p.lang = lang;
    p.textContent = text;
    if (link) {
      const a = document.createElement('a');
      a.href = link.href;
      a.textContent = lang === 'vi' ? link.vi : link.en;
      p.append(' ', a);
    }
    el.append(p);
  }
}

function render(host: Office.HostType | null): void {
  const el = document.getElementById('app');
  if (!el) return;
  // Opened in a browser, outside Office: Office.js has started, but there is no workbook to check.
  if (host !== Office.HostType.Excel) {
    say(
      el,
      'Phuluc là bổ trợ của Excel: hãy mở nó trong Excel (Trang đầu → Phụ lục). Ngoài Excel, dùng trang kiểm tra và tổng hợp trên tệp:',
      'Phuluc is an Excel add-in: open it in Excel (Home → Phụ lục). Outside Excel, use the page that checks and merges files:',
      { href: 'app.html', vi: 'mở trang', en: 'open the page' },
    );
    el.dataset.state = 'outside-excel';
    return;
  }
  // The ribbon's fallback (no shared runtime) opens this page as a dialog with a one-line result.
  const summary = new URLSearchParams(window.location.search).get('summary');
  if (summary) {
    el.textContent = summary;
    return;
  }
  createRoot(el).render(<App host={excelHost()} engine={new Engine()} dark={officeIsDark()} />);
}

onOfficeReady(
  (info) => render(info.host),
  (e) => {
    const el = document.getElementById('app');
    if (!el) return;
    say(
      el,
      `Không tải được Office.js (${e.message}). Hãy báo quản trị mạng: bổ trợ cần mạng tới Office.js của Microsoft, hoặc bản dựng OFFICE_JS=local.`,
      `Office.js could not be loaded (${e.message}). Tell the network administrator: the add-in needs to reach Microsoft's Office.js, or a build with OFFICE_JS=local.`,
    );
    el.dataset.state = 'office-js-failed';
    console.error(`Phuluc: Office.js did not load: ${e.message}`);
  },
);
