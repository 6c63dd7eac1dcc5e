/**
 * `phuluc` on the command line: validate, rounds, templates. Exit codes per contracts.md:
 * 0 no errors, 1 errors found, 2 bad usage or output not written.
 */
import { Command, CommanderError, Option } from 'commander';
import { builtinCatalog, Catalog } from '../core/template/catalog';
import { DefinitionError, parseDefinition } from '../core/template/errors';
import { TemplateSchema } from '../core/template/schema';
import type { Lang } from '../core/report/catalogue';
import { TOOL_VERSION } from '../core/report/report';
import { unreadableCheck } from '../core/validate/validate-workbook';
import { loadRegistry, loadRound, loadTemplate, readJson, UsageError } from './definitions';
import { UNIDENTIFIED } from '../core/merge/consolidate';
import { planMerge, RoundGroup } from '../core/merge/plan';
import { correctedReceipt } from '../core/merge/receipt';
import {
  existingOutput,
  formatMergeSummary,
  isConsolidatedFile,
  OutputError,
  pickRound,
  summarize,
  writeFeedback,
  writeMerged,
} from './merge';
import { isValidYMD } from '../core/grid/dates';
import { expandInputs } from './files';
import { skippedLines } from './human';
import { progressBar } from './progress';
import { checkFiles, eachChecked, setAsideConsolidated } from './validate-files';
import { validationOutput } from './validate-output';
import path from 'node:path';
import { promises as fs } from 'node:fs';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

async function runValidate(paths: string[], o: { round?: string; template?: string; json?: boolean; lang: Lang }, io: Io): Promise<number> {
  let catalog: Catalog = builtinCatalog();
  const round = o.round ? await loadRound(o.round, catalog) : undefined;
  if (round) catalog = round.catalog;
  const template = o.template ? await loadTemplate(o.template, catalog) : undefined;
  if (template) catalog = template.catalog;
  const inputs = await expandInputs(paths);
  if (inputs.files.length === 0 && inputs.missing.length === 0) {
    throw new UsageError('Không có tệp Excel nào để kiểm tra / No Excel files to check (.xlsx, .xlsm, .xls)');
  }
  const bar = progressBar(inputs.files.length);
  const output = validationOutput(io.out, o.lang, o.json === true);
  const consolidated: string[] = [];
  await eachChecked(inputs.files, { catalog, round: round?.round, template: template?.template, onFile: (f) => bar.tick(f) }, (f) => {
    if (f.consolidated) consolidated.push(f.check.file ?? '');
    else {
      bar.clear();
      output.file(f.check);
    }
  });
  bar.done();
  for (const m of inputs.missing) output.file(missingCheck(m, catalog));
  output.end({ skipped: inputs.skipped, consolidated });
  return output.failed ? 1 : 0;
}

