/**
 * The pane's engine, in a Web Worker so that reading a workbook never freezes the page: the same
 * parser and rules as the command line. The exceljs writer is imported only when a download is
 * asked for, so it costs nothing to people who only check.
 */
import { consolidate, expectedUnits } from '../core/merge/consolidate';
import { mergeFigures } from '../core/merge/figures';
import { planMerge } from '../core/merge/plan';
import { unitSummaries } from '../core/merge/summary';
import type { ConsolidatedModel } from '../core/merge/model';
import { boundParams } from '../core/report/quote';
import { countBySeverity } from '../core/report/report';
import { builtinCatalog, Catalog, findRound, formTitles } from '../core/template/catalog';
import { withDefinitions } from '../core/template/extend';
import { fromPlainCheck, PlainCheck, toPlainCheck } from '../core/validate/plain-check';
import { earnsStamp, unreadableCheck, validateWorkbook } from '../core/validate/validate-workbook';
import { makeStamp, type Stamp } from '../core/stamp/stamp';
import { TOOL_NAME, TOOL_VERSION } from '../core/report/report';
import { inflateAhead } from '../xlsx/inflate-ahead';
import { classifyParserError, parseWorkbookBytes } from '../xlsx/read-grid';
import { isConsolidatedGrid } from '../xlsx/read-consolidated';
import { resolveTexts, shareTexts } from '../xlsx/shared-texts';
import { ISSUES_PER_FILE } from './engine-protocol';
import type { Collected, ConsolidateResult, EngineRequest, EngineResponse, EngineResult, FileRow } from './engine-protocol';

interface WorkerScope {
  onmessage: ((e: MessageEvent<EngineRequest>) => void) | null;
  postMessage(msg: EngineResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

let catalog: Catalog = builtinCatalog();
let collector: MessagePort | null = null;

// Collector state: the checks of the current merge, by the index the pane gave each file.
let batch = 0;
const collected = new Map<number, Collected>();
let waiting: { count: number; resolve: () => void; reject: (e: Error) => void } | null = null;
let lastModel: ConsolidatedModel | null = null;

function complete(count: number): boolean {
  for (let i = 0; i < count; i++) if (!collected.has(i)) return false;
  return true;
}

function accept(c: Collected): void {
  // A check of an earlier merge (a worker that answered just as it was replaced) is not this one's.
  if (c.batch !== batch) return;
  if (c.texts) resolveTexts(c.check, c.texts);
  collected.set(c.index, c);
  if (waiting && complete(waiting.count)) {
    waiting.resolve();
    waiting = null;
  }
}

async function checkBytes(name: string, bytes: ArrayBuffer, round?: string): Promise<{ check: PlainCheck; consolidated: boolean }> {
  const r = round ? findRound(catalog, round) : undefined;
  if (round && !r) throw new Error(`Không có đợt báo cáo "${round}" / No round "${round}"`);
  try {
    const u8 = new Uint8Array(bytes);
    const grid = parseWorkbookBytes(u8, { codec: await inflateAhead(u8, inflateRaw) });
    return { check: toPlainCheck(validateWorkbook(grid, { catalog, round: r, fileName: name })), consolidated: isConsolidatedGrid(grid) };
  } catch (err) {
    return { check: toPlainCheck(unreadableCheck(name, classifyParserError(err), catalog)), consolidated: false };
  }
}

function fileRow(index: number, name: string, check: PlainCheck): FileRow {
  const { errors, warnings } = countBySeverity(check);
  const unit = check.unit.id ? catalog.registry.units.find((u) => u.id === check.unit.id) : undefined;
  return { index, name, status: check.status, unitId: check.unit.id, unitName: unit?.name ?? null, errors, warnings };
}

// Said in the pane's language by the pane; this worker speaks both.
const UNKNOWN_ROUND =
  'Không xác định được đợt báo cáo của các tệp này; hãy chọn đợt. / Cannot tell which round these files belong to; choose one.';

/** Names as the clerk knows them; a name chosen twice gets a number so both stay apart. */
function displayNames(items: Collected[]): string[] {
  const seen = new Map<string, number>();
  return items.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? c.name : `${c.name} (${n})`;
  });
}

