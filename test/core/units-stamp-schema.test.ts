import { createHash } from 'node:crypto';
import { check, catalog, where } from './helpers';
import { pl02Rows } from '../fixtures/content';
import { UnitIndex } from '../../src/core/units/registry-index';
import { identifyFromFileName } from '../../src/core/units/identify';
import { STAMP_PROPERTY, parseStamp } from '../../src/core/stamp/stamp';
import { sha256Hex } from '../../src/core/stamp/sha256';
import { parseDefinition, DefinitionError } from '../../src/core/template/errors';
import { TemplateSchema, RoundSchema } from '../../src/core/template/schema';
import { resolveTemplate } from '../../src/core/template/catalog';
import { textKey, cleanText } from '../../src/core/text/normalize';
import { headerKey } from '../../src/core/locate/header-key';

const index = new UnitIndex(catalog.registry);

describe('Vietnamese text keys', () => {
  test('old and new tone placement, đ, NFD, NBSP, zero-width', () => {
    expect(textKey('Hoà')).toBe(textKey('Hòa'));
    expect(textKey('Thuỷ')).toBe(textKey('Thủy'));
    expect(textKey('Uỷ ban')).toBe(textKey('Ủy ban'));
    expect(textKey('Đánh giá')).toBe('danh gia');
    expect(cleanText('Lý\u00A0do\u200B\nchưa  hoàn thành'.normalize('NFD'))).toBe('Lý do chưa hoàn thành');
    expect(headerKey('Tình trạng (*)')).toBe('tinh trang');
    expect(headerKey('Lý do (nếu có):')).toBe('ly do');
  });
  test('soft hyphen survives cleaning (TCVN3 ư)', () => {
    expect(cleanText('Ch\u00ADa')).toBe('Ch\u00ADa');
  });
});

