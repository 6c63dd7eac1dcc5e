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
        {items.map((f) => (
          <li key={f.code} className={s.item}>
            <Text className={s.name}>
              {f.code} — {f.name}
              {f.errors || f.warnings ? ` (${t.counts(f.errors, f.warnings)})` : ` (${t.missing})`}
            </Text>
            <Button size="small" onClick={() => void copy(f)} aria-label={`${t.copy}: ${f.name}`}>
              {copied === f.code ? t.copied : t.copy}
            </Button>
            <details>
              <summary>{t.showText}</summary>
              <pre className={s.text}>{f.text}</pre>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
