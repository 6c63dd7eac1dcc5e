/**
 * `phuluc validate`'s output written file by file, as each file is checked: the batch never holds
 * every report at once, and a long report of one file cannot stop the others being printed. The
 * JSON is the same text `JSON.stringify(report, null, 2)` gives for the whole report.
 */
import type { Lang } from '../core/report/catalogue';
import { fileReport, TOOL_NAME, TOOL_VERSION } from '../core/report/report';
import type { WorkbookCheck } from '../core/validate/validate-workbook';
import { count, formatFile, formatTotals, newTally } from './human';

export interface ValidationOutput {
  file(check: WorkbookCheck): void;
  end(extra: { skipped: string[]; consolidated: string[] }): void;
  /** Some file had an error (exit 1). */
  readonly failed: boolean;
}

export function validationOutput(out: (s: string) => void, lang: Lang, json: boolean): ValidationOutput {
  const tally = newTally();
  let failed = false;
  let files = 0;
  if (json) out(`{\n  "tool": ${JSON.stringify(TOOL_NAME)},\n  "version": ${JSON.stringify(TOOL_VERSION)},\n  "files": [`);
  return {
    get failed() {
      return failed;
    },
    file(check) {
      if (check.findings.some((f) => f.severity === 'error')) failed = true;
      const report = fileReport(check, lang);
      count(tally, report);
      if (json) out(`${files ? ',' : ''}\n    ${JSON.stringify(report, null, 2).replace(/\n/g, '\n    ')}`);
      else out(formatFile(report, lang));
      files++;
    },
    end({ skipped, consolidated }) {
      if (!json) {
        out(formatTotals(tally, lang, skipped, consolidated));
        return;
      }
      // Additive to the report of contracts.md: "skipped" stays the files that are not workbooks.
      const extra = { ...(skipped.length ? { skipped } : {}), ...(consolidated.length ? { consolidated } : {}) };
      const fields = Object.entries(extra).map(
        ([k, v]) => `,\n  ${JSON.stringify(k)}: ${JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')}`,
      );
      out(`${files ? '\n  ]' : ']'}${fields.join('')}\n}\n`);
    },
  };
}
