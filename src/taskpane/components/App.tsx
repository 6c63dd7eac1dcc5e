/** The pane: the same app in Excel's task pane and on the standalone page; `host` says which. */
import {
  FluentProvider,
  makeStyles,
  mergeClasses,
  Button,
  Tab,
  TabList,
  Text,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { Lang, MESSAGES } from '../i18n';
import type { Engine } from '../../engine/engine-client';
import type { Host } from '../hosts/host';
import { CheckTab } from './CheckTab';
import { FormsTab } from './FormsTab';
import { LangContext } from './lang';
import { MergeTab } from './MergeTab';

const useStyles = makeStyles({
  shell: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalM },
  main: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  // The page: a readable column on a laptop; on a wide screen (the clerk's table of 300 units at
  // 1280 px and more) it takes the width, up to where lines would grow too long to follow.
  page: {
    maxWidth: '960px',
    width: '100%',
    marginLeft: 'auto',
    marginRight: 'auto',
    '@media (min-width: 1200px)': {
      maxWidth: '1600px',
      paddingLeft: tokens.spacingHorizontalXXL,
      paddingRight: tokens.spacingHorizontalXXL,
    },
  },
});

type TabId = 'check' | 'merge' | 'forms';

export function App({ host, engine, dark = false }: { host: Host; engine: Engine; dark?: boolean }) {
  const s = useStyles();
  const [lang, setLang] = useState<Lang>('vi');
  const [tab, setTab] = useState<TabId>('check');
  // The Mẫu view brings the schemas: loaded the first time it is opened, not with the pane.
  const [visited, setVisited] = useState<Set<TabId>>(new Set(['check']));
  const value = useMemo(() => ({ lang, t: MESSAGES[lang] }), [lang]);
  const t = value.t;
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} lang={lang}>
      <LangContext.Provider value={value}>
        <div className={mergeClasses(s.shell, host.kind === 'page' && s.page)}>
          <header className={s.header}>
            <Text as="h1" size={host.kind === 'page' ? 600 : 400} weight="semibold">
              {t.appTitle}
            </Text>
            {/* Named by what it shows ("English" / "Tiếng Việt"), in that language. */}
            <Button size="small" lang={lang === 'vi' ? 'en' : 'vi'} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
              {t.language}
            </Button>
          </header>
          {/* The tabs inside the main landmark: every piece of the page sits in a region (axe-core). */}
          <main className={s.main}>
            <TabList
              selectedValue={tab}
              onTabSelect={(_, d) => {
                setTab(d.value as TabId);
                setVisited(new Set([...visited, d.value as TabId]));
              }}
            >
              <Tab value="check" id="tab-check" aria-controls="panel-check">
                {t.tabCheck}
              </Tab>
              <Tab value="merge" id="tab-merge" aria-controls="panel-merge">
                {t.tabMerge}
              </Tab>
              <Tab value="forms" id="tab-forms" aria-controls="panel-forms">
                {t.tabForms}
              </Tab>
            </TabList>
            {/* Every tab stays mounted (hidden when not chosen): a merge's results survive a look at Kiểm tra. */}
            <div role="tabpanel" id="panel-check" aria-labelledby="tab-check" hidden={tab !== 'check'}>
              <CheckTab host={host} engine={engine} />
            </div>
            <div role="tabpanel" id="panel-merge" aria-labelledby="tab-merge" hidden={tab !== 'merge'}>
              {visited.has('merge') && <MergeTab host={host} engine={engine} active={tab === 'merge'} />}
            </div>
            <div role="tabpanel" id="panel-forms" aria-labelledby="tab-forms" hidden={tab !== 'forms'}>
              {visited.has('forms') && <FormsTab engine={engine} />}
            </div>
          </main>
        </div>
      </LangContext.Provider>
    </FluentProvider>
  );
}