async function runConsolidate(req: Extract<EngineRequest, { type: 'consolidate' }>): Promise<ConsolidateResult> {
  if (req.batch !== batch) throw new Error('stale merge');
  if (!complete(req.count)) await new Promise<void>((resolve, reject) => (waiting = { count: req.count, resolve, reject }));
  const chosen = Array.from({ length: req.count }, (_, i) => collected.get(i)!);
  const names = displayNames(chosen);
  const given = req.round ? findRound(catalog, req.round) : undefined;
  // A round the person chose but this worker does not know must not be silently replaced by a guess.
  if (req.round && !given) throw new Error(`Không có đợt báo cáo "${req.round}" / No round "${req.round}"`);
  // The same plan as the command line's: earlier outputs and notes set aside, one round merged.
  const plan = planMerge(
    chosen.map((c, i) => ({
      check: fromPlainCheck(c.check, catalog),
      name: names[i],
      fileTimeMs: c.lastModified,
      consolidated: c.consolidated === true,
    })),
    { catalog, round: given },
  );
  const round = plan.round;
  if (!round) throw new Error(UNKNOWN_ROUND);
  lastModel = consolidate(plan.submissions, {
    catalog,
    round,
    deadline: req.deadline,
    generatedAt: req.now,
    assign: req.assign,
    receipts: req.receipts,
  });
  const units = unitSummaries(lastModel);
  // The table opens the problems of the files each unit's line stands on: only those cross to the page
  // (a batch of 300 files would otherwise send thousands of findings for the main thread to take in).
  const shown = new Set(units.flatMap((u) => u.usedFiles));
  const expectedCodes = expectedUnits(round, catalog.registry).map((u) => u.id);
  return {
    round: round.id,
    inferred: plan.inferred,
    deadline: req.deadline ?? round.deadline,
    units,
    sheets: lastModel.sheets.map((s) => ({ name: s.name, rows: s.rows.length })),
    setAside: plan.consolidated,
    expectedCodes,
    figures: mergeFigures(units, new Set(expectedCodes)),
    rounds: plan.rounds.map((g) => ({ id: g.round.id, files: g.files.length })),
    otherRound: plan.otherRound,
    notes: plan.notes,
    feedback: lastModel.feedback ?? [],
    issues: Object.fromEntries(
      plan.submissions
        .filter((x) => x.check.findings.length && shown.has(x.fileName))
        .map((x) => [x.fileName, x.check.findings.slice(0, ISSUES_PER_FILE)]),
    ),
  };
}

/** The tool named in a stamp the page writes (the add-in writes "(Excel)"). */
const PAGE_TOOL = `${TOOL_NAME} ${TOOL_VERSION} (web)`;

/**
 * The stamp the add-in would write for these bytes: checked again here, from the file itself, so
 * that the digest is of what is sent. A workbook with an error, no form or no known sender earns none.
 */
async function stampFor(name: string, bytes: ArrayBuffer, round?: string): Promise<Stamp> {
  const r = round ? findRound(catalog, round) : undefined;
  const u8 = new Uint8Array(bytes);
  const check = validateWorkbook(parseWorkbookBytes(u8, { codec: await inflateAhead(u8, inflateRaw) }), {
    catalog,
    round: r,
    fileName: name,
  });
  if (!earnsStamp(check)) {
    throw new Error(
      check.status !== 'ok'
        ? 'Tệp còn lỗi nên chưa đóng dấu được: sửa các lỗi rồi kiểm tra lại. / The workbook still has errors, so it cannot be stamped: fix them and check again.'
        : 'Chưa xác định được đơn vị gửi nên chưa đóng dấu được: ghi tên cơ quan ở đầu trang phụ lục rồi kiểm tra lại. / The sending unit is not known, so the workbook cannot be stamped: write the agency’s name at the top of the form and check again.',
    );
  }
  return makeStamp(check.unit.unit!.id, check.round?.id ?? null, check.digest, PAGE_TOOL, new Date());
}

/** Bounded raw inflate with the browser's own zlib: stops reading once past the declared size. */
async function inflateRaw(data: Uint8Array, expectedSize: number): Promise<Uint8Array> {
  const ds = new DecompressionStream('deflate-raw');
  const writer = ds.writable.getWriter();
  // Errors surface on the reading side; these promises must not be left unhandled.
  writer.write(data as BufferSource).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = ds.readable.getReader();
  const out = new Uint8Array(expectedSize);
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (n + value.length > expectedSize) {
      await reader.cancel();
      throw new Error(`inflates past its declared ${expectedSize} bytes`);
    }
    out.set(value, n);
    n += value.length;
  }
  if (n !== expectedSize) throw new Error(`inflates to ${n} bytes, declared ${expectedSize}`);
  return out;
}