describe('unit registry', () => {
  test.each([
    ['SỞ TƯ PHÁP', 'STP'],
    ['Sở KH&ĐT', 'SKHDT'],
    ['Sở TT&TT', 'STTTT'],
    ['Sở NN&PTNT', 'SNNPTNT'],
    ['Sở LĐ-TB&XH', 'SLDTBXH'],
    ['Sở VH-TT&DL', 'SVHTTDL'],
    ['VP UBND tỉnh', 'VPUB'],
    ['TP Hà Tĩnh', '436'],
    ['TX Hồng Lĩnh', '437'],
    ['TX Kỳ Anh', '449'],
    ['H. Can Lộc', '443'],
    ['UBND HUYỆN CAN LỘC', '443'],
    ['Uỷ ban nhân dân huyện Hương Khê', '444'],
    ['Ủy ban nhân dân huyện Hương Khê', '444'],
    ['Cục Thuế tỉnh', 'CTHUE'],
  ])('%s → %s', (text, id) => {
    expect(index.exact(text)?.id).toBe(id);
  });
  test('"Kỳ Anh" alone is ambiguous and not guessed; the province line names no unit', () => {
    expect(index.exact('Kỳ Anh')).toBeNull();
    expect(index.ambiguous('Kỳ Anh')).toBe(true);
    expect(index.exact('UBND TỈNH HÀ TĨNH')).toBeNull();
  });
  test.each([
    ['So Tu phap - PL01.xlsx', 'STP'],
    ['STP_phu luc.xlsx', 'STP'],
    ['inbox/Cuc Thue tinh Ha Tinh.xlsx', 'CTHUE'],
    ['Huyen Can Loc - mo hinh.xls', '443'],
    ['SoNoiVu.xlsx', 'SNV'],
    ['SoTTTT_PL.xlsx', 'STTTT'],
  ])('file name %s', (name, id) => {
    expect(identifyFromFileName(name, index)?.unit?.id).toBe(id);
  });
  test.each([
    ['SỞ Y TẾ HÀ TĨNH', 'SYT'],
    ['BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH', 'BHXH'],
    ['SỞ NÔNG NGHIỆP VÀ PTNT', 'SNNPTNT'],
    ['SỞ LĐTB&XH', 'SLDTBXH'],
    ['SỞ VHTT&DL', 'SVHTTDL'],
  ])('letterhead %s', (line, id) => {
    const c = check([{ form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH', line], rows: pl02Rows({ seed: 1, rows: 3 }) }], {
      fileName: 'bao cao.xlsx',
    });
    expect([c.unit.unit?.id, c.unit.from]).toEqual([id, 'cell']);
  });
  test('the province alone names no unit', () => {
    const c = check([{ form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH'], rows: pl02Rows({ seed: 1, rows: 3 }) }], {
      fileName: 'bao cao.xlsx',
    });
    expect(c.unit.unit).toBeNull();
  });
  test('a labelled cell beats the file name', () => {
    const c = check([
      { form: 'pl02', letterhead: [], title: ['PHỤ LỤC 02', 'Đơn vị báo cáo: Sở Tài chính'], rows: pl02Rows({ seed: 1, rows: 3 }) },
    ]);
    expect([c.unit.unit?.id, c.unit.from]).toEqual(['STC', 'cell']);
  });
  test.each([false, true])('a letterhead typed in TCVN3 identifies the unit (in one cell: %p)', async (oneCell) => {
    const { encodeTcvn3 } = await import('../../src/core/text/legacy');
    const c = check(
      [
        {
          form: 'pl02',
          letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'].map(encodeTcvn3),
          letterheadOneCell: oneCell,
          rows: pl02Rows({ seed: 1, rows: 3 }),
        },
      ],
      { fileName: 'bao cao.xlsx' },
    );
    expect([c.unit.unit?.id, c.unit.from]).toEqual(['STP', 'cell']);
  });
});

describe('stamp', () => {
  test('sha256 matches the standard vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const s of ['a'.repeat(1000), 'Hà Tĩnh — Sở Nội vụ', 'x'.repeat(55), 'y'.repeat(64)]) {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }
  });
  const rows = pl02Rows({ seed: 4, rows: 5 });
  const sheet = { form: 'pl02', letterhead: ['UBND TỈNH HÀ TĨNH', 'SỞ TƯ PHÁP'], rows };
  const first = check([sheet]);
  const stamp = JSON.stringify({
    unit: 'STP',
    round: 'kh-cchc-2023',
    checkedAt: '2022-11-14T08:00:00.000Z',
    digest: first.digest,
    tool: 'phuluc 1.0.0',
  });
  test('a current stamp identifies the unit and is not stale', () => {
    const c = check({ sheets: [sheet], customProps: { [STAMP_PROPERTY]: stamp } }, { fileName: 'x.xlsx' });
    expect(c.unit.from).toBe('stamp');
    expect(c.stamp?.current).toBe(true);
    expect(where(c).filter((w) => w.startsWith('stamp'))).toEqual([]);
  });
  test('editing a value after stamping makes it stale', () => {
    const edited = rows.map((r, i) => (i === 2 ? { ...(r as object), ket_qua: 'Đã sửa sau khi kiểm tra' } : r));
    const c = check({ sheets: [{ ...sheet, rows: edited }], customProps: { [STAMP_PROPERTY]: stamp } });
    expect(where(c, 'warning')).toContain('stamp-stale@');
  });
  test('a garbled stamp is ignored', () => {
    expect(parseStamp('{not json')).toBeNull();
    expect(parseStamp(JSON.stringify({ unit: 'STP' }))).toBeNull();
  });
});

describe('definitions as data', () => {
  test('a broken form definition names every bad field', () => {
    const bad = {
      id: 'PL 05',
      title: 'x',
      sheetName: 'a/b',
      columns: [
        { key: 'stt', header: 'TT', type: 'index' },
        { key: 'tt', header: 'Tình trạng', type: 'status' },
        { key: 'ly_do', header: 'Lý do', type: 'text', reasonFor: 'nope' },
      ],
    };
    let err: DefinitionError | undefined;
    try {
      parseDefinition(TemplateSchema, bad, 'mẫu');
    } catch (e) {
      err = e as DefinitionError;
    }
    expect(err).toBeInstanceOf(DefinitionError);
    const paths = err!.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'sheetName', 'columns[1].values']));
    expect(err!.message).toMatch(/^Định nghĩa không hợp lệ \/ Invalid definition: mẫu\n/);
    // Every problem in Vietnamese first, English second: zod's own messages and the schema's.
    expect(err!.problems.find((p) => p.path === 'id')?.message).toBe(
      'mã mẫu viết thường, không dấu, như "pl01" / form ids are lower-case ASCII like "pl01"',
    );
  });
  test("zod's own messages come in Vietnamese too", () => {
    expect(() =>
      parseDefinition(
        RoundSchema,
        { id: 'r', title: '', forms: ['pl01'], expected: { kinds: ['department'] }, deadline: '2023-01-30' },
        'đợt',
      ),
    ).toThrow(/title: Quá nhỏ: .* \/ Too small: expected string to have >=1 characters/);
  });
  test('an unknown value set is reported with the known ones', () => {
    const def = parseDefinition(
      TemplateSchema,
      {
        id: 'x',
        title: 'x',
        sheetName: 'X',
        columns: [
          { key: 'a', header: 'A', type: 'text' },
          { key: 'b', header: 'B', type: 'status', values: 'nope' },
        ],
      },
      'mẫu',
    );
    expect(() => resolveTemplate(def, catalog.valueSets)).toThrow(
      /columns\[1\]\.values: không có bộ giá trị "nope" \/ unknown value set "nope" \(task-status, target-evaluation\)/,
    );
  });
  test('a deadline written the Vietnamese way is one problem, not two', () => {
    let err: DefinitionError | undefined;
    try {
      parseDefinition(
        RoundSchema,
        { id: 'r', title: 'r', forms: ['pl01'], expected: { kinds: ['department'] }, deadline: '15/11/2022' },
        'đợt',
      );
    } catch (e) {
      err = e as DefinitionError;
    }
    expect(err?.problems.map((p) => p.message)).toEqual(['cần một ngày dạng YYYY-MM-DD / expected a date as YYYY-MM-DD']);
  });
  test('a round with an impossible deadline', () => {
    expect(() =>
      parseDefinition(
        RoundSchema,
        { id: 'r', title: 'r', forms: ['pl01'], expected: { kinds: ['department'] }, deadline: '2023-02-30' },
        'đợt',
      ),
    ).toThrow(/deadline: ngày này không có thật \/ this date does not exist/);
  });
  test('the built-in catalogue holds the five forms and two rounds of forms.md', () => {
    expect(catalog.templates.map((t) => t.id)).toEqual(['pl01', 'pl02', 'pl03', 'pl04', 'mo-hinh']);
    expect(catalog.rounds.map((r) => [r.id, r.forms.join(','), r.deadline])).toEqual([
      ['kh-cchc-2023', 'pl01,pl02,pl03,pl04', '2022-11-15'],
      ['mo-hinh-2023', 'mo-hinh', '2023-03-24'],
    ]);
    expect(catalog.registry.units).toHaveLength(38);
  });
});

