/**
 * The ribbon's last check, for the pane. With the shared runtime the ribbon's commands and the pane
 * run in one page under one webpack runtime, so this module exists once for both: the ribbon
 * publishes, the pane shows what the ribbon found when it opens (or at once, if it is open).
 */
import type { CheckOutcome } from './outcome';

/** What the ribbon's last click gave: a check, or why there is none. */
export type RibbonResult = { outcome: CheckOutcome } | { error: string };
type Listener = (r: RibbonResult) => void;

let last: RibbonResult | null = null;
const listeners = new Set<Listener>();
/** Font names of the last check's cells by "Sheet!A1": the legacy conversion keeps non-legacy fonts. */
let fonts = new Map<string, string>();

export function publishCheck(outcome: CheckOutcome, cellFonts: Map<string, string>, fromRibbon: boolean): void {
  fonts = cellFonts;
  if (fromRibbon) tell({ outcome });
}

/** The ribbon's check failed: the pane says so instead of showing an older result as current. */
export function publishRibbonError(message: string): void {
  tell({ error: message });
}

function tell(r: RibbonResult): void {
  last = r;
  for (const l of listeners) l(r);
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