async function handle(req: EngineRequest): Promise<{ result: EngineResult; transfer?: Transferable[] }> {
  switch (req.type) {
    case 'setup': {
      catalog = withDefinitions(builtinCatalog(), req.definitions);
      return { result: { type: 'setup', templates: catalog.templates.map((t) => t.id), rounds: catalog.rounds.map((r) => r.id) } };
    }
    case 'connect':
      // On a parse worker: where full checks go. On the collector: where they come from.
      req.port.onmessage = (e: MessageEvent<Collected>) => accept(e.data);
      collector = req.port;
      return { result: { type: 'done' } };
    case 'check': {
      const { check, consolidated } = await checkBytes(req.name, req.bytes, req.round);
      const row = fileRow(req.index, req.name, check);
      if (req.batch === undefined) {
        return { result: { type: 'check', row, check, titles: formTitles(catalog) } };
      }
      if (!collector) throw new Error('no collector');
      // A merge only quotes the findings' values, and a long text down a column travels once.
      check.findings = check.findings.map((f) => ({ ...f, params: boundParams(f.params) }));
      const texts: string[] = [];
      const sent = shareTexts(check, texts);
      collector.postMessage({
        batch: req.batch,
        index: req.index,
        name: req.name,
        lastModified: req.lastModified,
        check: sent,
        consolidated,
        texts,
      } satisfies Collected);
      return { result: { type: 'check', row } };
    }
    case 'unreadable': {
      // A worker stopped after its check had reached here: the check stands.
      const had = req.batch === batch ? collected.get(req.index) : undefined;
      if (had) return { result: { type: 'check', row: fileRow(req.index, req.name, had.check) } };
      const check = toPlainCheck(unreadableCheck(req.name, { reason: req.reason }, catalog));
      accept({ batch: req.batch, index: req.index, name: req.name, lastModified: req.lastModified, check });
      return { result: { type: 'check', row: fileRow(req.index, req.name, check) } };
    }
    case 'reset':
      batch = req.batch;
      collected.clear();
      waiting?.reject(new Error('stale merge'));
      waiting = null;
      lastModel = null;
      return { result: { type: 'done' } };
    case 'consolidate':
      return { result: { type: 'consolidate', result: await runConsolidate(req) } };
    case 'model':
      if (!lastModel) throw new Error('Chưa tổng hợp / Nothing merged yet');
      return { result: { type: 'model', model: lastModel } };
    case 'write': {
      if (!lastModel) throw new Error('Chưa tổng hợp / Nothing merged yet');
      const { writeConsolidatedBuffer } = await import(/* webpackChunkName: "writer" */ '../xlsx/write-consolidated');
      const out = await writeConsolidatedBuffer(lastModel, { inflate: inflateRaw });
      const bytes = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? (out.buffer as ArrayBuffer) : out.slice().buffer;
      return { result: { type: 'write', bytes }, transfer: [bytes] };
    }
    case 'highlight': {
      const { highlightCopy } = await import(/* webpackChunkName: "highlight" */ '../xlsx/highlight-copy');
      const { bytes, marked } = await highlightCopy(new Uint8Array(req.bytes), req.check.findings, inflateRaw, { lang: req.lang });
      const buf = bytes.slice().buffer;
      return { result: { type: 'highlight', bytes: buf, marked }, transfer: [buf] };
    }
    case 'clean': {
      const { cleanCopy } = await import(/* webpackChunkName: "highlight" */ '../xlsx/highlight-copy');
      const { bytes, removed } = await cleanCopy(new Uint8Array(req.bytes), inflateRaw);
      const buf = bytes.slice().buffer;
      return { result: { type: 'copy', bytes: buf, changed: removed }, transfer: [buf] };
    }
    case 'stamp': {
      const { stampedCopy } = await import(/* webpackChunkName: "highlight" */ '../xlsx/highlight-copy');
      const stamp = await stampFor(req.name, req.bytes, req.round);
      const { bytes } = await stampedCopy(new Uint8Array(req.bytes), stamp, inflateRaw);
      const buf = bytes.slice().buffer;
      return { result: { type: 'copy', bytes: buf, changed: 1 }, transfer: [buf] };
    }
    case 'fixed': {
      const [{ fixedCopy }, { proposeFixes }, { dropdownPlan }] = await Promise.all([
        import(/* webpackChunkName: "highlight" */ '../xlsx/fixed-copy'),
        import(/* webpackChunkName: "highlight" */ '../core/fixes/propose'),
        import(/* webpackChunkName: "highlight" */ '../core/fixes/dropdowns'),
      ]);
      const u8 = new Uint8Array(req.bytes);
      const grid = parseWorkbookBytes(u8, { codec: await inflateAhead(u8, inflateRaw) });
      const check = validateWorkbook(grid, { catalog, fileName: req.name });
      const out = await fixedCopy(u8, proposeFixes(grid, check), dropdownPlan(check.tables), inflateRaw);
      const buf = out.bytes.slice().buffer;
      return { result: { type: 'fixed', bytes: buf, fixed: out.fixed, dropdowns: out.dropdowns }, transfer: [buf] };
    }
  }
}

scope.onmessage = (e) => {
  const req = e.data;
  handle(req).then(
    ({ result, transfer }) => scope.postMessage({ id: req.id, ok: true, result }, transfer),
    (err: unknown) => scope.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};