describe('column roles in a form definition', () => {
  const base = {
    id: 'thu',
    title: 'Thử',
    sheetName: 'Thu',
    columns: [
      { key: 'tt', header: 'TT', type: 'index' },
      { key: 'ten', header: 'Tên', type: 'text', required: true, role: 'item' },
      { key: 'chu', header: 'Chú thích', type: 'text', role: 'note' },
    ],
  };

  test('roles are derived where not written, and found by the checks', () => {
    const t = resolveTemplate(TemplateSchema.parse(base), catalog.valueSets);
    expect(t.roles).toEqual({ index: 'tt', item: 'ten', note: 'chu' });
    expect(t.columns[0].role).toBe('index');
  });

  test('two note columns, or a status role on a text column, are refused with a readable path', () => {
    const twoNotes = { ...base, columns: [...base.columns, { key: 'khac', header: 'Khác', type: 'text', role: 'note' }] };
    expect(TemplateSchema.safeParse(twoNotes).error?.issues.map((i) => i.path.join('.'))).toEqual(['columns.3.role']);
    const wrongStatus = { ...base, columns: [...base.columns, { key: 'tt2', header: 'Tình trạng', type: 'text', role: 'status' }] };
    expect(
      TemplateSchema.safeParse(wrongStatus)
        .error?.issues.map((i) => i.message)
        .join(),
    ).toMatch(/vai trò "status" cần kiểu "status"/);
  });

  test('the built-in forms name their index, item and note columns', () => {
    for (const t of catalog.templates) expect([t.id, t.roles.index, t.roles.note]).toEqual([t.id, 'stt', 'ghi_chu']);
    expect(catalog.templates.find((t) => t.id === 'pl03')?.parts?.map((p) => p.id)).toEqual(['I', 'II']);
  });
});
