/**
 * Kiểm tra: one button, a short summary first ("3 lỗi, 2 cảnh báo"), then every problem by sheet.
 * In Excel it checks the open workbook, marks the cells, stamps a clean file; on the page it checks a
 * chosen file and offers a copy with the problem cells highlighted.
 */
import { Button, mergeClasses, MessageBar, MessageBarBody, Spinner, Switch, Text } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { describeFix, fixesOfKind, fixFor, fixIndex } from '../../core/fixes/plan';
import type { CellFix } from '../../core/fixes/propose';
import type { FormWords } from '../../core/report/place';
import { countBySeverity } from '../../core/report/report';
import { plainEarnsStamp } from '../../core/stamp/earns';
import type { Engine } from '../../engine/engine-client';
import type { CheckOutcome, Host } from '../hosts/host';
import { saveBlob } from './download';
import { FilePicker } from './FilePicker';
import { IssueList, TypeSummary } from './IssueList';
import { useLang, useSaid } from './lang';
import { ErrorBar } from './ErrorBar';
import { errorText, inLanguage, NoFileError } from './errors';
import { useTabLayout } from './layout';

function markedName(name: string): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${stem} (danh dau loi).xlsx`;
}

/** "So Tu phap.xlsm" → "So Tu phap (ban sach).xlsm": the copy keeps its kind (macros and all). */
function copyName(name: string, tag: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${tag})${name.slice(dot)}` : `${name} (${tag}).xlsx`;
}

