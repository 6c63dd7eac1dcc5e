import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useLang } from './lang';

/** "Không thực hiện được" and why, the same way on every tab. */
export function ErrorBar({ text }: { text: string | null }) {
  const { t } = useLang();
  if (!text) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t.failedToRun}</MessageBarTitle>
        {text}
      </MessageBarBody>
    </MessageBar>
  );
}
