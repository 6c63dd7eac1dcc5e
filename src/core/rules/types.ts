/**
 * Whether a cell is readable as its column's type. Targets accept any text ("≥ 90%", "Đạt"), so
 * only numbers, percentages, dates, integers and timeframes can be unreadable.
 */
import { isDateFormat, isValidYMD, serialToYMD } from '../grid/dates';
import type { CellValue } from '../grid/types';
import type { IssueParams } from '../report/catalogue';
import type { ColumnType } from '../template/schema';
import { parseNumberText, parsePercentText } from '../text/numbers';
import { checkTimeframe } from './timeframe';

export type TypeProblem = Pick<IssueParams, 'typeKind' | 'found'>;

/** Excel serials of 1/1/1990 and 31/12/2100: a bare number in this range is a date that lost its format. */
const PLAUSIBLE_SERIAL = [32874, 73415] as const;

function plausibleSerial(n: number): boolean {
  return n >= PLAUSIBLE_SERIAL[0] && n <= PLAUSIBLE_SERIAL[1];
}

function textDate(s: string): 'ok' | 'impossible' | 'no' {
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s.trim()) ?? null;
  if (m) return isValidYMD(+m[3], +m[2], +m[1]) ? 'ok' : 'impossible';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s.trim());
  if (iso) return isValidYMD(+iso[1], +iso[2], +iso[3]) ? 'ok' : 'impossible';
  return 'no';
}

export function checkType(type: ColumnType, value: CellValue, text: string, format: string | null, date1904 = false): TypeProblem | null {
  if (value === null || typeof value === 'boolean') return null;
  switch (type) {
    case 'index':
    case 'text':
    case 'target':
    case 'status':
      return null;
    case 'timeframe': {
      if (typeof value === 'number') {
        if (isDateFormat(format) && serialToYMD(value, date1904)) return null;
        if (Number.isInteger(value) && value >= 1990 && value <= 2100) return null;
        return plausibleSerial(value) ? null : { typeKind: 'timeframe', found: text };
      }
      const v = checkTimeframe(value);
      if (v.ok) return null;
      return v.impossibleDate ? { typeKind: 'date-impossible', found: v.impossibleDate } : { typeKind: 'timeframe', found: text };
    }
    case 'date': {
      if (typeof value === 'number') return serialToYMD(value, date1904) ? null : { typeKind: 'date', found: text };
      const d = textDate(value);
      if (d === 'ok') return null;
      return { typeKind: d === 'impossible' ? 'date-impossible' : 'date', found: text };
    }
    case 'number':
      if (typeof value === 'number') return null;
      return parseNumberText(value) !== null || parsePercentText(value) !== null ? null : { typeKind: 'number', found: text };
    case 'integer': {
      const n = typeof value === 'number' ? value : parseNumberText(value);
      return n !== null && Number.isInteger(n) ? null : { typeKind: 'integer', found: text };
    }
    case 'percent':
      if (typeof value === 'number') return null;
      return parsePercentText(value) !== null || parseNumberText(value) !== null ? null : { typeKind: 'percent', found: text };
  }
}
