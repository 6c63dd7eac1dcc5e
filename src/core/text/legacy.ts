// TEMPORARY placeholder until the legacy-encoding module lands (being written in parallel).
export type LegacyEncoding = 'tcvn3' | 'vni';
export interface LegacyDetection { encoding: LegacyEncoding; converted: string }
export function detectLegacy(_text: string, _fontName?: string | null): LegacyDetection | null {
  return null;
}
