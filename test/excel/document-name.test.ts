import { documentFileName } from '../../src/excel/document-name';

const withUrl = (url: string | undefined) => {
  (globalThis as unknown as { Office: unknown }).Office = { context: { document: { url } } };
  return documentFileName();
};

test('the file name of the open workbook, decoded, from a URL or a Windows path', () => {
  expect(withUrl('https://sotuphap.sharepoint.com/Shared%20Documents/S%E1%BB%9F%20T%C6%B0%20ph%C3%A1p%20-%20PL02.xlsx')).toBe(
    'Sở Tư pháp - PL02.xlsx',
  );
  expect(withUrl('C:\\Users\\ketoan\\Documents\\Bao cao CCHC.xlsx')).toBe('Bao cao CCHC.xlsx');
});

test('a bare % in a local name is kept as it is, not an error', () => {
  expect(withUrl('D:\\Bao cao\\Ty le 100%.xlsx')).toBe('Ty le 100%.xlsx');
});

test('no URL (a new, unsaved workbook): no name', () => {
  expect(withUrl(undefined)).toBeUndefined();
  expect(withUrl('')).toBeUndefined();
});
