/**
 * `phuluc merge`: check every file, consolidate the round, write the styled workbook (onto an
 * existing consolidated workbook when -o names one), print the short summary.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { batchRound, consolidate, expectedUnits, STATUS, Submission } from '../core/merge/consolidate';
import { summarySheet, unitSummaries, UnitSummary } from '../core/merge/summary';
import { mergeFigures, MergeFigures, unitState } from '../core/merge/figures';
import { META_SHEET, type ConsolidatedModel, type OutCell } from '../core/merge/model';
import { receiptOf } from '../core/merge/receipt';
import { applyPrevious, PreviousWorkbook } from '../core/merge/update';
import type { Catalog } from '../core/template/catalog';
import type { RegistryDef, RoundDef } from '../core/template/schema';
import type { SheetGrid } from '../core/grid/types';
import { readConsolidated } from '../xlsx/read-consolidated';
import { readFileInProcess } from '../xlsx/reader-pool';
import { writeConsolidatedFile } from '../xlsx/write-consolidated';
import { UsageError } from './definitions';
import type { CheckedFile } from './validate-files';

export class OutputError extends Error {}

export interface MergeSummary {
  round: string;
  deadline: string;
  output: string;
  expected: number;
  /** Expected units whose latest file could be read: expected = submitted + resend + missing. */
  submitted: number;
  /** Expected units whose every file is unreadable: they must send again. */
  resend: string[];
  /** The figures as defined in core (the page and the pane show the same). */
  figures: MergeFigures;
  /** Files of another round, set aside. */
  otherRound: { file: string; round: string }[];
  /** Identified senders the round did not expect. */
  unexpected: string[];
  missing: string[];
  late: { unit: string; days: number }[];
  withErrors: string[];
  unreadable: string[];
  unidentified: string[];
  units: Record<string, OutCell>[];
  /** Sheets of the existing workbook written again (values, number formats, merges; no formulas or fonts). */
  kept: string[];
}

/**
 * The round: given, else the one the files' forms point to, else — a batch of only unreadable
 * files, say — the round of the consolidated workbook being updated.
 */
export async function pickRound(
  files: CheckedFile[],
  catalog: Catalog,
  given: RoundDef | undefined,
  existing: ExistingOutput,
): Promise<RoundDef> {
  const round =
    given ??
    batchRound(
      files.map((f) => f.check),
      catalog,
    ) ??
    (await outputRound(existing, catalog));
  if (!round) throw new UsageError('Không xác định được đợt báo cáo, hãy dùng --round / Cannot infer the round, use --round');
  return round;
}

/** Whether the output is a consolidated workbook Phuluc wrote (not, say, a unit's submission). */
export async function isConsolidatedFile(existing: ExistingOutput): Promise<boolean> {
  const { previous } = await existing().catch(() => ({ previous: null }));
  return previous !== null;
}

async function outputRound(existing: ExistingOutput, catalog: Catalog): Promise<RoundDef | null> {
  const { previous } = await existing().catch(() => ({ previous: null }));
  return (previous && catalog.rounds.find((r) => r.id === previous.meta.round)) ?? null;
}

/** The workbook already at the output path, read once per run however many steps ask for it. */
export type ExistingOutput = () => Promise<{ previous: PreviousWorkbook | null; keep: SheetGrid[] }>;

export function existingOutput(output: string): ExistingOutput {
  let read: ReturnType<ExistingOutput> | undefined;
  return () => (read ??= readPrevious(output));
}

/**
 * Names as the clerk knows them; where two files share a name, the folders that tell them apart
 * ("Đợt 1/So Tu phap.xlsx"), counted from the folder that holds them all — not from wherever the
 * command was run, so the workbook is the same whichever folder it is run in.
 */
function displayNames(files: string[]): string[] {
  const base = files.map((f) => path.basename(f));
  const dups = files.filter((_, i) => base.indexOf(base[i]) !== base.lastIndexOf(base[i])).map((f) => path.resolve(f));
  if (!dups.length) return base;
  let root = path.dirname(dups[0]);
  while (!dups.every((f) => f.startsWith(root + path.sep)) && path.dirname(root) !== root) root = path.dirname(root);
  return base.map((b, i) =>
    base.indexOf(b) !== base.lastIndexOf(b) ? path.relative(root, path.resolve(files[i])).split(path.sep).join('/') : b,
  );
}

export function submissionsOf(files: CheckedFile[]): Submission[] {
  const names = displayNames(files.map((f) => f.check.file ?? ''));
  return files.map((f, i) => {
    const receipt = receiptOf(f.check, f.mtimeMs);
    return { check: f.check, fileName: names[i], receivedAt: receipt.at, ...(receipt.from ? { receivedFrom: receipt.from } : {}) };
  });
}

