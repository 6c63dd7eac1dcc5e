/**
 * Hostile files on the standalone page (issue 13): a reference at row 2^32, bytes altered under
 * their CRC, a whole-sheet hyperlink and a unit's own sheet named `_phuluc`, merged together with
 * good files in real Chromium: every file listed, the good ones merged, the broken ones unreadable.
 */
import path from 'node:path';
import {
  extraCellWorkbook,
  sheetNamedPhulucWorkbook,
  submissionBytes,
  wholeSheetHyperlinkWorkbook,
  wrongCrcWorkbook,
} from '../fixtures/hostile';
import { waitText, writeFiles } from './harness';
import { browserSession } from './session';

jest.setTimeout(120_000);

const session = browserSession();

test('a merge of hostile and good files lists every file and merges the good ones', async () => {
  const paths = writeFiles(path.join(session.dir, 'hostile'), [
    { name: 'So Tu phap.xlsx', bytes: submissionBytes('Sở Tư pháp') },
    { name: 'So Tai chinh.xlsx', bytes: sheetNamedPhulucWorkbook('Sở Tài chính') },
    { name: 'So TTTT.xlsx', bytes: wholeSheetHyperlinkWorkbook('A1:XFD1048576', 'Sở Thông tin và Truyền thông') },
    { name: 'hong 2 mu 32.xlsx', bytes: extraCellWorkbook('A4294967295') },
    { name: 'hong crc.xlsx', bytes: wrongCrcWorkbook() },
  ]);
  const { page } = await session.open('app.html');
  await page.getByRole('tab', { name: 'Tổng hợp' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Tổng hợp' });
  await panel.getByLabel('Chọn tệp').setInputFiles(paths);
  await panel.getByRole('button', { name: 'Tổng hợp' }).click();
  await waitText(panel, 'Đã đọc 5/5 tệp', { contains: true, timeout: 30_000 });
  await panel.getByRole('button', { name: 'Tải xuống' }).waitFor();
  for (const name of [/So Tu phap\.xlsx/, /So Tai chinh\.xlsx/, /So TTTT\.xlsx/]) {
    await waitText(panel.getByRole('row', { name }), 'Đã nộp', { contains: true });
  }
  for (const name of [/hong 2 mu 32\.xlsx/, /hong crc\.xlsx/]) {
    await waitText(panel.getByRole('row', { name }), 'Tệp không đọc được', { contains: true });
  }
  // The unit's own "_phuluc" sheet does not make its workbook a consolidation.
  expect(await panel.getByText('sổ tổng hợp do Phuluc tạo').count()).toBe(0);
});
