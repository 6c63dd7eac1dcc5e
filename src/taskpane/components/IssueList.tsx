/**
 * Every problem of a check, grouped by sheet in reading order, each with its cell as `Sheet!A1`,
 * the message and how to fix it. In Excel a problem is a button that goes to its cell.
 */
import { Badge, Button, makeStyles, mergeClasses, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { describe } from '../../core/report/catalogue';
import { Finding, renderFinding, sortFindings } from '../../core/report/issue';
import { useLang } from './lang';

/** Enough to work through; the rest one click away, so a 10,000-problem file cannot freeze the pane. */
const PAGE = 200;

const useStyles = makeStyles({
  group: { marginTop: tokens.spacingVerticalM },
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
    borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    font: 'inherit',
    color: 'inherit',
  },
  warning: { borderLeft: `3px solid ${tokens.colorPaletteYellowBorder2}` },
  clickable: { cursor: 'pointer', ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover } },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalS },
  hint: { display: 'block', color: tokens.colorNeutralForeground3, marginTop: '2px' },
});

export function TypeSummary({ findings }: { findings: Finding[] }) {
  const { t, lang } = useLang();
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
              <Badge appearance="tint" color={f.severity === 'error' ? 'danger' : 'warning'}>
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

export function IssueList(props: { findings: Finding[]; sheetOrder: string[]; onJump?: (sheet: string, cell: string) => void }) {
  const { t, lang } = useLang();
  const s = useStyles();
  const groups = useMemo(() => {
    const out = new Map<string, Finding[]>();
    for (const f of sortFindings(props.findings, props.sheetOrder)) {
      const key = f.sheet ?? '';
      const list = out.get(key);
      if (list) list.push(f);
      else out.set(key, [f]);
    }
    return [...out.entries()];
  }, [props.findings, props.sheetOrder]);
  const [shown, setShown] = useState<Record<string, number>>({});
  // A new check starts at the first page of each sheet again.
  useEffect(() => setShown({}), [props.findings]);
  return (
    <>
      {groups.map(([sheet, fs]) => {
        const limit = shown[sheet] ?? PAGE;
        return (
          <section key={sheet} className={s.group} aria-label={sheet || t.workbookLevel}>
            <Text as="h3" block weight="semibold" size={300}>
              {sheet || t.workbookLevel} ({fs.length})
            </Text>
            <ul className={s.list}>
              {fs.slice(0, limit).map((f, i) => {
                const r = renderFinding(f, lang);
                const where = r.cell ? `${f.sheet}!${r.cell}` : (f.sheet ?? '');
                const body = (
                  <>
                    {where && <span className={s.cell}>{where}</span>}
                    <span>{r.message}</span>
                    {r.hint && <span className={s.hint}>{r.hint}</span>}
                  </>
                );
                const cls = mergeClasses(s.item, f.severity === 'warning' && s.warning);
                const jump = props.onJump && f.sheet !== undefined && r.cell ? () => props.onJump!(f.sheet!, r.cell!) : undefined;
                return (
                  <li key={i} data-severity={f.severity} data-code={f.code}>
                    {jump ? (
                      <button type="button" className={mergeClasses(cls, s.clickable)} onClick={jump}>
                        {body}
                      </button>
                    ) : (
                      <div className={cls}>{body}</div>
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
          </section>
        );
      })}
    </>
  );
}
