/**
 * Messages between the pane (main thread) and its engine workers. Parse workers read and check
 * files; one collector worker keeps the full checks (they never cross the main thread, which only
 * sees one small row per file) and consolidates and writes. All data here is structured-cloneable.
 */
import type { ConsolidatedModel } from '../core/merge/model';
import type { UnitSummary } from '../core/merge/summary';
import type { MergeFigures } from '../core/merge/figures';
import type { Finding } from '../core/report/issue';
import type { UnreadableReason } from '../core/report/unreadable';
import type { PlainCheck } from '../core/validate/plain-check';

/** A definition the person loaded in the Mẫu view, as text: each worker parses it itself. */
export interface DefinitionText {
  source: string;
  text: string;
}

export type EngineRequest =
  | { type: 'setup'; id: number; definitions: DefinitionText[] }
  | { type: 'connect'; id: number; port: MessagePort }
  | {
      type: 'check';
      id: number;
      index: number;
      name: string;
      bytes: ArrayBuffer;
      lastModified: number;
      round?: string;
      /** The merge this file belongs to: send the full check to the collector, answer with a FileRow only. */
      batch?: number;
    }
  /** To the collector, for a file no worker could read (too large, or its worker had to be stopped). */
  | { type: 'unreadable'; id: number; batch: number; index: number; name: string; lastModified: number; reason: UnreadableReason }
  /** Starts merge `batch` on the collector: what earlier batches left (or still send) is dropped. */
  | { type: 'reset'; id: number; batch: number }
  | {
      type: 'consolidate';
      id: number;
      batch: number;
      count: number;
      round?: string;
      deadline?: string;
      now: string;
      /** The clerk's choice of unit for files whose sender was not identified: file name → unit code. */
      assign?: Record<string, string>;
      /** The clerk's receipt dates (the document system's record): unit code → ISO instant. */
      receipts?: Record<string, string>;
    }
  | { type: 'model'; id: number }
  | { type: 'write'; id: number }
  /** The file with its problem cells marked, each with a note in `lang`. */
  | { type: 'highlight'; id: number; bytes: ArrayBuffer; check: PlainCheck; lang?: 'vi' | 'en' }
  /** The file with Phuluc's marks and notes removed, nothing else changed. */
  | { type: 'clean'; id: number; bytes: ArrayBuffer }
  /** The file stamped "checked, passed" as the add-in stamps it (checked again here; refused with an error left). */
  | { type: 'stamp'; id: number; bytes: ArrayBuffer; name: string; round?: string }
  /** The file with the certain fixes made and the forms' drop-downs added. */
  | { type: 'fixed'; id: number; bytes: ArrayBuffer; name: string };

/** What the pane shows for one file while a batch is read. */
export interface FileRow {
  index: number;
  name: string;
  status: PlainCheck['status'];
  unitId: string | null;
  unitName: string | null;
  errors: number;
  warnings: number;
}

/** Sent over the collector port: one checked file. */
export interface Collected {
  batch: number;
  index: number;
  name: string;
  lastModified: number;
  check: PlainCheck;
  /** The workbook carries Phuluc's metadata: an earlier consolidation, set aside. */
  consolidated?: boolean;
  /** Long texts of `check`, sent once (xlsx/shared-texts). */
  texts?: string[];
}

export interface ConsolidateResult {
  round: string;
  inferred: boolean;
  deadline: string;
  /** The Tổng hợp sheet, a row per unit (submitted or not). */
  units: UnitSummary[];
  sheets: { name: string; rows: number }[];
  /** Chosen files that are consolidated workbooks (an earlier output), not merged as submissions. */
  setAside: string[];
  /** The codes of the units the round expects: a row's state (unitState) is read against them. */
  expectedCodes: string[];
  /** The headline figures, as core defines them (the CLI prints the same). */
  figures: MergeFigures;
  /** Every round the chosen files belong to, with how many files: more than one is a mixed choice. */
  rounds: { id: string; files: number }[];
  /** Files of another round than the one merged: listed, not merged. */
  otherRound: { name: string; round: string }[];
  /** Files that are no workbook by their name (a covering note): not merged, not counted. */
  notes: string[];
  /** The Phản hồi sheet's texts, a unit each (in Vietnamese: they are sent to the units). */
  feedback: { code: string; name: string; errors: number; warnings: number; text: string }[];
  /** The problems of each merged file (by the name the table shows), the first ISSUES_PER_FILE. */
  issues: Record<string, Finding[]>;
}

/** A unit's problems shown in the table: enough to see what is wrong, small enough for 300 files. */
export const ISSUES_PER_FILE = 50;

export type EngineResult =
  | { type: 'setup'; templates: string[]; rounds: string[] }
  | { type: 'check'; row: FileRow; check?: PlainCheck; titles?: Record<string, string> }
  | { type: 'consolidate'; result: ConsolidateResult }
  | { type: 'model'; model: ConsolidatedModel }
  | { type: 'write'; bytes: ArrayBuffer }
  | { type: 'highlight'; bytes: ArrayBuffer; marked: number }
  | { type: 'copy'; bytes: ArrayBuffer; changed: number }
  | { type: 'fixed'; bytes: ArrayBuffer; fixed: number; dropdowns: number }
  | { type: 'done' };

export type EngineResponse = { id: number; ok: true; result: EngineResult } | { id: number; ok: false; error: string };
