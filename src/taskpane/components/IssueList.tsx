/**
 * Every problem of a check, grouped by sheet in reading order, errors before warnings. Each names
 * its place in words (form, row, column header, the row's task) beside the cell code, and says its
 * severity by an icon and a word, not by colour alone. Groups fold; "Chỉ lỗi" hides warnings.
 * In Excel a problem is a button that goes to its cell.
 */
import {
  Badge,
  Button,
  makeStyles,
  mergeClasses,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { ErrorCircle16Filled, Warning16Filled } from '@fluentui/react-icons';
import { useEffect, useMemo, useState } from 'react';
import { describe } from '../../core/report/catalogue';
import type { CellFix } from '../../core/fixes/propose';
import { Finding, renderFinding, sortFindings } from '../../core/report/issue';
import { FormWords, Place, placeOf, PlaceTable } from '../../core/report/place';
import type { Messages } from '../i18n';
import { useLang } from './lang';

/** Enough to work through; the rest one click away, so a 10,000-problem file cannot freeze the pane. */
const PAGE = 200;

const useStyles = makeStyles({
  group: { marginTop: tokens.spacingVerticalS },
  summary: {
    cursor: 'pointer',
    fontWeight: tokens.fontWeightSemibold,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
  },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  item: {
    display: 'block',
    boxSizing: 'border-box',
    width: '100%',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderTopStyle: 'none',
    borderRightStyle: 'none',
    borderBottomStyle: 'none',
    borderLeft: `4px solid ${tokens.colorPaletteRedForeground1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    font: 'inherit',
    color: 'inherit',
    overflowWrap: 'anywhere',
  },
  // A dark orange, not yellow: the mark and its icon keep 3:1 against the background (WCAG 1.4.11).
  warning: { borderLeft: `4px solid ${tokens.colorPaletteDarkOrangeForeground1}` },
  clickable: { cursor: 'pointer', ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover } },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalS },
  sev: {
    display: 'inline-flex',
    alignItems: 'center',
    columnGap: '2px',
    marginRight: tokens.spacingHorizontalS,
    fontWeight: tokens.fontWeightSemibold,
    verticalAlign: 'text-bottom',
  },
  sevError: { color: tokens.colorPaletteRedForeground1 },
  sevWarning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  badge: { whiteSpace: 'nowrap', flexShrink: 0 },
  place: { display: 'block', color: tokens.colorNeutralForeground2, marginTop: '2px' },
  hint: { display: 'block', color: tokens.colorNeutralForeground3, marginTop: '2px' },
  // A problem with a certain fix: its Sửa beside it, never inside the button that goes to the cell.
  withFix: { display: 'flex', alignItems: 'flex-start', columnGap: tokens.spacingHorizontalXS },
  fix: { flexShrink: 0, minWidth: 'auto' },
});

export function TypeSummary({ findings }: { findings: Finding[] }) {
  const { t, lang } = useLang();
  const s = useStyles();
  const rows = useMemo(() => {
    const by = new Map<string, { f: Finding; count: number }>();
    for (const f of findings) {
      const e = by.get(f.code);
      if (e) e.count++;
      else by.set(f.code, { f, count: 1 });
    }
    return [...by.values()].sort((a, b) => (a.f.severity === b.f.severity ? b.count - a.count : a.f.severity === 'error' ? -1 : 1));
  }, [findings]);
  if (!rows.length) return null;
  return (
    <Table size="small" aria-label={t.byType}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{t.problem}</TableHeaderCell>
          <TableHeaderCell>{t.severity}</TableHeaderCell>
          <TableHeaderCell>{t.count}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(({ f, count }) => (
          <TableRow key={f.code}>
            <TableCell>{describe(f.code, f.params, lang).title}</TableCell>
            <TableCell>
              <Badge
                className={s.badge}
                appearance="tint"
                color={f.severity === 'error' ? 'danger' : 'warning'}
                icon={f.severity === 'error' ? <ErrorCircle16Filled /> : <Warning16Filled />}
              >
                {f.severity === 'error' ? t.error : t.warning}
              </Badge>
            </TableCell>
            <TableCell>{count}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** "dòng 12, cột “Kết quả”, nhiệm vụ: “…”": the place in words (the form is the group's title). */
export function placeWords(p: Place, t: Messages): string {
  return [p.row !== undefined ? t.rowN(p.row) : '', p.column ? t.columnNamed(p.column) : '', p.task ? t.taskNamed(p.task) : '']
    .filter(Boolean)
    .join(', ');
}

export function IssueList(props: {
  findings: Finding[];
  sheetOrder: string[];
  tables?: readonly PlaceTable[];
  forms?: Readonly<Record<string, FormWords>>;
  onJump?: (sheet: string, cell: string) => void;
  /** The certain fix of a finding, if it has one (Excel only): shown as a Sửa beside it. */
  fixOf?: (f: Finding) => CellFix | undefined;
  onFix?: (fix: CellFix) => void;
}) {
  const { t, lang } = useLang();
  const s = useStyles();
  const [onlyErrors, setOnlyErrors] = useState(false);
  const groups = useMemo(() => {
    const out = new Map<string, Finding[]>();
    const sorted = sortFindings(props.findings, props.sheetOrder);
    // Errors first within each sheet, each kind in reading order (the sort is stable).
    const ordered = [...sorted.filter((f) => f.severity === 'error'), ...sorted.filter((f) => f.severity !== 'error')];
    for (const f of ordered) {
      if (onlyErrors && f.severity !== 'error') continue;
      const key = f.sheet ?? '';
      const list = out.get(key);
      if (list) list.push(f);
      else out.set(key, [f]);
    }
    return [...out.entries()];
  }, [props.findings, props.sheetOrder, onlyErrors]);
  const [shown, setShown] = useState<Record<string, number>>({});
  // A new check starts at the first page of each sheet again.
  useEffect(() => setShown({}), [props.findings]);
  const hasWarnings = props.findings.some((f) => f.severity !== 'error');
  const hasErrors = props.findings.some((f) => f.severity === 'error');
  // Long lists open folded but for the first sheet: 70 problems are not 70 tab stops at once.
  const fold = props.findings.length > 30;
  const formTitle = (sheet: string) => {
    const tb = props.tables?.find((x) => x.sheet === sheet);
    return tb ? props.forms?.[tb.template]?.title : undefined;
  };
  return (
    <>
      {hasWarnings && hasErrors && <Switch label={t.onlyErrors} checked={onlyErrors} onChange={(_, d) => setOnlyErrors(d.checked)} />}
      {groups.map(([sheet, fs], gi) => {
        const limit = shown[sheet] ?? PAGE;
        const title = formTitle(sheet);
        return (
          <details key={sheet} className={s.group} open={!fold || gi === 0} data-sheet={sheet}>
            <summary className={s.summary}>
              {sheet || t.workbookLevel}
              {title ? ` — ${title}` : ''} ({t.problemsIn(fs.length)})
            </summary>
            <ul className={s.list} aria-label={sheet || t.workbookLevel}>
              {fs.slice(0, limit).map((f, i) => {
                const r = renderFinding(f, lang);
                const where = r.cell ? `${f.sheet}!${r.cell}` : (f.sheet ?? '');
                const words = props.tables && props.forms ? placeWords(placeOf(f, props.tables, props.forms), t) : '';
                const error = f.severity === 'error';
                const body = (
                  <>
                    {where && <span className={s.cell}>{where}</span>}
                    <span className={mergeClasses(s.sev, error ? s.sevError : s.sevWarning)}>
                      {error ? <ErrorCircle16Filled aria-hidden /> : <Warning16Filled aria-hidden />}
                      {error ? t.error : t.warning}
                    </span>
                    <span>{r.message}</span>
                    {words && <span className={s.place}>{words}</span>}
                    {r.hint && <span className={s.hint}>{r.hint}</span>}
                  </>
                );
                const cls = mergeClasses(s.item, !error && s.warning);
                const jump = props.onJump && f.sheet !== undefined && r.cell ? () => props.onJump!(f.sheet!, r.cell!) : undefined;
                const fix = props.onFix ? props.fixOf?.(f) : undefined;
                return (
                  <li key={i} data-severity={f.severity} data-code={f.code} className={fix ? s.withFix : undefined}>
                    {jump ? (
                      <button type="button" className={mergeClasses(cls, s.clickable)} onClick={jump}>
                        {body}
                      </button>
                    ) : (
                      <div className={cls}>{body}</div>
                    )}
                    {fix && (
                      <Button className={s.fix} size="small" aria-label={t.fixLabel(where)} onClick={() => props.onFix!(fix)}>
                        {t.fix}
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
            {fs.length > limit && (
              <Button appearance="subtle" onClick={() => setShown({ ...shown, [sheet]: limit + PAGE })}>
                {t.showMore(Math.min(PAGE, fs.length - limit))}
              </Button>
            )}
          </details>
        );
      })}
    </>
  );
}
