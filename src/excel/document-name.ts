/** The open workbook's file name, from its URL or path (identifies the unit when nothing inside does). */
export function documentFileName(): string | undefined {
  const url = Office.context.document?.url;
  if (!url) return undefined;
  const name = url.replace(/^.*[\\/]/, '');
  try {
    return decodeURIComponent(name);
  } catch {
    return name; // "Báo cáo 100%.xlsx" has a bare % that is not an escape
  }
}
