/** Expanding the command line's files and folders into the workbooks to read. */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm', '.xls'];

export interface Inputs {
  files: string[];
  /** Files met inside folders that are not workbooks (listed, not read). */
  skipped: string[];
  /** Paths that do not exist. */
  missing: string[];
}

const isWorkbook = (p: string) => WORKBOOK_EXTENSIONS.includes(path.extname(p).toLowerCase());
// Excel's lock files ("~$Báo cáo.xlsx") sit beside open workbooks and are never submissions.
const isLockFile = (p: string) => path.basename(p).startsWith('~$');

async function walk(dir: string, out: Inputs): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) (isWorkbook(p) && !isLockFile(p) ? out.files : out.skipped).push(p);
  }
}

export async function expandInputs(args: string[]): Promise<Inputs> {
  const out: Inputs = { files: [], skipped: [], missing: [] };
  for (const a of args) {
    const st = await fs.stat(a).catch(() => null);
    if (!st) out.missing.push(a);
    else if (st.isDirectory()) await walk(a, out);
    else out.files.push(a); // named explicitly: read it, whatever its extension
  }
  // A file named on the command line is read, even when its folder listed it as skipped.
  const named = new Set(out.files.map((f) => path.resolve(f)));
  out.skipped = out.skipped.filter((f) => !named.has(path.resolve(f)));
  // One file named twice ("a.xlsx" and "./x/../a.xlsx", or a file and its folder) is read once.
  const seen = new Set<string>();
  out.files = out.files.filter((f) => {
    const key = path.resolve(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return out;
}
