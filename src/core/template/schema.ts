/**
 * Forms, rounds, value sets and unit registries are data. These schemas are the single source of
 * their shape: the TypeScript types are inferred from them, so a definition file and the code that
 * reads it cannot drift apart.
 */
import { z } from 'zod';

const isoDate = z
  .string()
  // abort: a text that is not YYYY-MM-DD at all is not also "a date that does not exist".
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'cần một ngày dạng YYYY-MM-DD / expected a date as YYYY-MM-DD', abort: true })
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'ngày này không có thật / this date does not exist');

export const ValueOptionSchema = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  accepted: z.array(z.string().min(1)).default([]),
  /** Not complete as of the cut-off: the letter asks for a specific reason. */
  needsReason: z.boolean().default(false),
  /** Counts as done in the completion figures. */
  complete: z.boolean().default(false),
});

export const ValueSetSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  options: z.array(ValueOptionSchema).min(1),
});

export const AreaSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
});

export const VocabularySchema = z.object({
  valueSets: z.array(ValueSetSchema).default([]),
  areas: z.array(AreaSchema).default([]),
});

export const COLUMN_TYPES = ['index', 'text', 'target', 'timeframe', 'status', 'number', 'integer', 'percent', 'date'] as const;

/**
 * What a column is for, beyond its type: the checks find the item's number, its name, its status,
 * the reason a status demands and the free remark by role, never by a key written in code.
 */
export const COLUMN_ROLES = ['index', 'item', 'status', 'reason', 'note'] as const;

export const ColumnSchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'khóa cột viết thường, không dấu, như "ly_do" / column keys are lower-case ASCII like "ly_do"'),
    header: z.string().min(1),
    synonyms: z.array(z.string().min(1)).default([]),
    type: z.enum(COLUMN_TYPES),
    required: z.boolean().default(false),
    /** For `status` columns: a value set id, or the options inline. */
    values: z.union([z.string().min(1), z.array(ValueOptionSchema).min(1)]).optional(),
    /** This column holds the reason demanded by the named status column. */
    reasonFor: z.string().optional(),
    /** Derived when absent: `index` from type index, `status` from type status, `reason` from reasonFor. */
    role: z.enum(COLUMN_ROLES).optional(),
  })
  .refine((c) => c.type !== 'status' || c.values !== undefined, {
    message:
      'cột tình trạng cần "values" (mã bộ giá trị hoặc danh sách lựa chọn) / a status column needs "values" (a value set id or a list of options)',
    path: ['values'],
  })
  .refine((c) => (c.role === 'index') === (c.type === 'index') || c.role === undefined, {
    message: 'vai trò "index" đi với kiểu "index" / the "index" role goes with the "index" type',
    path: ['role'],
  })
  .refine((c) => c.role !== 'status' || c.type === 'status', {
    message: 'vai trò "status" cần kiểu "status" / the "status" role needs the "status" type',
    path: ['role'],
  });

/**
 * A part of a form that holds several ("Phụ lục 03, mục I … mục II …"): its numeral and the words its
 * heading uses. Rows under a part heading carry the part.
 */
export const PartSchema = z.object({
  id: z.string().regex(/^[IVX]{1,4}$/, 'phần được đánh số La Mã: I, II… / parts are numbered I, II…'),
  hints: z.array(z.string().min(1)).min(1),
});

const UNIT_KINDS = ['department', 'central', 'locality'] as const;
export const UnitKindSchema = z.enum(UNIT_KINDS);

