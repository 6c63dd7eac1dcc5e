/**
 * A native file input with a visible label: Fluent UI has no file picker, and the native one is what
 * screen readers and "Chọn tệp" in tests find. What was chosen is shown by the pane (`chosen`), not
 * by the input: the input forgets its choice at once, because browsers fire no change for the same
 * file chosen again and the "fix, save, choose again" loop must work.
 */
import { Label, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useId } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  line: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // Only the button: the input's own "No file chosen" would contradict what the pane shows.
  input: {
    fontSize: tokens.fontSizeBase300,
    color: 'transparent',
    width: '10.5em',
    '::file-selector-button': { color: tokens.colorNeutralForeground1 },
  },
});

export function FilePicker(props: {
  label: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  chosen?: string;
  onFiles: (files: File[]) => void;
}) {
  const id = useId();
  const s = useStyles();
  return (
    <div className={s.root}>
      <Label htmlFor={id} weight="semibold">
        {props.label}
      </Label>
      <div className={s.line}>
        <input
          id={id}
          className={s.input}
          type="file"
          accept={props.accept}
          multiple={props.multiple}
          disabled={props.disabled}
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
            if (files.length) props.onFiles(files);
          }}
        />
        {props.chosen && <Text>{props.chosen}</Text>}
      </div>
    </div>
  );
}
