/**
 * Tổng hợp: the received files in, the consolidated sheets out — written into the open workbook in
 * Excel, offered as a download on the page. Files are read by the engine workers; this thread only
 * shows progress and a row per unit.
 */
import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Dismiss16Regular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { unitState, UnitState } from '../../core/merge/figures';
import { STATUS } from '../../core/merge/model';
import { correctedReceipt, receiptSourceLabel } from '../../core/merge/receipt';
import { viDate } from '../i18n';
import { renderFinding } from '../../core/report/issue';
import type { ConsolidateResult } from '../../engine/engine-protocol';
import type { RoundInfo } from '../../shared/catalog-info';
import { MergeCancelledError } from '../../engine/engine-client';
import type { Engine, Progress } from '../../engine/engine-client';
import type { Host } from '../hosts/host';
import { saveBlob } from './download';
import { ErrorBar } from './ErrorBar';
import { errorText } from './errors';
import { FeedbackList } from './FeedbackList';
import { FilePicker } from './FilePicker';
import { Say, useLang, useSaid } from './lang';
import { useTabLayout } from './layout';

const useStyles = makeStyles({
  figures: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  figure: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: 'inherit',
    font: 'inherit',
    textAlign: 'start',
  },
  figureButton: { cursor: 'pointer', ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover } },
  pressed: { backgroundColor: tokens.colorBrandBackground2, border: `2px solid ${tokens.colorBrandStroke1}` },
  number: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
  // The round list is as wide as its longest title: held to the pane's width, never wider.
  field: { minWidth: 0, maxWidth: '100%', flexGrow: 0, flexShrink: 1, flexBasis: '22em' },
  select: { maxWidth: '100%', minWidth: 0, width: '100%' },
  chosen: { overflowWrap: 'anywhere' },
  chosenList: { listStyleType: 'none', margin: 0, padding: 0, maxHeight: '12em', overflowY: 'auto' },
  chosenItem: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalXS, overflowWrap: 'anywhere', minWidth: 0 },
  // Scrolls down within itself with its header in sight; never sideways.
  tableWrap: { maxHeight: '70vh', overflowY: 'auto', overflowX: 'hidden' },
  table: {
    tableLayout: 'fixed',
    width: '100%',
    // Narrow (a task pane): each unit a block of labelled lines; the headers stay as sort buttons.
    '@media (max-width: 560px)': {
      display: 'block',
      '& thead': { display: 'block', position: 'sticky', top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 },
      '& thead tr': { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
      '& thead th': { display: 'block', height: 'auto', position: 'static' },
      '& tbody': { display: 'block' },
    },
  },
  head: { position: 'sticky', top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  // Wider than a pane: the names get the room, the figures what they need.
  wUnit: { '@media (min-width: 561px)': { width: '24%' } },
  wFile: { '@media (min-width: 561px)': { width: '28%' } },
  wStatus: { '@media (min-width: 561px)': { width: '13%' } },
  wErrors: { '@media (min-width: 561px)': { width: '10%' } },
  wReceived: { '@media (min-width: 561px)': { width: '17%' } },
  wLate: { '@media (min-width: 561px)': { width: '8%' } },
  sortButton: { minWidth: 0, padding: 0, fontWeight: tokens.fontWeightSemibold, textAlign: 'start', justifyContent: 'flex-start' },
  tableRow: {
    '@media (max-width: 560px)': { display: 'block', paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
  },
  cell: {
    overflowWrap: 'anywhere',
    verticalAlign: 'top',
    '@media (max-width: 560px)': {
      display: 'block',
      height: 'auto',
      '::before': { content: 'attr(data-label) ": "', fontWeight: tokens.fontWeightSemibold },
    },
  },
  assign: { display: 'block', maxWidth: '100%', marginTop: tokens.spacingVerticalXS, font: 'inherit', fontSize: tokens.fontSizeBase200 },
  superseded: { display: 'block', color: tokens.colorNeutralForeground3 },
  issuesCell: { overflowWrap: 'anywhere', '@media (max-width: 560px)': { display: 'block', height: 'auto' } },
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Rows drawn at once: 300 at a time would hold the page for half a second; the rest on request. */
const ROWS_PAGE = 100;
const FIRST_DRAW = 20;

type Filter = 'missing' | 'withErrors' | 'late' | 'resend' | 'unidentified' | 'submitted';
type SortKey = 'unit' | 'status' | 'errors' | 'received' | 'daysLate';

const STATE_COLOR: Record<UnitState, 'success' | 'warning' | 'danger' | 'informative' | 'important'> = {
  submitted: 'success',
  resend: 'danger',
  missing: 'warning',
  unexpected: 'informative',
  unidentified: 'important',
};

function outputName(round: string): string {
  return `tong-hop-${round}.xlsx`;
}

/** An instant as Hà Tĩnh reads it (UTC+7): 16/11/2022 09:05. */
function vnDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
}

function fileKey(f: File): string {
  return `${f.name}\u0000${f.size}\u0000${f.lastModified}`;
}

export function MergeTab({ host, engine, active }: { host: Host; engine: Engine; active: boolean }) {
  const { t, lang } = useLang();
  const s = { ...useTabLayout(), ...useStyles() };
  const [files, setFiles] = useState<File[]>([]);
  const [rounds, setRounds] = useState<RoundInfo[]>([]);
  const [round, setRound] = useState('');
  const [deadline, setDeadline] = useState('');
  const [busy, setBusy] = useSaid();
  const [merging, setMerging] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<ConsolidateResult | null>(null);
  const [error, setError] = useSaid();
  const [notice, setNotice] = useSaid();
  const [filter, setFilter] = useState<Filter | null>(null);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean } | null>(null);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [limit, setLimit] = useState(ROWS_PAGE);
  // A new result is drawn in two steps, the figures and the first rows, then the rest: one long
  // render would hold the page for a few hundred milliseconds on a slow PC.
  const [drawn, setDrawn] = useState(FIRST_DRAW);
  useEffect(() => {
    setDrawn(FIRST_DRAW);
    const later = setTimeout(() => setDrawn(Infinity), 0);
    return () => clearTimeout(later);
  }, [result]);
  const [assigned, setAssigned] = useState<Record<string, string>>({});
  const [receipts, setReceipts] = useState<Record<string, string>>({});
  const downloading = useRef(false);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const [focusResult, setFocusResult] = useState(0);
  useEffect(() => {
    if (focusResult) resultRef.current?.focus();
  }, [focusResult]);

  // Read again whenever the tab is shown: a round loaded in the Mẫu view appears at once.
  useEffect(() => {
    if (!active) return;
    let live = true;
    void import(/* webpackChunkName: "catalog" */ '../../shared/catalog-info').then((m) => live && setRounds(m.info().rounds));
    return () => {
      live = false;
    };
  }, [active]);

  const run = async () => {
    setBusy((now) => now.merging);
    setMerging(true);
    setError(null);
    setNotice(null);
    setResult(null);
    setFilter(null);
    setQuery('');
    setOpen(new Set());
    setAssigned({});
    setReceipts({});
    setLimit(ROWS_PAGE);
    try {
      const r = await engine.merge(files, { round: round || undefined, deadline: deadline || undefined, onProgress: setProgress });
      setResult(r);
      setMerging(false);
      setFocusResult((n) => n + 1);
      if (host.kind === 'excel') {
        setBusy((now) => now.writing);
        const n = await host.excel.writeModel(await engine.model());
        setNotice((now) => now.written(n));
      }
    } catch (e) {
      if (e instanceof MergeCancelledError) {
        setProgress(null);
        setNotice((now) => now.cancelled);
      } else setError((now) => errorText(e, now));
    } finally {
      setMerging(false);
      setBusy(null);
    }
  };

  const download = async () => {
    // A double click saves one file: the second click comes before the button is disabled.
    if (!result || downloading.current) return;
    downloading.current = true;
    setBusy((now) => now.preparing);
    setError(null);
    try {
      saveBlob(await engine.workbook(), outputName(result.round));
    } catch (e) {
      setError((now) => errorText(e, now));
    } finally {
      downloading.current = false;
      setBusy(null);
    }
  };

  /**
   * Merged again from the files already read with the clerk's corrections: an unidentified file
   * given to a unit, a unit's receipt date as the document system recorded it. Both kept for the
   * next correction, so one never undoes the other.
   */
  const remerge = async (next: { assign: Record<string, string>; receipts: Record<string, string> }, said: Say) => {
    setBusy((now) => now.merging);
    setError(null);
    setNotice(null);
    try {
      const r = await engine.remerge(next);
      setAssigned(next.assign);
      setReceipts(next.receipts);
      setResult(r);
      setOpen(new Set());
      setNotice(said);
      if (host.kind === 'excel') {
        setBusy((now) => now.writing);
        await host.excel.writeModel(await engine.model());
      }
    } catch (e) {
      setError((now) => errorText(e, now));
    } finally {
      setBusy(null);
    }
  };
  const assign = (file: string, code: string) => {
    const unit = units.find((u) => u.code === code);
    return remerge({ assign: { ...assigned, [file]: code }, receipts }, (now) =>
      now.assigned(file, unit ? `${unit.code} — ${unit.name}` : code),
    );
  };
  const correctReceipt = (code: string, day: string) => {
    const at = correctedReceipt(day);
    if (!at) return;
    return remerge({ assign: assigned, receipts: { ...receipts, [code]: at } }, (now) => now.receiptCorrected(code, viDate(day)));
  };

  const addFiles = (fs: File[]) => {
    const have = new Set(files.map(fileKey));
    setFiles([...files, ...fs.filter((f) => !have.has(fileKey(f)))]);
    setResult(null);
    setProgress(null);
    if (fs.length) engine.warm();
  };

  const units = result?.units ?? [];
  const expected = useMemo(() => new Set(result?.expectedCodes ?? []), [result]);
  const rows = useMemo(() => units.map((u, i) => ({ u, i, state: unitState(u, expected) })), [units, expected]);
  const matches = (r: (typeof rows)[number], fl: Filter): boolean => {
    const readable = r.state === 'submitted' || r.state === 'unexpected';
    switch (fl) {
      case 'late':
        return readable && r.u.daysLate > 0;
      case 'withErrors':
        return readable && r.u.errors > 0;
      default:
        return r.state === fl;
    }
  };
  const shown = useMemo(() => {
    const q = fold(query.trim());
    const out = rows.filter((r) => (!filter || matches(r, filter)) && (!q || fold(`${r.u.code} ${r.u.name} ${r.u.file}`).includes(q)));
    if (sort) {
      const val = (r: (typeof rows)[number]): string | number => {
        switch (sort.key) {
          case 'unit':
            // Files of no known unit after the units, whatever the collation does with punctuation.
            return r.u.code ? `0 ${r.u.code} ${r.u.name}` : `1 ${r.u.name}`;
          case 'status':
            return t.stateLabel[r.state];
          case 'errors':
            return r.u.errors;
          case 'received':
            return r.u.receivedAt ?? '';
          case 'daysLate':
            return r.u.daysLate;
        }
      };
      out.sort((a, b) => {
        const x = val(a);
        const y = val(b);
        const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'vi');
        return sort.desc ? -c : c;
      });
    }
    return out;
  }, [rows, filter, query, sort, t]);

  // The figures core defines (the command line prints the same). Each tile but "Phải nộp" filters
  // the table to its units; the roster's three always shown so that they add up on screen.
  const f = result?.figures;
  const figures: [string, number, Filter | null][] = f
    ? (
        [
          [t.expected, f.expected, null],
          [t.submitted, f.submitted, 'submitted'],
          [t.resend, f.resend, 'resend'],
          [t.missing, f.missing, 'missing'],
          [t.late, f.late, 'late'],
          [t.withErrors, f.withErrors, 'withErrors'],
          [t.unidentified, f.unidentified, 'unidentified'],
        ] as [string, number, Filter | null][]
      ).filter(([label, n]) => n > 0 || label === t.expected || label === t.submitted || label === t.missing)
    : [];

  // The units a file can be given to: those the round expects, by code.
  const roster = units.filter((u) => u.code && expected.has(u.code)).sort((a, b) => a.code.localeCompare(b.code));

  const header = (key: SortKey, label: string, width: string) => (
    <TableHeaderCell
      className={mergeClasses(s.head, width)}
      sortable
      sortDirection={sort?.key === key ? (sort.desc ? 'descending' : 'ascending') : undefined}
      onClick={() => setSort(sort?.key === key ? { key, desc: !sort.desc } : { key, desc: false })}
    >
      {label}
    </TableHeaderCell>
  );

  return (
    <div className={s.root}>
      <Text>{t.mergeIntro}</Text>
      <FilePicker label={t.chooseFiles} accept=".xlsx,.xlsm,.xls" multiple disabled={!!busy} onFiles={addFiles} />
      {files.length > 0 && (
        <div className={s.row}>
          <details className={s.chosen}>
            <summary>{t.filesChosen(files.length)}</summary>
            <ul className={s.chosenList} aria-label={t.chosenList}>
              {files.map((file, i) => (
                <li key={fileKey(file)} className={s.chosenItem}>
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={<Dismiss16Regular />}
                    aria-label={t.removeFile(file.name)}
                    disabled={!!busy}
                    onClick={() => {
                      setFiles(files.filter((_, j) => j !== i));
                      setResult(null);
                    }}
                  />
                  <span>{file.name}</span>
                </li>
              ))}
            </ul>
          </details>
          <Button size="small" disabled={!!busy} onClick={() => (setFiles([]), setResult(null), setProgress(null))}>
            {t.clearFiles}
          </Button>
        </div>
      )}
      <div className={mergeClasses(s.row, s.rowBottom)}>
        <Field label={t.round} className={s.field}>
          <Select className={s.select} value={round} onChange={(_, d) => setRound(d.value)} disabled={!!busy}>
            <option value="">{t.roundAuto}</option>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id} — {r.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.deadline} className={s.field}>
          <Input type="date" value={deadline} onChange={(_, d) => setDeadline(d.value)} disabled={!!busy} />
        </Field>
        <Button appearance="primary" onClick={() => void run()} disabled={!!busy || files.length === 0}>
          {t.merge}
        </Button>
        {merging && <Button onClick={() => engine.cancelMerge()}>{t.cancel}</Button>}
      </div>
      {progress && progress.total > 0 && (
        <Field validationMessage={t.progress(progress.done, progress.total)} validationState="none">
          <ProgressBar value={progress.done / progress.total} aria-label={t.progress(progress.done, progress.total)} />
        </Field>
      )}
      {/* Always there, so screen readers announce each change of what is being done, and the outcome. */}
      <Text role="status" aria-live="polite">
        {busy?.(t) ?? (result && f ? `${t.expected} ${f.expected}, ${t.submitted} ${f.submitted}, ${t.missing} ${f.missing}` : '')}
      </Text>
      <ErrorBar text={error?.(t) ?? null} />
      {notice && (
        <MessageBar intent="success">
          <MessageBarBody>{notice(t)}</MessageBarBody>
        </MessageBar>
      )}
      {result && (
        <section className={s.section} aria-label={t.result}>
          <Text as="p" block className={s.para} weight="semibold" ref={resultRef} tabIndex={-1}>
            {t.mergedRound(result.round, result.inferred, result.deadline)}
          </Text>
          {result.rounds.length > 1 && (
            <MessageBar intent="warning" className={s.chosen}>
              <MessageBarBody>{t.mixedRounds(result.rounds, result.round)}</MessageBarBody>
            </MessageBar>
          )}
          {result.otherRound.length > 0 && (
            <MessageBar intent="warning" className={s.chosen}>
              <MessageBarBody>{t.otherRound(result.otherRound)}</MessageBarBody>
            </MessageBar>
          )}
          {result.setAside.length > 0 && (
            <MessageBar intent="warning" className={s.chosen}>
              <MessageBarBody>{t.setAside(result.setAside)}</MessageBarBody>
            </MessageBar>
          )}
          {result.notes.length > 0 && (
            <MessageBar intent="info" className={s.chosen}>
              <MessageBarBody>{t.notes(result.notes)}</MessageBarBody>
            </MessageBar>
          )}
          <div className={s.figures} role="group" aria-label={t.filterBy}>
            {figures.map(([label, n, fl]) =>
              fl ? (
                <button
                  key={label}
                  type="button"
                  className={mergeClasses(s.figure, s.figureButton, filter === fl && s.pressed)}
                  aria-pressed={filter === fl}
                  onClick={() => setFilter(filter === fl ? null : fl)}
                >
                  <span className={s.number}>{n}</span>
                  <span>{label}</span>
                </button>
              ) : (
                <div key={label} className={s.figure}>
                  <span className={s.number}>{n}</span>
                  <span>{label}</span>
                </div>
              ),
            )}
          </div>
          {host.kind === 'page' && (
            <Button className={s.start} appearance="primary" onClick={() => void download()} disabled={!!busy}>
              {t.download}
            </Button>
          )}
          <div className={s.row}>
            <Field label={t.searchUnit} className={s.field}>
              <Input type="search" value={query} onChange={(_, d) => setQuery(d.value)} />
            </Field>
            <Text>{t.shownOf(shown.length, rows.length)}</Text>
          </div>
          <div className={s.tableWrap} role="region" aria-label={t.tabMerge} tabIndex={0}>
            <Table size="small" aria-label={t.tabMerge} className={s.table}>
              <TableHeader>
                <TableRow>
                  {header('unit', t.unit, s.wUnit)}
                  <TableHeaderCell className={mergeClasses(s.head, s.wFile)}>{t.file}</TableHeaderCell>
                  {header('status', t.status, s.wStatus)}
                  {header('errors', t.errors, s.wErrors)}
                  {header('received', t.received, s.wReceived)}
                  {header('daysLate', t.daysLate, s.wLate)}
                </TableRow>
              </TableHeader>
              <TableBody>
                {shown.slice(0, Math.min(limit, drawn)).flatMap(({ u, i, state }) => {
                  // The file the merge used, as core decided it; the files it set aside listed apart.
                  const used = u.usedFile;
                  const issues = u.usedFiles.flatMap((name) => result?.issues[name] ?? []);
                  const isOpen = open.has(i);
                  const toggle = () => {
                    const next = new Set(open);
                    if (isOpen) next.delete(i);
                    else next.add(i);
                    setOpen(next);
                  };
                  const out = [
                    <TableRow key={i} className={s.tableRow} data-state={state}>
                      <TableCell className={s.cell} data-label={t.unit}>
                        {u.code ? `${u.code} — ${u.name}` : u.name}
                        {state === 'unidentified' && used && (
                          // Native, not Fluent's: one per unidentified file, and 300 of them must draw at once.
                          <select
                            className={s.assign}
                            aria-label={t.assignTo(used)}
                            value=""
                            disabled={!!busy}
                            onChange={(e) => e.currentTarget.value && void assign(used, e.currentTarget.value)}
                          >
                            <option value="">{t.assignPick}</option>
                            {roster.map((r) => (
                              <option key={r.code} value={r.code}>
                                {r.code} — {r.name}
                              </option>
                            ))}
                          </select>
                        )}
                      </TableCell>
                      <TableCell className={s.cell} data-label={t.file}>
                        {u.usedFiles.length > 0 && (
                          <span data-role="used">
                            {u.supersededFiles.length + u.unreadableFiles.length > 0 || u.usedFiles.length > 1
                              ? `${t.usedFiles}: ${u.usedFiles.join(', ')}`
                              : used}
                          </span>
                        )}
                        {u.supersededFiles.length > 0 && (
                          <Text size={200} className={s.superseded} data-role="superseded">
                            {t.supersededFiles}: {u.supersededFiles.join(', ')}
                          </Text>
                        )}
                        {u.unreadableFiles.length > 0 && (
                          <Text size={200} className={s.superseded} data-role="unreadable">
                            {t.unreadableFiles}: {u.unreadableFiles.join(', ')}
                          </Text>
                        )}
                      </TableCell>
                      <TableCell className={s.cell} data-label={t.status}>
                        <Badge appearance="tint" color={u.status === STATUS.unreadable ? 'danger' : STATE_COLOR[state]}>
                          {u.status === STATUS.unreadable ? t.fileUnreadable : t.stateLabel[state]}
                        </Badge>
                      </TableCell>
                      <TableCell className={s.cell} data-label={t.errors}>
                        {issues.length > 0 ? (
                          <Button size="small" appearance="subtle" aria-expanded={isOpen} onClick={toggle}>
                            {isOpen ? t.hideIssues : t.showIssues(u.errors || issues.length)}
                          </Button>
                        ) : (
                          u.errors || ''
                        )}
                      </TableCell>
                      <TableCell className={s.cell} data-label={t.received}>
                        {u.receivedAt ? (
                          <>
                            {vnDateTime(u.receivedAt)}
                            <br />
                            <Text size={200}>{receiptSourceLabel(u.receivedFrom, lang)}</Text>
                          </>
                        ) : (
                          ''
                        )}
                        {u.code && u.receivedAt && (
                          // Native: one per unit, drawn by the hundred.
                          <input
                            type="date"
                            className={s.assign}
                            aria-label={t.correctReceipt(u.code)}
                            defaultValue=""
                            disabled={!!busy}
                            onBlur={(e) => e.currentTarget.value && void correctReceipt(u.code, e.currentTarget.value)}
                            onKeyDown={(e) =>
                              e.key === 'Enter' && e.currentTarget.value && void correctReceipt(u.code, e.currentTarget.value)
                            }
                          />
                        )}
                      </TableCell>
                      <TableCell className={s.cell} data-label={t.daysLate}>
                        {u.daysLate || ''}
                      </TableCell>
                    </TableRow>,
                  ];
                  if (isOpen)
                    out.push(
                      <TableRow key={`${i}-issues`} className={s.tableRow} data-issues-of={used}>
                        <TableCell className={s.issuesCell} colSpan={6}>
                          <ul className={s.issues} aria-label={t.issuesOf(used)}>
                            {issues.map((f, k) => {
                              const r = renderFinding(f, lang);
                              return (
                                <li key={k} data-code={f.code}>
                                  {r.cell && <b>{`${f.sheet}!${r.cell}`} </b>}
                                  {f.severity === 'error' ? t.error : t.warning}: {r.message}
                                </li>
                              );
                            })}
                          </ul>
                        </TableCell>
                      </TableRow>,
                    );
                  return out;
                })}
              </TableBody>
            </Table>
          </div>
          {shown.length > limit && (
            <Button className={s.start} onClick={() => setLimit(limit + ROWS_PAGE)}>
              {t.moreRows(Math.min(ROWS_PAGE, shown.length - limit))}
            </Button>
          )}
          <FeedbackList items={result.feedback} />
        </section>
      )}
    </div>
  );
}

/** Unit names compared as typed: "so tu phap" finds "Sở Tư pháp". */
function fold(x: string): string {
  return x
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
