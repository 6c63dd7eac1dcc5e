/**
 * The ribbon's last check, for the pane. With the shared runtime the ribbon's commands and the pane
 * run in one page under one webpack runtime, so this module exists once for both: the ribbon
 * publishes, the pane shows what the ribbon found when it opens (or at once, if it is open).
 */
import type { CheckOutcome } from '../taskpane/hosts/host';

type Listener = (o: CheckOutcome) => void;

let last: CheckOutcome | null = null;
const listeners = new Set<Listener>();
/** Font names of the last check's cells by "Sheet!A1": the legacy conversion keeps non-legacy fonts. */
let fonts = new Map<string, string>();

export function publishCheck(outcome: CheckOutcome, cellFonts: Map<string, string>, fromRibbon: boolean): void {
  fonts = cellFonts;
  if (!fromRibbon) return;
  last = outcome;
  for (const l of listeners) l(outcome);
}

export function lastFonts(): Map<string, string> {
  return fonts;
}

/** Calls `l` with the ribbon's last result now (if any) and with every later one; returns the undo. */
export function subscribeRibbon(l: Listener): () => void {
  listeners.add(l);
  if (last) l(last);
  return () => listeners.delete(l);
}
