import { FileTimeoutError, FileTooLargeError } from '../../engine/engine-client';
import type { Messages } from '../i18n';

/** Check pressed with no file chosen (the button is disabled then; kept for a race with the picker). */
export class NoFileError extends Error {}

/** An error as a person reads it: the engine's own messages are already bilingual. */
export function errorText(e: unknown, t: Messages): string {
  if (e instanceof FileTooLargeError) return t.tooLarge(e.fileName);
  if (e instanceof FileTimeoutError) return t.tooSlow(e.fileName);
  if (e instanceof NoFileError) return t.noFile;
  return e instanceof Error ? e.message : String(e);
}
