/**
 * The stamp "checked, passed" in the open workbook: the custom document property `phuluc.stamp`
 * (ExcelApi 1.7), or the add-in's document settings on older Excel. Written only after a check
 * with no errors; cleared after one with errors, so a stale "passed" never travels.
 */
import { makeStamp, Stamp, STAMP_PROPERTY } from '../core/stamp/stamp';
import { earnsStamp, WorkbookCheck } from '../core/validate/validate-workbook';
import type { Capabilities } from './capabilities';

export const TOOL_LABEL = 'phuluc 1.0.0 (Excel)';
/** The longest custom property value every Excel keeps whole (the desktop trims to 255). */
export const CUSTOM_PROPERTY_MAX = 255;

/** Writes or clears the stamp to match the check; one round trip. Returns the stamp written. */
export async function syncStamp(context: Excel.RequestContext, caps: Capabilities, check: WorkbookCheck, now: Date): Promise<Stamp | null> {
  const stamp = queueStamp(context, caps, check, now);
  if (caps.customProperties) await context.sync();
  return stamp;
}

/**
 * Queues the writing or clearing of the stamp (the custom property) for the caller's next sync, and
 * puts it in the document settings at once where they hold it. Returns the stamp written.
 */
export function queueStamp(context: Excel.RequestContext, caps: Capabilities, check: WorkbookCheck, now: Date): Stamp | null {
  const stamp = earnsStamp(check) ? makeStamp(check.unit.unit!.id, check.round?.id ?? null, check.digest, TOOL_LABEL, now) : null;
  // Outside Excel on the web a custom property's value "is limited to 255 characters … (larger values
  // are automatically trimmed" (CustomPropertyCollection.add): a longer stamp (long ids in a loaded
  // definition) goes to the document settings, and the property is cleared.
  const fits = !stamp || JSON.stringify(stamp).length <= CUSTOM_PROPERTY_MAX;
  if (caps.customProperties) {
    const custom = context.workbook.properties.custom;
    if (stamp && fits) custom.add(STAMP_PROPERTY, JSON.stringify(stamp));
    else {
      // add-then-delete removes it whether or not it existed, in the same round trip.
      custom.add(STAMP_PROPERTY, '');
      custom.getItem(STAMP_PROPERTY).delete();
    }
  }
  // The settings hold the stamp only where the property cannot; otherwise an older one there goes,
  // so that a stale "passed" is never read back from them.
  try {
    if (stamp && (!caps.customProperties || !fits)) Office.context.document.settings.set(STAMP_PROPERTY, JSON.stringify(stamp));
    else Office.context.document.settings.remove(STAMP_PROPERTY);
    Office.context.document.settings.saveAsync();
  } catch {
    // No document settings (very old hosts): the check still ran; there is nowhere to stamp.
  }
  return stamp;
}
