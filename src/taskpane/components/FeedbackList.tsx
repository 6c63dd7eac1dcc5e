import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useLang } from './lang';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: 'none' },
  item: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  name: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  text: {
    flexBasis: '100%',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    margin: 0,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
  },
});

const FEEDBACK_PAGE = 10;

function toggled(set: ReadonlySet<string>, code: string, on: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (on) next.add(code);
  else next.delete(code);
  return next;
}

export interface FeedbackItem {
  code: string;
  name: string;
  errors: number;
  warnings: number;
  text: string;
}

/**
 * The texts to send back to each unit (the Phản hồi sheet's), each with a button that puts it on
 * the clipboard, ready to paste into an e-mail or the document system.
 */
export function FeedbackList({ items }: { items: FeedbackItem[] }) {
  const { t } = useLang();
  const s = useStyles();
  const [copied, setCopied] = useState<string | null>(null);
  // A round of 300 files has dozens of texts: drawn a page at a time, each text only when opened,
  // so that showing the merge never blocks the page.
  const [limit, setLimit] = useState(FEEDBACK_PAGE);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (!items.length) return null;
  const copy = async (f: FeedbackItem) => {
    await navigator.clipboard.writeText(f.text);
    setCopied(f.code);
  };
  return (
    <section aria-label={t.feedbackTitle}>
      <Text as="h2" size={400} weight="semibold" block>
        {t.feedbackTitle}
      </Text>
      <ul className={s.list}>
        {items.slice(0, limit).map((f) => (
          <li key={f.code} className={s.item}>
            <Text className={s.name}>
              {f.code} — {f.name}
              {f.errors || f.warnings ? ` (${t.counts(f.errors, f.warnings)})` : ` (${t.missing})`}
            </Text>
            <Button size="small" onClick={() => void copy(f)} aria-label={`${t.copy}: ${f.name}`}>
              {copied === f.code ? t.copied : t.copy}
            </Button>
            <details onToggle={(e) => setOpen(toggled(open, f.code, (e.currentTarget as HTMLDetailsElement).open))}>
              <summary>{t.showText}</summary>
              {open.has(f.code) && <pre className={s.text}>{f.text}</pre>}
            </details>
          </li>
        ))}
      </ul>
      {items.length > limit && (
        <Button onClick={() => setLimit(limit + FEEDBACK_PAGE)}>{t.moreRows(Math.min(FEEDBACK_PAGE, items.length - limit))}</Button>
      )}
    </section>
  );
}