async function runMerge(
  paths: string[],
  o: {
    output: string;
    round?: string;
    units?: string;
    deadline?: string;
    received?: string;
    feedback?: string;
    json?: boolean;
    lang: Lang;
  },
  io: Io,
): Promise<number> {
  let catalog: Catalog = builtinCatalog();
  // The registry first: a round file may name units that only the --units file defines.
  const registry = o.units ? await loadRegistry(o.units) : undefined;
  if (registry) catalog = { ...catalog, registry };
  const given = o.round ? await loadRound(o.round, catalog) : undefined;
  if (given) catalog = given.catalog;
  if (o.deadline !== undefined && !isIsoDate(o.deadline)) {
    throw new UsageError(`Hạn nộp phải có dạng YYYY-MM-DD / --deadline must be YYYY-MM-DD: "${o.deadline}"`);
  }
  o.output = await outputName(o.output);
  const inputs = await expandInputs(paths);
  // The output is never read as a submission: named as an input it is refused, met in a folder
  // (the last run's, saved with the received files) it is left out. Compared as real paths: a
  // link to the folder of received files is the same folder.
  const output = await realPath(o.output);
  const named = (await Promise.all(paths.map(realPath))).includes(output);
  const real = await Promise.all(inputs.files.map(realPath));
  const inFolder = real.includes(output);
  // Read at most once, by whichever step needs it first (the refusal here, the round, the update).
  const existing = existingOutput(o.output);
  if (named || (inFolder && !(await isConsolidatedFile(existing)))) {
    throw new UsageError(
      `Tệp kết quả ${o.output} cũng là tệp đầu vào; hãy ghi ra tệp khác / The output ${o.output} is also an input; write to another file`,
    );
  }
  inputs.files = inputs.files.filter((_, i) => real[i] !== output);
  const bar = progressBar(inputs.files.length);
  const { submissions, consolidated } = setAsideConsolidated(
    await checkFiles(inputs.files, { catalog, round: given?.round, onFile: (f) => bar.tick(f) }),
  );
  bar.done();
  // A path that does not exist is said first in the summary, not merged: made a file of the unit its
  // name suggests, it would replace that unit's rows in the workbook being updated.
  const checked = submissions;
  if (!checked.length && consolidated.length && !inputs.missing.length) {
    throw new UsageError(
      'Không có bài nộp nào để tổng hợp: các tệp đã chọn đều là sổ tổng hợp do Phuluc tạo / Nothing to merge: every file given is a consolidated workbook written by Phuluc',
    );
  }
  // One round per consolidation: a mixed choice is refused unless the round is named, and files of
  // another round never stand in for a unit's submission of this one.
  const plan = planMerge(
    checked.map((c) => ({ check: c.check, name: c.check.file ?? '' })),
    { catalog, round: given?.round },
  );
  if (!given && plan.rounds.length > 1) throw new UsageError(mixedRounds(plan.rounds));
  const otherRound = new Set(plan.otherRound.map((f) => f.name));
  const merged = checked.filter((c) => !otherRound.has(c.check.file ?? ''));
  const round = await pickRound(merged, catalog, given?.round, existing);
  const receipts = o.received ? await loadReceipts(o.received, catalog) : undefined;
  const deadline = o.deadline ?? round.deadline;
  let written;
  try {
    written = await writeMerged(merged, {
      catalog,
      round,
      registry,
      deadline,
      output: o.output,
      existing,
      now: new Date(),
      receipts,
      lang: o.lang,
    });
    if (o.feedback) await writeFeedback(written.model, o.feedback);
  } catch (e) {
    if (e instanceof OutputError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const summary = summarize(
    written.model,
    round,
    catalog.registry,
    deadline,
    o.output,
    written.kept,
    unreadableOf(merged),
    plan.otherRound.map((f) => ({ file: f.name, round: f.round })),
  );
  if (o.json)
    io.out(
      JSON.stringify(
        { tool: 'phuluc', version: TOOL_VERSION, ...summary, skipped: inputs.skipped, consolidated, missingPaths: inputs.missing },
        null,
        2,
      ) + '\n',
    );
  else
    io.out(
      skippedLines(o.lang, inputs.skipped, consolidated, process.cwd(), inputs.missing).join('\n') + formatMergeSummary(summary, o.lang),
    );
  return 0;
}

/**
 * The consolidated workbook is an .xlsx: "Tong hop 2023" gets the extension (Excel opens a file by
 * it), another extension is refused rather than xlsx bytes written under a name that says .csv.
 */
/** Extensions of other formats: xlsx bytes must not be written under a name that says otherwise. */
const OTHER_FORMATS = new Set([
  '.csv',
  '.xls',
  '.xlsm',
  '.xlsb',
  '.xltx',
  '.ods',
  '.txt',
  '.json',
  '.pdf',
  '.doc',
  '.docx',
  '.zip',
  '.html',
]);

/**
 * The consolidated workbook is an .xlsx: "Tong hop 2023" or "Bao cao 15.11" get the extension (Excel
 * opens a file by it); a name that says another format, or names no file, is refused.
 */
async function outputName(output: string): Promise<string> {
  const base = path.basename(output);
  const isFolder = await fs.stat(output).then(
    (st) => st.isDirectory(),
    () => false,
  );
  if (!base || base === '.' || base === '..' || /[\\/]$/.test(output) || isFolder) {
    throw new UsageError(
      `-o cần tên một tệp .xlsx, không phải thư mục: "${output}" / -o needs an .xlsx file name, not a folder: "${output}"`,
    );
  }
  const ext = path.extname(output).toLowerCase();
  if (ext === '.xlsx') return output;
  if (OTHER_FORMATS.has(ext))
    throw new UsageError(`Tệp tổng hợp phải là .xlsx: ${output} / The consolidated workbook must be .xlsx: ${output}`);
  return `${output}.xlsx`;
}

/** The path with links resolved (its folder's, for a file not written yet). */
async function realPath(p: string): Promise<string> {
  const abs = path.resolve(p);
  return fs
    .realpath(abs)
    .catch(async () => path.join(await fs.realpath(path.dirname(abs)).catch(() => path.dirname(abs)), path.basename(abs)));
}

/** The units (or files of no known unit) whose file in this batch could not be read. */
function unreadableOf(
  files: { check: { status: string; file?: string; unit: { unit: { id: string; name: string } | null } } }[],
): string[] {
  return files
    .filter((f) => f.check.status === 'unreadable')
    .map((f) =>
      f.check.unit.unit ? `${f.check.unit.unit.id} ${f.check.unit.unit.name}` : `${UNIDENTIFIED} (${path.basename(f.check.file ?? '')})`,
    );
}

function missingCheck(file: string, catalog: Catalog) {
  return unreadableCheck(file, { reason: 'io-error', detail: 'no such file or folder' }, catalog);
}

/** The refusal of a batch of several rounds, naming each with its files. */
function mixedRounds(rounds: RoundGroup[]): string {
  const list = rounds
    .map(
      (g) =>
        `${g.round.id} (${g.files.length} tệp / files: ${g.files
          .slice(0, 3)
          .map((f) => path.basename(f))
          .join(', ')}${g.files.length > 3 ? ', …' : ''})`,
    )
    .join('; ');
  return (
    `Các tệp thuộc ${rounds.length} đợt báo cáo khác nhau: ${list}. Mỗi lần tổng hợp một đợt: thêm --round <mã đợt>. / ` +
    `The files belong to ${rounds.length} rounds: ${list}. Merge one round at a time: add --round <id>.`
  );
}

/**
 * `--received`: one line per unit, its code and the day the document system recorded ("STP,
 * 16/11/2022" or "STP;2022-11-16"); a header line and blank lines are passed over.
 */
async function loadReceipts(file: string, catalog: Catalog): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new UsageError(`Không đọc được tệp ${file} / Cannot read ${file}`);
  }
  const out: Record<string, string> = {};
  const bad: string[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, i) => {
      const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
      const unit = catalog.registry.units.find((u) => u.id.toUpperCase() === (cells[0] ?? '').toUpperCase());
      // A first line naming no unit and no date is the header ("Mã đơn vị, Ngày nhận").
      if (!cells[0] || (i === 0 && !unit && !correctedReceipt(cells[1] ?? ''))) return;
      const at = correctedReceipt(cells[1] ?? '');
      if (unit && at) out[unit.id] = at;
      else bad.push(`${i + 1}: ${line.trim()}`);
    });
  if (bad.length) {
    throw new UsageError(
      `Tệp ${file}: dòng không đọc được (cần "mã đơn vị, ngày", mã có trong danh sách đơn vị) / ${file}: unreadable lines (expected "unit code, date" with a known code):\n  ${bad.slice(0, 10).join('\n  ')}`,
    );
  }
  return out;
}

