/**
 * What the running Excel can do, asked once. The check itself needs only ExcelApi 1.1; everything
 * else is an improvement used where present (Excel 2016 MSI has 1.1–1.2, Microsoft 365 has all).
 */

export interface Capabilities {
  /** Used range that may be empty without throwing (getUsedRangeOrNullObject). */
  usedRangeOrNull: boolean; // ExcelApi 1.4
  /** Conditional formats: marks that never touch a cell's own format. */
  conditionalFormats: boolean; // ExcelApi 1.6
  /** Custom document properties (the stamp travels in the file). */
  customProperties: boolean; // ExcelApi 1.7
  /** Freeze panes on written sheets. */
  freezePanes: boolean; // ExcelApi 1.7
  /** Unit names as the chart's category axis. */
  seriesAxisValues: boolean; // ExcelApi 1.7
  /** Many cells addressed as one object: marking N cells is one operation. */
  rangeAreas: boolean; // ExcelApi 1.9
  /** Autofilter on written sheets. */
  autoFilter: boolean; // ExcelApi 1.9
  /** Merged areas of a range. */
  mergedAreas: boolean; // ExcelApi 1.13
}

export type SetSupported = (name: string, version: string) => boolean;

export function detectCapabilities(isSetSupported: SetSupported): Capabilities {
  const api = (v: string) => {
    try {
      return isSetSupported('ExcelApi', v);
    } catch {
      return false;
    }
  };
  return {
    usedRangeOrNull: api('1.4'),
    conditionalFormats: api('1.6'),
    customProperties: api('1.7'),
    freezePanes: api('1.7'),
    seriesAxisValues: api('1.7'),
    rangeAreas: api('1.9'),
    autoFilter: api('1.9'),
    mergedAreas: api('1.13'),
  };
}

/** In Office, from Office.context.requirements; a fake passes its own. */
export function officeCapabilities(): Capabilities {
  return detectCapabilities((name, version) => Office.context.requirements.isSetSupported(name, version));
}
