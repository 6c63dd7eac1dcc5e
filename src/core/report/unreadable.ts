/**
 * Why a file could not be read. Hosts (src/xlsx, src/excel) say which; the catalogue turns the
 * reason into the Vietnamese and English message of a `file-unreadable` issue.
 */
export type UnreadableReason =
  | 'empty' // zero bytes
  | 'not-spreadsheet' // plain text, random bytes, an image…
  | 'corrupt' // looks like a spreadsheet but cannot be parsed (truncated, damaged)
  | 'no-workbook' // a ZIP archive that holds no workbook part
  | 'encrypted' // password-protected (Office encryption)
  | 'too-large' // file, archive entries or declared sizes over the limits
  | 'too-many-entries' // archive with more entries than any workbook has
  | 'timeout' // parsing took longer than the limit
  | 'out-of-memory' // parsing needed more memory than the limit
  | 'unsupported-format' // a format we do not read (.ods, .numbers, .csv renamed…)
  | 'io-error'; // the file could not be opened

export interface UnreadableInfo {
  reason: UnreadableReason;
  /** Technical detail in English for logs and for the hint (e.g. the parser's message). */
  detail?: string;
}