function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isValidYMD(+m[1], +m[2], +m[3]);
}

function listRounds(catalog: Catalog, io: Io): void {
  for (const r of catalog.rounds) {
    io.out(`${r.id.padEnd(16)} ${r.title}\n${' '.repeat(17)}phụ lục: ${r.forms.join(', ')} · hạn nộp: ${r.deadline}\n`);
  }
}

function listTemplates(catalog: Catalog, io: Io): void {
  for (const t of catalog.templates) io.out(`${t.id.padEnd(10)} ${t.title}\n`);
}

export function buildProgram(io: Io, setCode: (n: number) => void): Command {
  const program = new Command('phuluc')
    .description('Kiểm tra và tổng hợp phụ lục báo cáo CCHC / Check and merge administrative-reform report forms')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (str, write) => write(usageErrorVi(str) + str) });
  const lang = new Option('--lang <lang>', 'ngôn ngữ / language').choices(['vi', 'en']).default('vi');

  program
    .command('validate')
    .description('Kiểm tra tệp hoặc thư mục / Check files or folders')
    .argument('<paths...>', 'tệp .xlsx/.xlsm/.xls hoặc thư mục / files or folders')
    .option('--round <id|file.json>', 'đợt báo cáo / round')
    .option('--template <id|file.json>', 'chỉ kiểm tra theo mẫu này / check against this form only')
    .option('--json', 'báo cáo JSON / JSON report')
    .addOption(lang)
    .action(async (paths: string[], o) => setCode(await runValidate(paths, o, io)));

  program
    .command('merge')
    .description('Tổng hợp các tệp của một đợt / Merge a round’s submissions')
    .argument('<paths...>', 'tệp hoặc thư mục / files or folders')
    .requiredOption('-o, --output <consolidated.xlsx>', 'tệp tổng hợp / consolidated workbook')
    .option('--round <id|file.json>', 'đợt báo cáo / round')
    .option('--units <units.json>', 'danh sách đơn vị / unit registry')
    .option('--deadline <YYYY-MM-DD>', 'hạn nộp / deadline')
    .option('--received <receipts.csv>', 'ngày nhận theo văn thư: mã đơn vị, ngày / receipt dates: unit code, date')
    .option('--feedback <folder>', 'ghi phản hồi cho từng đơn vị (một tệp .txt mỗi đơn vị) / write feedback per unit (one .txt each)')
    .option('--json', 'tóm tắt JSON / JSON summary')
    .addOption(new Option('--lang <lang>', 'ngôn ngữ / language').choices(['vi', 'en']).default('vi'))
    .action(async (paths: string[], o) => setCode(await runMerge(paths, o, io)));

  const rounds = program.command('rounds').description('Các đợt báo cáo / Reporting rounds');
  rounds.command('list', { isDefault: true }).action(() => listRounds(builtinCatalog(), io));
  rounds
    .command('show')
    .argument('<id>')
    .action(async (id: string) => io.out(JSON.stringify((await loadRound(id, builtinCatalog())).round, null, 2) + '\n'));

  const templates = program.command('templates').description('Các mẫu phụ lục / Forms');
  templates.command('list', { isDefault: true }).action(() => listTemplates(builtinCatalog(), io));
  templates
    .command('show')
    .argument('<id>')
    .action(async (id: string) => {
      const { template } = await loadTemplate(id, builtinCatalog());
      const plain = { ...template, columns: template.columns.map(({ headerKeys, ...c }) => c) };
      io.out(JSON.stringify(plain, null, 2) + '\n');
    });
  templates
    .command('check')
    .argument('<file.json>')
    .action(async (file: string) => {
      const def = parseDefinition(TemplateSchema, await readJson(file), `mẫu / form (${file})`);
      const { resolveTemplate } = await import('../core/template/catalog');
      resolveTemplate(def, builtinCatalog().valueSets);
      io.out(`✔ Mẫu "${def.id}" hợp lệ (${def.columns.length} cột) / Form "${def.id}" is valid\n`);
    });
  return program;
}