async function readPrevious(output: string): Promise<{ previous: PreviousWorkbook | null; keep: SheetGrid[] }> {
  const exists = await fs.stat(output).catch(() => null);
  if (!exists) return { previous: null, keep: [] };
  const read = await readFileInProcess(output);
  if (!read.ok) {
    throw new OutputError(`Tệp ${output} đã có nhưng không đọc được; không ghi đè / ${output} exists but cannot be read; not overwritten`);
  }
  const { meta, sheets } = readConsolidated(read.grid);
  if (!meta) return { previous: null, keep: sheets }; // someone else's workbook: keep every sheet
  return { previous: { meta, sheets }, keep: sheets.filter((s) => !meta.sheets.includes(s.name)) };
}

/**
 * Writing onto an existing workbook must not destroy what is in it: a consolidation of another
 * round (all its sheets would be replaced), or someone's own workbook with a sheet of the name of
 * one Phuluc writes (a unit's submission saved over, say).
 */
function refuseToReplace(output: string, model: ConsolidatedModel, previous: PreviousWorkbook | null, keep: SheetGrid[]): void {
  if (previous && previous.meta.round !== model.meta.round) {
    throw new OutputError(
      `Tệp ${output} là sổ tổng hợp của đợt ${previous.meta.round}, không phải đợt ${model.meta.round}; không ghi đè, hãy ghi ra tệp khác / ` +
        `${output} consolidates round ${previous.meta.round}, not ${model.meta.round}; not overwritten, write to another file`,
    );
  }
  if (previous) return;
  const ours = new Set([...model.meta.sheets, META_SHEET].map((n) => n.toLowerCase()));
  const clash = keep.map((g) => g.name).filter((n) => ours.has(n.toLowerCase()));
  if (clash.length) {
    throw new OutputError(
      `Tệp ${output} đã có trang ${clash.join(', ')} không do Phuluc tạo; không ghi đè, hãy ghi ra tệp khác / ` +
        `${output} already has sheets ${clash.join(', ')} that Phuluc did not create; not overwritten, write to another file`,
    );
  }
}

export async function writeMerged(
  files: CheckedFile[],
  o: {
    catalog: Catalog;
    round: RoundDef;
    registry?: RegistryDef;
    deadline?: string;
    output: string;
    existing: ExistingOutput;
    now: Date;
    /** Unit id → receipt instant the clerk entered; added to those the workbook already keeps. */
    receipts?: Record<string, string>;
    /** The language of the texts to send back (--feedback). */
    lang?: 'vi' | 'en';
  },
): Promise<{ model: ConsolidatedModel; kept: string[] }> {
  const { previous, keep } = await o.existing();
  // Dates entered at an earlier merge still hold, unless entered again now.
  const receipts = previous?.meta.round === o.round.id ? { ...(previous.meta.receipts ?? {}), ...(o.receipts ?? {}) } : o.receipts;
  let model = consolidate(submissionsOf(files), {
    catalog: o.catalog,
    round: o.round,
    registry: o.registry,
    deadline: o.deadline,
    generatedAt: o.now.toISOString(),
    ...(receipts && Object.keys(receipts).length ? { receipts } : {}),
    feedbackLang: o.lang ?? 'vi',
  });
  refuseToReplace(o.output, model, previous, keep);
  if (previous) model = applyPrevious(model, previous, o.catalog);
  try {
    await fs.mkdir(path.dirname(path.resolve(o.output)), { recursive: true });
    // The writer writes beside the target and renames: a failure never leaves half a workbook.
    await writeConsolidatedFile(model, o.output, { keep });
  } catch (e) {
    throw new OutputError(`Không ghi được ${o.output} / Cannot write ${o.output}: ${(e as Error).message}`);
  }
  return { model, kept: keep.map((g) => g.name).filter((n) => !model.meta.sheets.includes(n)) };
}

/** --feedback: one UTF-8 text per unit to write back to, named by its code (the Phản hồi sheet's texts). */
export async function writeFeedback(model: ConsolidatedModel, folder: string): Promise<string[]> {
  try {
    await fs.mkdir(folder, { recursive: true });
    const written: string[] = [];
    for (const f of model.feedback ?? []) {
      const file = path.join(folder, `${f.code.replace(/[^A-Za-z0-9_-]/g, '_')}.txt`);
      await fs.writeFile(file, `${f.text}\n`, 'utf8');
      written.push(file);
    }
    return written;
  } catch (e) {
    throw new OutputError(`Không ghi được phản hồi vào ${folder} / Cannot write the feedback into ${folder}: ${(e as Error).message}`);
  }
}

