/**
 * A checked workbook as plain data that can cross a thread boundary (worker → pane or CLI) without
 * copying the form definitions with every file, and be revived against the same catalogue.
 */
import type { Finding } from '../report/issue';
import type { Catalog } from '../template/catalog';
import type { UnitSource } from '../units/identify';
import type { CheckedTable } from './check-table';
import { FileStatus, lazyDigest, StampState, WorkbookCheck } from './validate-workbook';

export interface PlainTable extends Omit<CheckedTable, 'template'> {
  template: string;
}

export interface PlainCheck {
  file?: string;
  status: FileStatus;
  unit: { id: string | null; from: UnitSource; evidence?: string };
  round: string | null;
  tables: PlainTable[];
  findings: Finding[];
  stamp: StampState | null;
  sheetOrder: string[];
  savedAt?: string;
  foreignForms?: string[];
}

/** Leaves the digest alone: it is computed only where it is needed. */
export function toPlainCheck(c: WorkbookCheck): PlainCheck {
  return {
    file: c.file,
    status: c.status,
    unit: { id: c.unit.unit?.id ?? null, from: c.unit.from, evidence: c.unit.evidence },
    round: c.round?.id ?? null,
    tables: c.tables.map((t) => ({ ...t, template: t.template.id })),
    findings: c.findings,
    stamp: c.stamp,
    sheetOrder: c.sheetOrder,
    ...(c.savedAt ? { savedAt: c.savedAt } : {}),
    ...(c.foreignForms ? { foreignForms: c.foreignForms } : {}),
  };
}

export function fromPlainCheck(p: PlainCheck, catalog: Catalog): WorkbookCheck {
  const tables = p.tables.map((t): CheckedTable => {
    const template = catalog.templates.find((x) => x.id === t.template);
    if (!template) throw new Error(`form "${t.template}" is not in the catalogue`);
    return { ...t, template };
  });
  const unit = p.unit.id ? (catalog.registry.units.find((u) => u.id === p.unit.id) ?? null) : null;
  const digestOf = lazyDigest(tables);
  return {
    file: p.file,
    status: p.status,
    unit: { unit, from: unit ? p.unit.from : 'none', evidence: p.unit.evidence },
    round: p.round ? (catalog.rounds.find((r) => r.id === p.round) ?? null) : null,
    tables,
    findings: p.findings,
    get digest() {
      return digestOf();
    },
    stamp: p.stamp,
    sheetOrder: p.sheetOrder,
    ...(p.savedAt ? { savedAt: p.savedAt } : {}),
    ...(p.foreignForms ? { foreignForms: p.foreignForms } : {}),
  };
}
