/**
 * A native file input with a visible label: Fluent UI has no file picker, and the native one is what
 * screen readers and "Chọn tệp" in tests find.
 */
import { Label, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  input: { fontSize: tokens.fontSizeBase300, maxWidth: '100%' },
});

export function FilePicker(props: { label: string; accept: string; multiple?: boolean; disabled?: boolean; onFiles: (files: File[]) => void }) {
  const id = useId();
  const s = useStyles();
  return (
    <div className={s.root}>
      <Label htmlFor={id} weight="semibold">
        {props.label}
      </Label>
      <input
        id={id}
        className={s.input}
        type="file"
        accept={props.accept}
        multiple={props.multiple}
        disabled={props.disabled}
        onChange={(e) => {
          props.onFiles(Array.from(e.currentTarget.files ?? []));
          // Browsers fire no change for the same file chosen again: the "fix, save, choose again"
          // loop must work, so the input forgets its choice once it has been handed on.
          e.currentTarget.value = '';
        }}
      />
    </div>
  );
}