export function summarize(
  model: ConsolidatedModel,
  round: RoundDef,
  registry: RegistryDef,
  deadline: string,
  output: string,
  kept: string[] = [],
  /** Files of this batch that could not be read, even where the unit keeps an earlier file's rows. */
  batchUnreadable: string[] = [],
  otherRound: { file: string; round: string }[] = [],
): MergeSummary {
  const sheet = summarySheet(model);
  const rows = unitSummaries(model);
  const label = (u: UnitSummary) => (u.code ? `${u.code} ${u.name}` : u.name);
  const missingRows = model.sheets.find((s) => s.role === 'missing')?.rows ?? [];
  const expected = new Set(expectedUnits(round, registry).map((u) => u.id));
  const sent = rows.filter((u) => u.status !== STATUS.missing);
  const figures = mergeFigures(rows, expected);
  const readable = (u: UnitSummary) => u.status !== STATUS.missing && u.status !== STATUS.unreadable;
  return {
    round: round.id,
    deadline,
    output,
    expected: figures.expected,
    submitted: figures.submitted,
    resend: rows.filter((u) => unitState(u, expected) === 'resend').map(label),
    figures,
    otherRound,
    unexpected: sent.filter((u) => u.code && !expected.has(u.code)).map(label),
    missing: missingRows.map((r) => `${r[0]} ${r[1]}`),
    // Late and with errors are said of files that could be read: a broken file is to be sent again.
    late: rows.filter((u) => readable(u) && u.daysLate > 0).map((u) => ({ unit: label(u), days: u.daysLate })),
    withErrors: rows.filter((u) => readable(u) && u.errors > 0).map(label),
    unreadable: [...new Set([...rows.filter((u) => u.status === STATUS.unreadable).map(label), ...batchUnreadable])],
    unidentified: rows.filter((u) => !u.code).map((u) => u.name),
    units: sheet.rows.map((r) => Object.fromEntries(sheet.columns.map((c, i) => [c.header, r[i] ?? null]))),
    kept,
  };
}

/** A terminal line stays readable: the first names, then how many more (the workbook has them all). */
function list(names: string[], vi: boolean, max = 8): string {
  if (!names.length) return '';
  const shown = names.slice(0, max).join(', ');
  return `: ${shown}${names.length > max ? (vi ? ` … và ${names.length - max} đơn vị khác` : ` … and ${names.length - max} more`) : ''}`;
}

export function formatMergeSummary(s: MergeSummary, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  const lines = [
    vi ? `Đợt ${s.round} — hạn nộp ${s.deadline}` : `Round ${s.round} — deadline ${s.deadline}`,
    '',
    `  ${(vi ? 'Phải nộp' : 'Expected').padEnd(26)} ${s.expected}`,
    `  ${(vi ? 'Đã nộp' : 'Submitted').padEnd(26)} ${s.submitted}`,
    ...(s.resend.length ? [`  ${(vi ? 'Cần gửi lại' : 'To send again').padEnd(26)} ${s.resend.length}${list(s.resend, vi)}`] : []),
    `  ${(vi ? 'Chưa nộp' : 'Missing').padEnd(26)} ${s.missing.length}${list(s.missing, vi)}`,
    ...(s.unexpected.length
      ? [`  ${(vi ? 'Đơn vị ngoài danh sách' : 'Not expected').padEnd(26)} ${s.unexpected.length}${list(s.unexpected, vi)}`]
      : []),
    `  ${(vi ? 'Nộp trễ' : 'Late').padEnd(26)} ${s.late.length}${list(
      s.late.map((l) => `${l.unit} (${l.days} ${vi ? 'ngày' : 'days'})`),
      vi,
    )}`,
    `  ${(vi ? 'Có lỗi' : 'With errors').padEnd(26)} ${s.withErrors.length}${list(s.withErrors, vi)}`,
    `  ${(vi ? 'Tệp không đọc được' : 'Unreadable').padEnd(26)} ${s.unreadable.length}${list(s.unreadable, vi)}`,
    `  ${(vi ? 'Chưa xác định đơn vị' : 'Unit unknown').padEnd(26)} ${s.unidentified.length}${list(s.unidentified, vi)}`,
    '',
    ...(s.kept.length
      ? [
          vi
            ? `Lưu ý: giữ lại trang ${s.kept.join(', ')} với giá trị, ô gộp và định dạng số; công thức (nay là giá trị của chúng), phông chữ và màu không giữ được.`
            : `Note: kept ${s.kept.join(', ')} with values, merged cells and number formats; formulas (now their values), fonts and colours are not kept.`,
        ]
      : []),
    ...(s.otherRound.length
      ? [
          vi
            ? `Không tổng hợp ${s.otherRound.length} tệp của đợt khác: ${s.otherRound.map((f) => `${path.basename(f.file)} (${f.round})`).join(', ')}.`
            : `Not merged, ${s.otherRound.length} file(s) of another round: ${s.otherRound.map((f) => `${path.basename(f.file)} (${f.round})`).join(', ')}.`,
        ]
      : []),
    vi ? `Đã ghi ${s.output}` : `Written ${s.output}`,
  ];
  return lines.join('\n') + '\n';
}