export function CheckTab({ host, engine }: { host: Host; engine: Engine }) {
  const { t, lang } = useLang();
  const s = useTabLayout();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null);
  const [error, setError] = useSaid();
  const [notice, setNotice] = useSaid();
  const [marksOn, setMarksOn] = useState(true);
  const [forms, setForms] = useState<Record<string, FormWords>>({});
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);
  // Where focus goes when a check ends: its summary, read first.
  const resultRef = useRef<HTMLParagraphElement>(null);
  const [focusResult, setFocusResult] = useState(0);
  // A fix waiting for the officer's yes (its changes shown), and how many applied batches Hoàn tác can take back.
  const [pending, setPending] = useState<CellFix[] | null>(null);
  const [undoable, setUndoable] = useState(0);
  const confirmRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (pending) confirmRef.current?.focus();
  }, [pending]);
  useEffect(() => {
    if (focusResult) resultRef.current?.focus();
  }, [focusResult]);

  // The forms' words (titles, column headers, which column names the task) to say where an issue is;
  // from the catalogue as it stands now, with any definitions loaded in the Mẫu view.
  useEffect(() => {
    if (!outcome) return;
    let live = true;
    void Promise.all([import(/* webpackChunkName: "catalog" */ '../../shared/catalog-info'), import('../../core/report/place')]).then(
      ([m, p]) => live && setForms(p.formWords(m.currentCatalog())),
    );
    return () => {
      live = false;
    };
  }, [outcome]);

  // A check run from the ribbon shows here too, with the same marks switch and list.
  useEffect(
    () =>
      host.kind === 'excel'
        ? host.onRibbonCheck((r) => {
            if ('outcome' in r) {
              setPending(null);
              setOutcome(r.outcome);
              setError(null);
            } else {
              setOutcome(null);
              const message = r.error; // in both languages: shown in the pane's
              setError((now) => inLanguage(message, now.lang));
            }
          })
        : undefined,
    [host],
  );

  // Each re-check after an edit in the workbook replaces the result; the status line below announces
  // it (aria-live), and focus stays where the person is.
  useEffect(() => (host.kind === 'excel' ? host.onLiveCheck((o) => setOutcome(o)) : undefined), [host]);
  const follows = host.kind === 'excel' && host.followsTyping();

  const run = async () => {
    setBusy(true);
    setPending(null);
    setError(null);
    setNotice(null);
    try {
      if (host.kind === 'excel') {
        setOutcome(await host.checkOpen(marksOn));
      } else {
        if (!file) throw new NoFileError();
        const r = await engine.checkFile(file);
        setOutcome({ fileName: file.name, check: r.check, unitName: r.row.unitName, formTitles: r.titles, stamped: false, marked: 0 });
      }
      setFocusResult((n) => n + 1);
    } catch (e) {
      setOutcome(null);
      setError((now) => errorText(e, now));
    } finally {
      setBusy(false);
    }
  };

  /** One download at a time: a double click must not save the copy twice. */
  const saveOnce = async (fn: () => Promise<void>) => {
    if (savingRef.current) return;
    savingRef.current = true;
    setSaving(true);
    try {
      await act(fn);
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  };

  const act = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError((now) => errorText(e, now));
    }
  };

  const c = outcome ? countBySeverity(outcome.check) : null;
  const legacy = outcome ? outcome.check.findings.filter((f) => f.code === 'legacy-encoding' && f.params.converted).length : 0;
  const excel = host.kind === 'excel' ? host.excel : null;
  const stampable = !!outcome && plainEarnsStamp(outcome.check);

  const fixes = useMemo(() => (excel ? (outcome?.fixes ?? []) : []), [excel, outcome]);
  const index = useMemo(() => fixIndex(fixes), [fixes]);
  // Legacy text already has its whole-workbook button (which also converts multi-line cells): one
  // button for it, not two; each cell keeps its own Sửa.
  const kinds = useMemo(() => fixesOfKind(fixes).filter((g) => g.kind !== 'legacy'), [fixes]);

  /** After the workbook changed under the pane: the list, marks and stamp follow. */
  const recheck = async () => {
    if (host.kind === 'excel') setOutcome(await host.checkOpen(marksOn));
  };
  /** Nothing changed: back to the result, where the officer was reading. */
  const cancelPending = () => {
    setPending(null);
    resultRef.current?.focus();
  };
  const applyPending = () =>
    void act(async () => {
      if (!excel || !pending) return;
      const r = await excel.applyFixes(pending);
      setPending(null);
      if (r.applied) setUndoable((n) => n + 1);
      setNotice((now) => now.fixed(r.applied, r.skipped));
      await recheck();
    });

  return (
    <div className={s.root}>
      <Text>{host.kind === 'excel' ? t.checkIntroExcel : t.checkIntroPage}</Text>
      <div className={s.row}>
        {host.kind === 'page' && (
          <FilePicker
            label={t.chooseFile}
            accept=".xlsx,.xlsm,.xls"
            disabled={busy}
            chosen={file?.name}
            onFiles={(fs) => {
              setFile(fs[0] ?? null);
              setOutcome(null);
              if (fs.length) engine.warm();
            }}
          />
        )}
        <Button appearance="primary" onClick={() => void run()} disabled={busy || (host.kind === 'page' && !file)}>
          {/* Below ExcelApi 1.7 the list cannot follow the typing: after a first check the button checks again. */}
          {host.kind === 'excel' && !follows && outcome ? t.recheck : t.check}
        </Button>
        {busy && <Spinner size="tiny" label={t.checking} />}
      </div>
      {/* Always there, so that a screen reader announces the outcome when its text arrives. */}
      <div role="status" aria-live="polite" className={s.liveOnly}>
        {busy ? t.checking : c ? t.counts(c.errors, c.warnings) : ''}
      </div>
      <ErrorBar text={error?.(t) ?? null} />
      {outcome && c && (
        <section className={s.section} aria-label={t.result}>
          <Text as="p" block size={500} weight="semibold" className={s.para} ref={resultRef} tabIndex={-1}>
            {t.counts(c.errors, c.warnings)}
          </Text>
          <Text as="p" block className={mergeClasses(s.para, s.wrap)}>
            {outcome.fileName && <b>{outcome.fileName}</b>} — {t.unit}: {outcome.unitName ?? t.unitUnknown}
            {outcome.check.tables.length > 0 && ` — ${t.forms}: `}
            {outcome.check.tables.map((tb, i) => (
              <span key={tb.sheet} title={outcome.formTitles[tb.template]}>
                {i > 0 && ', '}
                {tb.sheet} ({t.rows(tb.rows.length)})
              </span>
            ))}
          </Text>
          <MessageBar
            intent={
              c.errors === 0 && outcome.check.tables.length
                ? (outcome.stamped || host.kind === 'page') && outcome.unitName
                  ? 'success'
                  : 'warning'
                : 'error'
            }
          >
            <MessageBarBody>
              {outcome.check.status === 'unreadable'
                ? t.unreadable
                : !outcome.check.tables.length
                  ? t.noForm
                  : c.errors > 0
                    ? t.failed
                    : !outcome.unitName
                      ? t.passedNoUnit
                      : host.kind === 'page'
                        ? t.passedPage
                        : outcome.stamped
                          ? t.passedExcel
                          : t.passedNoStamp}
            </MessageBarBody>
          </MessageBar>
          {excel && (
            <div className={s.row}>
              <Switch
                label={t.marks}
                checked={marksOn}
                onChange={(_, d) => {
                  setMarksOn(d.checked);
                  void act(async () => void (await excel.setMarks(d.checked, outcome.check)));
                }}
              />
              <Button
                onClick={() =>
                  void act(async () => {
                    await excel.setMarks(false, outcome.check, { notes: true });
                    setMarksOn(false);
                    setNotice((now) => now.marksRemoved);
                  })
                }
              >
                {t.removeMarks}
              </Button>
              {excel.dropdownsAvailable() && (
                <>
                  <Button
                    onClick={() =>
                      void act(async () => {
                        const r = await excel.addDropdowns(outcome.check);
                        setNotice((now) => now.dropdownsAdded(r.added, r.kept));
                      })
                    }
                  >
                    {t.dropdownsAdd}
                  </Button>
                  <Button
                    onClick={() =>
                      void act(async () => {
                        const n = await excel.removeDropdowns();
                        setNotice((now) => now.dropdownsRemoved(n));
                      })
                    }
                  >
                    {t.dropdownsRemove}
                  </Button>
                </>
              )}
              {legacy > 0 && (
                <Button
                  onClick={() =>
                    void act(async () => {
                      const n = await excel.convertLegacy(outcome.check);
                      setNotice((now) => now.converted(n));
                    })
                  }
                >
                  {t.convertLegacy(legacy)}
                </Button>
              )}
            </div>
          )}
          {host.kind === 'page' && file && /\.xls[xm]$/i.test(file.name) && outcome.check.status !== 'unreadable' && (
            // The page's copies of the chosen file: marked with notes to fix it, clean to send it
            // (Phuluc's marks and notes gone), stamped when it has no error — what the add-in does in Excel.
            <div className={s.row} role="group" aria-label={t.copies}>
              {c.errors + c.warnings > 0 && (
                <Button
                  disabled={saving}
                  onClick={() =>
                    void saveOnce(async () => saveBlob((await engine.highlighted(file, outcome.check, lang)).blob, markedName(file.name)))
                  }
                >
                  {t.downloadMarked}
                </Button>
              )}
              {stampable && (
                <Button
                  appearance="primary"
                  disabled={saving}
                  onClick={() =>
                    void saveOnce(async () => {
                      saveBlob(await engine.stamped(file), copyName(file.name, 'da kiem tra'));
                      setNotice((now) => now.stampedSaved);
                    })
                  }
                >
                  {t.downloadStamped}
                </Button>
              )}
              <Button
                disabled={saving}
                onClick={() =>
                  void saveOnce(async () => {
                    const r = await engine.cleaned(file);
                    saveBlob(r.blob, copyName(file.name, 'ban sach'));
                    setNotice((now) => now.cleanedSaved(r.removed));
                  })
                }
              >
                {t.downloadClean}
              </Button>
              {outcome.check.tables.length > 0 && (
                <Button
                  disabled={saving}
                  onClick={() => void saveOnce(async () => saveBlob((await engine.fixedCopy(file)).blob, copyName(file.name, 'da sua')))}
                >
                  {t.downloadFixed}
                </Button>
              )}
            </div>
          )}
          {host.kind === 'page' && file && /\.xls[xm]$/i.test(file.name) && outcome.check.status !== 'unreadable' && (
            <Text as="p" block size={200} className={s.para}>
              {stampable ? t.copiesHintStamp : t.copiesHint}
            </Text>
          )}
          {excel && (kinds.length > 0 || undoable > 0) && (
            <div className={s.row} role="group" aria-label={t.fixesTitle}>
              {kinds.map((g) => (
                <Button key={g.kind} data-fix-kind={g.kind} onClick={() => setPending(g.fixes)}>
                  {t.fixAll(t.fixKinds[g.kind], g.fixes.length)}
                </Button>
              ))}
              {undoable > 0 && (
                <Button
                  onClick={() =>
                    void act(async () => {
                      const n = await excel.undoFixes();
                      setUndoable((k) => Math.max(0, k - 1));
                      setNotice((now) => now.undone(n));
                      await recheck();
                    })
                  }
                >
                  {t.undo}
                </Button>
              )}
            </div>
          )}
          {excel && pending && (
            <section
              ref={confirmRef}
              tabIndex={-1}
              aria-label={t.fixesTitle}
              className={s.section}
              data-testid="fix-confirm"
              onKeyDown={(e) => e.key === 'Escape' && cancelPending()}
            >
              <Text as="p" block weight="semibold" className={s.para}>
                {t.fixPreview(pending.length)}
              </Text>
              <ul className={s.wrap}>
                {pending.slice(0, 50).map((f) => {
                  const d = describeFix(f);
                  return (
                    <li key={d.cell}>
                      <b>{d.cell}</b>: «{d.from}» → «{d.to}»
                    </li>
                  );
                })}
                {pending.length > 50 && <li>{t.fixMore(pending.length - 50)}</li>}
              </ul>
              <div className={s.row}>
                <Button appearance="primary" onClick={applyPending}>
                  {t.fixApply}
                </Button>
                <Button onClick={cancelPending}>{t.fixCancel}</Button>
              </div>
            </section>
          )}
          {notice && (
            <MessageBar intent="info">
              <MessageBarBody>{notice(t)}</MessageBarBody>
            </MessageBar>
          )}
          <TypeSummary findings={outcome.check.findings} />
          {excel && outcome.check.findings.length > 0 && (
            <Text as="p" block className={s.para}>
              {t.jumpHint}
            </Text>
          )}
          {excel && (
            <Text as="p" block className={mergeClasses(s.para, s.wrap)}>
              {follows ? t.liveOn : t.liveOff}
            </Text>
          )}
          <IssueList
            findings={outcome.check.findings}
            sheetOrder={outcome.check.sheetOrder}
            tables={outcome.check.tables}
            forms={forms}
            onJump={excel ? (sheet, cell) => void act(() => excel.goTo(sheet, cell)) : undefined}
            fixOf={(f) => fixFor(f, index)}
            onFix={excel ? (fix) => setPending([fix]) : undefined}
          />
        </section>
      )}
    </div>
  );
}
