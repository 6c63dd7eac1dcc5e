import { createContext, useContext } from 'react';
import { Lang, Messages, MESSAGES } from '../i18n';

export const LangContext = createContext<{ lang: Lang; t: Messages }>({ lang: 'vi', t: MESSAGES.vi });

export function useLang() {
  return useContext(LangContext);
}
