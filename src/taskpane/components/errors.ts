import { FileTimeoutError, FileTooLargeError } from '../../engine/engine-client';
import type { Lang, Messages } from '../i18n';

/** Check pressed with no file chosen (the button is disabled then; kept for a race with the picker). */
export class NoFileError extends Error {}

/**
 * An engine message written "Vietnamese / English" (as the command line prints it), cut to the
 * half the pane speaks now; a message with no English half is shown whole.
 */
export function inLanguage(message: string, lang: Lang): string {
  const m = / \/ (?=[A-Z])/.exec(message);
  if (!m) return message;
  return lang === 'vi' ? message.slice(0, m.index) : message.slice(m.index + m[0].length);
}

/** An error as a person reads it, in the pane's language only. */
export function errorText(e: unknown, t: Messages): string {
  if (e instanceof FileTooLargeError) return t.tooLarge(e.fileName);
  if (e instanceof FileTimeoutError) return t.tooSlow(e.fileName);
  if (e instanceof NoFileError) return t.noFile;
  return inLanguage(e instanceof Error ? e.message : String(e), t.lang);
}
