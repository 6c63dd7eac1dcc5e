/**
 * Tổng hợp: the received files in, the consolidated sheets out — written into the open workbook in
 * Excel, offered as a download on the page. Files are read by the engine workers; this thread only
 * shows progress and a row per unit.
 */
import {
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
import { useEffect, useState } from 'react';
import { receiptSourceLabel } from '../../core/merge/receipt';
import type { ConsolidateResult } from '../../engine/engine-protocol';
import type { RoundInfo } from '../../shared/catalog-info';
import type { Engine, Progress } from '../../engine/engine-client';
import type { Host } from '../hosts/host';
import { saveBlob } from './download';
import { ErrorBar } from './ErrorBar';
import { errorText } from './errors';
import { FeedbackList } from './FeedbackList';
import { FilePicker } from './FilePicker';
import { useLang, useSaid } from './lang';
import { useTabLayout } from './layout';

const useStyles = makeStyles({
  figures: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalS },
  figure: { display: 'flex', flexDirection: 'column' },
  number: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
  tableWrap: { overflowX: 'auto' },
});

function outputName(round: string): string {
  return `tong-hop-${round}.xlsx`;
}

/** An instant as Hà Tĩnh reads it (UTC+7): 16/11/2022 09:05. */
function vnDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
}

export function MergeTab({ host, engine, active }: { host: Host; engine: Engine; active: boolean }) {
  const { t, lang } = useLang();
  const s = { ...useTabLayout(), ...useStyles() };
  const [files, setFiles] = useState<File[]>([]);
  const [rounds, setRounds] = useState<RoundInfo[]>([]);
  const [round, setRound] = useState('');
  const [deadline, setDeadline] = useState('');
  const [busy, setBusy] = useSaid();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<ConsolidateResult | null>(null);
  const [error, setError] = useSaid();
  const [notice, setNotice] = useSaid();

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
    setError(null);
    setNotice(null);
    setResult(null);
    try {
      const r = await engine.merge(files, { round: round || undefined, deadline: deadline || undefined, onProgress: setProgress });
      setResult(r);
      if (host.kind === 'excel') {
        setBusy((now) => now.writing);
        const n = await host.excel.writeModel(await engine.model());
        setNotice((now) => now.written(n));
      }
    } catch (e) {
      setError((now) => errorText(e, now));
    } finally {
      setBusy(null);
    }
  };

  const download = async () => {
    if (!result) return;
    setBusy((now) => now.preparing);
    setError(null);
    try {
      saveBlob(await engine.workbook(), outputName(result.round));
    } catch (e) {
      setError((now) => errorText(e, now));
    } finally {
      setBusy(null);
    }
  };

  const units = result?.units ?? [];
  // The figures core defines (the command line prints the same); tiles that are zero and say
  // nothing unusual are left out, the roster's three always shown so that they add up on screen.
  const f = result?.figures;
  const figures: [string, number][] = f
    ? ([
        [t.expected, f.expected],
        [t.submitted, f.submitted],
        [t.resend, f.resend],
        [t.missing, f.missing],
        [t.late, f.late],
        [t.withErrors, f.withErrors],
        [t.unidentified, f.unidentified],
      ] as [string, number][]).filter(([label, n]) => n > 0 || label === t.expected || label === t.submitted || label === t.missing)
    : [];

  return (
    <div className={s.root}>
      <Text>{t.mergeIntro}</Text>
      <FilePicker
        label={t.chooseFiles}
        accept=".xlsx,.xlsm,.xls"
        multiple
        disabled={!!busy}
        chosen={files.length ? t.filesChosen(files.length) : undefined}
        onFiles={(fs) => {
          setFiles(fs);
          setResult(null);
          setProgress(null);
          if (fs.length) engine.warm();
        }}
      />
      <div className={mergeClasses(s.row, s.rowBottom)}>
        <Field label={t.round}>
          <Select value={round} onChange={(_, d) => setRound(d.value)} disabled={!!busy}>
            <option value="">{t.roundAuto}</option>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id} — {r.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.deadline}>
          <Input type="date" value={deadline} onChange={(_, d) => setDeadline(d.value)} disabled={!!busy} />
        </Field>
        <Button appearance="primary" onClick={() => void run()} disabled={!!busy || files.length === 0}>
          {t.merge}
        </Button>
      </div>
      {progress && progress.total > 0 && (
        <Field validationMessage={t.progress(progress.done, progress.total)} validationState="none">
          <ProgressBar value={progress.done / progress.total} aria-label={t.progress(progress.done, progress.total)} />
        </Field>
      )}
      {/* Always there, so screen readers announce each change of what is being done. */}
      <Text role="status" aria-live="polite">
        {busy?.(t) ?? ''}
      </Text>
      <ErrorBar text={error?.(t) ?? null} />
      {notice && (
        <MessageBar intent="success">
          <MessageBarBody>{notice(t)}</MessageBarBody>
        </MessageBar>
      )}
      {result && (
        <section className={s.section} aria-label={t.merge}>
          <Text as="p" block className={s.para} weight="semibold">
            {t.mergedRound(result.round, result.inferred, result.deadline)}
          </Text>
          {result.rounds.length > 1 && (
            <MessageBar intent="warning">
              <MessageBarBody>{t.mixedRounds(result.rounds, result.round)}</MessageBarBody>
            </MessageBar>
          )}
          {result.otherRound.length > 0 && (
            <MessageBar intent="warning">
              <MessageBarBody>{t.otherRound(result.otherRound)}</MessageBarBody>
            </MessageBar>
          )}
          {result.setAside.length > 0 && (
            <MessageBar intent="warning">
              <MessageBarBody>{t.setAside(result.setAside)}</MessageBarBody>
            </MessageBar>
          )}
          {result.notes.length > 0 && (
            <MessageBar intent="info">
              <MessageBarBody>{t.notes(result.notes)}</MessageBarBody>
            </MessageBar>
          )}
          <div className={s.figures}>
            {figures.map(([label, n]) => (
              <div key={label} className={s.figure}>
                <span className={s.number}>{n}</span>
                <span>{label}</span>
              </div>
            ))}
          </div>
          {host.kind === 'page' && (
            <Button className={s.start} appearance="primary" onClick={() => void download()} disabled={!!busy}>
              {t.download}
            </Button>
          )}
          <div className={s.tableWrap}>
            <Table size="small" aria-label={t.tabMerge}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t.unit}</TableHeaderCell>
                  <TableHeaderCell>{t.file}</TableHeaderCell>
                  <TableHeaderCell>{t.status}</TableHeaderCell>
                  <TableHeaderCell>{t.errors}</TableHeaderCell>
                  <TableHeaderCell>{t.received}</TableHeaderCell>
                  <TableHeaderCell>{t.daysLate}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {units.map((u, i) => (
                  <TableRow key={i}>
                    <TableCell>{u.code ? `${u.code} — ${u.name}` : u.name}</TableCell>
                    <TableCell>{u.file}</TableCell>
                    <TableCell>{u.status}</TableCell>
                    <TableCell>{u.errors || ''}</TableCell>
                    <TableCell>
                      {u.receivedAt ? (
                        <>
                          {vnDateTime(u.receivedAt)}
                          <br />
                          <Text size={200}>{receiptSourceLabel(u.receivedFrom, lang)}</Text>
                        </>
                      ) : (
                        ''
                      )}
                    </TableCell>
                    <TableCell>{u.daysLate || ''}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <FeedbackList items={result.feedback} />
        </section>
      )}
    </div>
  );
}