export const TemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'mã mẫu viết thường, không dấu, như "pl01" / form ids are lower-case ASCII like "pl01"'),
    title: z.string().min(1),
    /** The form's sheet in the consolidated workbook (Excel limits sheet names to 31 characters). */
    sheetName: z
      .string()
      .min(1)
      .max(31)
      .refine((s) => !/[\\/?*[\]:]/.test(s), 'tên trang tính không được chứa \\ / ? * [ ] : / a sheet name cannot contain \\ / ? * [ ] :'),
    /** Words in the title rows that tell this form from a look-alike (PL03 and PL04 share columns). */
    titleHints: z.array(z.string()).default([]),
    columns: z.array(ColumnSchema).min(2),
    minRows: z.partialRecord(UnitKindSchema, z.number().int().min(0)).optional(),
    parts: z.array(PartSchema).optional(),
    completion: z.object({ column: z.string(), label: z.string() }).optional(),
  })
  .superRefine((t, ctx) => {
    const keys = new Set<string>();
    t.columns.forEach((c, i) => {
      if (keys.has(c.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, 'key'],
          message: `khóa cột "${c.key}" bị trùng / duplicate column key "${c.key}"`,
        });
      }
      keys.add(c.key);
    });
    t.columns.forEach((c, i) => {
      if (c.reasonFor === undefined) return;
      const target = t.columns.find((o) => o.key === c.reasonFor);
      if (!target || target.type !== 'status') {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, 'reasonFor'],
          message: `"${c.reasonFor}" không phải cột tình trạng của mẫu này / "${c.reasonFor}" is not a status column of this form`,
        });
      }
    });
    for (const role of ['index', 'item', 'note'] as const) {
      const holders = t.columns.flatMap((c, i) => ((c.role ?? (c.type === 'index' ? 'index' : undefined)) === role ? [i] : []));
      if (holders.length > 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', holders[1], 'role'],
          message: `chỉ một cột có vai trò "${role}" / only one column may have the role "${role}"`,
        });
      }
    }
    if (t.completion && !t.columns.some((c) => c.key === t.completion?.column && c.type === 'status')) {
      ctx.addIssue({ code: 'custom', path: ['completion', 'column'], message: 'phải là một cột tình trạng / must name a status column' });
    }
  });

export const RoundSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]*$/,
        'mã đợt viết thường, không dấu, như "kh-cchc-2023" / round ids are lower-case ASCII like "kh-cchc-2023"',
      ),
    title: z.string().min(1),
    letter: z.string().optional(),
    forms: z.array(z.string().min(1)).min(1),
    expected: z
      .object({
        kinds: z.array(UnitKindSchema).default([]),
        units: z.array(z.string().min(1)).default([]),
      })
      .refine(
        (e) => e.kinds.length + e.units.length > 0,
        'cần nêu các đơn vị phải nộp hoặc loại đơn vị / name the expected units or their kinds',
      ),
    asOf: isoDate.optional(),
    deadline: isoDate,
  })
  .refine((r) => new Set(r.forms).size === r.forms.length, {
    message: 'một mẫu được nêu hai lần / a form is listed twice',
    path: ['forms'],
  });

export const UnitSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: UnitKindSchema,
  aliases: z.array(z.string()).default([]),
});

export const RegistrySchema = z
  .object({
    province: z.string().optional(),
    validFrom: isoDate.optional(),
    validTo: isoDate.optional(),
    units: z.array(UnitSchema).min(1),
  })
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.units.forEach((u, i) => {
      const id = u.id.toUpperCase();
      if (seen.has(id))
        ctx.addIssue({ code: 'custom', path: ['units', i, 'id'], message: `mã đơn vị "${u.id}" bị trùng / duplicate unit id "${u.id}"` });
      seen.add(id);
    });
  });

export type ValueOption = z.infer<typeof ValueOptionSchema>;
export type ValueSet = z.infer<typeof ValueSetSchema>;
export type Area = z.infer<typeof AreaSchema>;
export type Vocabulary = z.infer<typeof VocabularySchema>;
export type ColumnType = (typeof COLUMN_TYPES)[number];
export type ColumnRole = (typeof COLUMN_ROLES)[number];
export type PartDef = z.infer<typeof PartSchema>;
export type ColumnDef = z.infer<typeof ColumnSchema>;
export type TemplateDef = z.infer<typeof TemplateSchema>;
export type RoundDef = z.infer<typeof RoundSchema>;
export type UnitKind = z.infer<typeof UnitKindSchema>;
export type UnitDef = z.infer<typeof UnitSchema>;
export type RegistryDef = z.infer<typeof RegistrySchema>;
