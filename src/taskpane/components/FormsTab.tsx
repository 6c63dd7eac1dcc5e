/** Mẫu: the rounds and forms in use, and loading another round or form from a JSON file. */
import {
  Badge,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
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
import type { DefinitionProblem } from '../../core/template/errors';
import type { CatalogInfo } from '../../shared/catalog-info';
import type { Engine } from '../../engine/engine-client';
import { FilePicker } from './FilePicker';
import { useLang, useSaid } from './lang';
import { viDate } from '../i18n';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

const catalogModule = () => import(/* webpackChunkName: "catalog" */ '../../shared/catalog-info');

export function FormsTab({ engine }: { engine: Engine }) {
  const { t } = useLang();
  const s = useStyles();
  const [info, setInfo] = useState<CatalogInfo | null>(null);
  const [loaded, setLoaded] = useSaid();
  const [problems, setProblems] = useState<{ what: string; list: DefinitionProblem[] } | null>(null);

  useEffect(() => {
    let live = true;
    void catalogModule().then((m) => live && setInfo(m.info()));
    return () => {
      live = false;
    };
  }, []);

  const load = async (file: File | undefined) => {
    if (!file) return;
    setLoaded(null);
    setProblems(null);
    try {
      const m = await catalogModule();
      const r = m.load(file.name, await file.text());
      if (!r.ok) {
        setProblems({ what: r.what, list: r.problems });
        return;
      }
      await engine.setDefinitions(r.definitions);
      r.commit();
      setInfo(m.info());
      setLoaded((now) => now.loaded(r.kind, r.id));
    } catch (e) {
      setProblems({ what: file.name, list: [{ path: '', message: e instanceof Error ? e.message : String(e) }] });
    }
  };

  if (!info) return <Spinner label={t.loading} />;
  return (
    <div className={s.root}>
      <Text>{t.formsIntro}</Text>
      <Text as="h2" block weight="semibold" size={400}>
        {t.rounds}
      </Text>
      <Table size="small" aria-label={t.rounds}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t.round}</TableHeaderCell>
            <TableHeaderCell>{t.formsOfRound}</TableHeaderCell>
            <TableHeaderCell>{t.deadline}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {info.rounds.map((r) => (
            <TableRow key={r.id}>
              <TableCell>
                <span className={s.code}>{r.id}</span> — {r.title} ({t.expectedUnits(r.expected)}){' '}
                {r.loaded && <Badge appearance="tint">JSON</Badge>}
              </TableCell>
              <TableCell>{r.forms.join(', ')}</TableCell>
              <TableCell>{viDate(r.deadline)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Text as="h2" block weight="semibold" size={400}>
        {t.templates}
      </Text>
      <Table size="small" aria-label={t.templates}>
        <TableBody>
          {info.templates.map((tp) => (
            <TableRow key={tp.id}>
              <TableCell>
                <span className={s.code}>{tp.id}</span> — {tp.title} ({t.columnsOf(tp.columns)}){' '}
                {tp.loaded && <Badge appearance="tint">JSON</Badge>}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <FilePicker label={t.loadDefinition} accept=".json,application/json" onFiles={(fs) => void load(fs[0])} />
      {loaded && (
        <MessageBar intent="success">
          <MessageBarBody>{loaded(t)}</MessageBarBody>
        </MessageBar>
      )}
      {problems && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t.definitionErrors}</MessageBarTitle>
            <ul className={s.problems}>
              {problems.list.map((p, i) => (
                <li key={i}>
                  {p.path && <span className={s.code}>{p.path}: </span>}
                  {p.message}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
