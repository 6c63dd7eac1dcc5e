import { createContext, useCallback, useContext, useState } from 'react';
import { Lang, Messages, MESSAGES } from '../i18n';

export const LangContext = createContext<{ lang: Lang; t: Messages }>({ lang: 'vi', t: MESSAGES.vi });

export function useLang() {
  return useContext(LangContext);
}

/** A message kept as how to say it, not as words: shown in whatever language is chosen when it is read. */
export type Say = (t: Messages) => string;

/**
 * State for a notice, an error or a busy label that outlives the action which set it. A stored
 * string would stay in the language of the moment it was made after the English button is pressed.
 */
export function useSaid(): [Say | null, (say: Say | null) => void] {
  const [said, set] = useState<{ say: Say } | null>(null);
  // Wrapped: React would call a bare function given to a state setter as an updater.
  const setSaid = useCallback((say: Say | null) => set(say ? { say } : null), []);
  return [said?.say ?? null, setSaid];
}