/** Commander speaks English; the clerk reads Vietnamese first. */
const USAGE_VI: [RegExp, (m: RegExpExecArray) => string][] = [
  [/required option '([^']+)' not specified/, (m) => `Thiếu tùy chọn bắt buộc ${m[1]}.`],
  [/missing required argument '([^']+)'/, (m) => `Thiếu ${m[1] === 'paths' ? 'tệp hoặc thư mục' : m[1]}.`],
  [/option '([^']+)' argument missing/, (m) => `Tùy chọn ${m[1]} cần một giá trị.`],
  [/unknown option '([^']+)'/, (m) => `Không có tùy chọn ${m[1]}.`],
  [/unknown command '([^']+)'/, (m) => `Không có lệnh ${m[1]} (các lệnh: validate, merge, rounds, templates).`],
  [/option '([^']+)' argument '([^']*)' is invalid/, (m) => `Giá trị "${m[2]}" không hợp lệ cho ${m[1]}.`],
  [/too many arguments/, () => 'Thừa tham số.'],
];

function usageErrorVi(english: string): string {
  for (const [re, say] of USAGE_VI) {
    const m = re.exec(english);
    if (m) return `${say(m)} Xem: phuluc --help\n`;
  }
  return 'Cách dùng không đúng. Xem: phuluc --help\n';
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (n) => (code = n));
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : 2;
    }
    if (e instanceof UsageError || e instanceof DefinitionError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    io.err(`Lỗi không mong đợi / Unexpected error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
  return code;
}

if (require.main === module) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
