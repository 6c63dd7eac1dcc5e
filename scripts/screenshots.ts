/**
 * `npm run screenshots`: pictures of the page and the pane for docs/ and the README, taken in the
 * same headless Chromium as the browser tests, over generated submissions.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import os from 'node:os';
import path from 'node:path';
import { buildWorkbook, gridToBytes } from '../test/fixtures/builder';
import { GOOD_PL02_ROW, khCchcSubmission } from '../test/fixtures/content';
import { fakeOfficeScript, ROOT, launch, openPage, serveDist, waitText, writeFiles } from '../test/browser/harness';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const STP = ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'];
const good = GOOD_PL02_ROW;

/** No hover state and no transition half-way in the picture. */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phuluc-shots-'));
  const pl02 = buildWorkbook({
    sheets: [
      ...khCchcSubmission('Sở Tư pháp', 1, 5).filter((s) => s.form !== 'pl02'),
      {
        form: 'pl02',
        letterhead: STP,
        rows: [
          good,
          { ...good, stt: 2, ket_qua: null },
          { ...good, stt: 3, tinh_trang: 'Đang thực hiện', ly_do: null },
          { ...good, stt: 4, thoi_gian: 'sắp tới' },
          { ...good, stt: 5, tinh_trang: 'Chưa hoàn thành', ly_do: 'Khách quan' },
        ],
      },
    ],
  });
  const [checkFile] = writeFiles(dir, [{ name: 'So Tu phap - phu luc.xlsx', bytes: gridToBytes(pl02) }]);
  const units: [string, string, string][] = [
    ['So Tu phap.xlsx', 'Sở Tư pháp', '2022-11-14T10:00:00+07:00'],
    ['So Tai chinh.xlsx', 'Sở Tài chính', '2022-11-15T16:00:00+07:00'],
    ['STTTT.xlsx', 'Sở Thông tin và Truyền thông', '2022-11-18T09:00:00+07:00'],
    ['Huyen Can Loc.xlsx', 'Sở Nội vụ', '2022-11-14T08:00:00+07:00'],
  ];
  const mergeFiles = writeFiles(
    path.join(dir, 'in'),
    units.map(([name, u, mtime], i) => ({ name, bytes: gridToBytes(buildWorkbook({ sheets: khCchcSubmission(u, 10 * i + 3) })), mtime })),
  );

  const [server, browser] = await Promise.all([serveDist(), launch()]);
  try {
    const page = await openPage(browser, `${server.origin}/app.html`);
    // The page at a desktop's width, the pane at a task pane's narrowest (320 px).
    await page.page.setViewportSize({ width: 1280, height: 900 });
    const check = page.page.getByRole('tabpanel', { name: 'Kiểm tra' });
    await check.getByLabel('Chọn tệp').setInputFiles(checkFile);
    await check.getByRole('button', { name: 'Kiểm tra' }).click();
    await waitText(check.getByRole('status'), /lỗi/);
    await settle(page.page);
    await page.page.screenshot({ path: path.join(OUT, 'page-check.png'), fullPage: true });

    await page.page.getByRole('tab', { name: 'Tổng hợp' }).click();
    const merge = page.page.getByRole('tabpanel', { name: 'Tổng hợp' });
    await merge.getByLabel('Chọn tệp').setInputFiles(mergeFiles);
    await merge.getByRole('button', { name: 'Tổng hợp', exact: true }).click();
    await merge.getByRole('button', { name: 'Tải xuống' }).waitFor();
    await settle(page.page);
    await page.page.screenshot({ path: path.join(OUT, 'page-merge.png'), fullPage: false });

    const setup = {
      version: '1.13',
      url: 'https://x/So%20Tu%20phap.xlsx',
      grid: { sheets: pl02.sheets.map((s) => ({ name: s.name, values: s.values, formats: s.formats, merges: s.merges, fonts: s.fonts })) },
    };
    const pane = await openPage(browser, `${server.origin}/taskpane.html`, {
      officeJs: fakeOfficeScript(),
      init: `window.__PHULUC_FAKE__ = ${JSON.stringify(setup)};`,
    });
    await pane.page.setViewportSize({ width: 320, height: 900 });
    const pc = pane.page.getByRole('tabpanel', { name: 'Kiểm tra' });
    await pc.getByRole('button', { name: 'Kiểm tra' }).click();
    await waitText(pc.getByRole('status'), /lỗi/);
    await settle(pane.page);
    await pane.page.screenshot({ path: path.join(OUT, 'pane-check.png'), fullPage: false });
    for (const w of [page, pane])
      if (w.errors.length || w.external.length) throw new Error(`page problems: ${[...w.errors, ...w.external].join('; ')}`);
    console.log(
      `written ${['page-check.png', 'page-merge.png', 'pane-check.png'].map((f) => path.join('docs/screenshots', f)).join(', ')}`,
    );
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
