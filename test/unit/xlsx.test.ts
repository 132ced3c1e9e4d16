/**
 * Our XLSX writer (functions/lib/xlsx), read back by exceljs as the oracle (what Excel-like readers see)
 * and, for the container, by a ZIP reader written here from the format's specification.
 */
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Workbook, columnName, MAX_TEXT, type CellInput } from '../../functions/lib/xlsx/index.js';
import { crc32, crc32Table, zip } from '../../functions/lib/xlsx/zip.js';

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The archive's entries by the central directory (APPNOTE 4.3), each checked against its CRC-32. */
function unzip(bytes: Buffer): Map<string, Buffer> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThanOrEqual(0);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    expect(bytes.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(method === 0 || method === 8).toBe(true);
    expect(data.length).toBe(bytes.readUInt32LE(at + 24));
    expect(crc32Table(data)).toBe(crc);
    out.set(name, data);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return out;
}

/** A one-sheet workbook of the rows given (bare values, default style). */
function oneSheet(rows: CellInput[][]): Buffer {
  const wb = new Workbook();
  const ws = wb.addSheet('Trang 1');
  rows.forEach((r, i) => ws.row(i + 1, r));
  return wb.toBuffer();
}

describe('the ZIP container', () => {
  it('computes CRC-32 as ZIP does (the check value of "123456789" is CBF43926), natively and by table', () => {
    const check = Buffer.from('123456789');
    expect(crc32Table(check)).toBe(0xcbf43926);
    expect(crc32(check)).toBe(0xcbf43926);
    expect(crc32Table(Buffer.alloc(0))).toBe(0);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => crc32Table(b) === crc32(b)));
  });

  it('holds every entry, deflated or stored, byte for byte, with UTF-8 names', () => {
    const big = Buffer.from('Chỉ số CCHC '.repeat(5000));
    const entries = [
      { name: 'a.xml', data: big },
      { name: 'rỗng.txt', data: Buffer.alloc(0) },
      { name: 'x/y/one', data: Buffer.from([7]) },
    ];
    const bytes = zip(entries);
    const back = unzip(bytes);
    expect([...back.keys()]).toEqual(['a.xml', 'rỗng.txt', 'x/y/one']);
    for (const e of entries) expect(back.get(e.name)!.equals(e.data)).toBe(true);
    // Deflated where that helps: the whole archive is far smaller than the repeated text.
    expect(bytes.length).toBeLessThan(big.length / 10);
  });

  it('an .xlsx has the parts Excel requires, each well-formed UTF-8 XML with its content type', () => {
    const parts = unzip(oneSheet([['x']]));
    for (const p of [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/sharedStrings.xml',
      'xl/worksheets/sheet1.xml',
    ])
      expect(parts.get(p)?.toString('utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>\n</);
    const types = parts.get('[Content_Types].xml')!.toString('utf8');
    expect(types).toContain(
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
    );
    expect(types).toContain(
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    );
    // [Content_Types].xml first, as readers that sniff the type expect.
    expect([...parts.keys()][0]).toBe('[Content_Types].xml');
  });
});

describe('cells', () => {
  it('writes numbers as numbers and text as text, exactly (49.99 stays 49.99, "42" stays text)', async () => {
    const values = [0, 1.5, 49.99, -3.25, 1e-7, 123456789012, 0.1 + 0.2, '42', 'Xã Phúc Xuân', ''];
    const ws = (await read(oneSheet([values]))).worksheets[0]!;
    values.forEach((v, i) => {
      const c = ws.getCell(1, i + 1);
      expect(c.value).toBe(v);
      expect(c.type).toBe(typeof v === 'number' ? ExcelJS.ValueType.Number : ExcelJS.ValueType.String);
    });
    // -0 is 0 on the sheet.
    expect((await read(oneSheet([[-0]]))).worksheets[0]!.getCell(1, 1).value).toBe(0);
  });

  it('every finite double reads back as the same number', async () => {
    const xs = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), 200);
    const ws = (await read(oneSheet(xs.map((x) => [x])))).worksheets[0]!;
    xs.forEach((x, i) => expect(ws.getCell(i + 1, 1).value).toBe(x === 0 ? 0 : x));
  });

  it('null and undefined are empty cells; a styled empty cell keeps its style', async () => {
    const wb = new Workbook();
    const boxed = wb.style({ border: 'thin' });
    wb.addSheet('S').row(2, [null, undefined, { v: null, s: boxed }, 'x']);
    const ws = (await read(wb.toBuffer())).worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(1).cellCount).toBe(0);
    expect([1, 2, 3].map((c) => ws.getCell(2, c).type)).toEqual([
      ExcelJS.ValueType.Null,
      ExcelJS.ValueType.Null,
      ExcelJS.ValueType.Null,
    ]);
    expect(ws.getCell(2, 1).border).toBeUndefined();
    expect(ws.getCell(2, 3).border?.left?.style).toBe('thin');
    expect(ws.getCell(2, 4).value).toBe('x');
  });

  it('refuses what a cell cannot hold: NaN, infinities, other types', () => {
    const ws = new Workbook().addSheet('S');
    expect(() => ws.row(1, [Number.NaN])).toThrow(RangeError);
    expect(() => ws.row(1, [Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => ws.row(1, [true as unknown as string])).toThrow(TypeError);
  });

  it('escapes markup and keeps Vietnamese, emoji, quotes, line breaks and edge spaces', async () => {
    const texts = [
      'a & b < c > d "e" \'f\'',
      '</t></si><si><t>injected',
      'Ủy ban nhân dân — Trường Hà, Đắk Lắk',
      'Biên bản 😀 𝔸',
      'dòng 1\ndòng 2',
      '  hai khoảng trắng đầu và cuối  ',
      'CR\r\nLF',
      '&amp; stays literal',
    ];
    const ws = (await read(oneSheet(texts.map((t) => [t])))).worksheets[0]!;
    texts.forEach((t, i) => expect(ws.getCell(i + 1, 1).value).toBe(t));
  });

  it('drops the characters XML cannot carry (controls, lone surrogates, U+FFFE/FFFF), keeping the rest', async () => {
    const dirty = ['a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg', 'x\uD800y\uDFFFz', 'p\uFFFEq\uFFFFr', 'tab\tok'];
    const clean = ['abcdefg', 'xyz', 'pqr', 'tab\tok'];
    const wb = new Workbook({ creator: 'Tác giả\u0001' });
    const ws = wb.addSheet('Bảng\u0002 1');
    dirty.forEach((t, i) => ws.row(i + 1, [t]));
    const back = await read(wb.toBuffer());
    expect(back.worksheets[0]!.name).toBe('Bảng 1');
    expect(back.creator).toBe('Tác giả');
    clean.forEach((t, i) => expect(back.worksheets[0]!.getCell(i + 1, 1).value).toBe(t));
  });

  it('any string reads back as itself without the characters XML forbids', async () => {
    const xs = fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), 300);
    const ws = (await read(oneSheet(xs.map((x) => [x])))).worksheets[0]!;
    const allowed = /[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
    xs.forEach((x, i) => {
      const expected = [...x].filter((ch) => allowed.test(ch)).join('');
      // A string that is empty once cleaned is still written (as ''), as exceljs writes ''.
      expect(ws.getCell(i + 1, 1).value).toBe(expected);
    });
  });

  it('stores each distinct text once in the shared-string table', () => {
    const sst = unzip(
      oneSheet([
        ['a', 'b', 'a'],
        ['a', 'c'],
      ]),
    )
      .get('xl/sharedStrings.xml')!
      .toString('utf8');
    expect(sst).toContain('count="5" uniqueCount="3"');
    expect(sst.match(/<si>/g)).toHaveLength(3);
  });

  it('cuts text to the 32,767 characters Excel allows, never leaving half a surrogate pair', async () => {
    const long = 'x'.repeat(MAX_TEXT - 1) + '😀' + 'tail';
    const ws = (await read(oneSheet([[long], ['y'.repeat(MAX_TEXT)]]))).worksheets[0]!;
    expect(ws.getCell(1, 1).value).toBe('x'.repeat(MAX_TEXT - 1));
    expect(ws.getCell(2, 1).value).toBe('y'.repeat(MAX_TEXT));
  });

  it('names columns as Excel does, up to XFD', () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(() => columnName(0)).toThrow(RangeError);
    expect(() => columnName(16385)).toThrow(RangeError);
  });
});

describe('rows, sheets and merges', () => {
  it('writes rows in order only, skipping rows leaves them empty', async () => {
    const wb = new Workbook();
    const ws = wb.addSheet('S');
    ws.row(2, ['two']);
    ws.row(5, ['five']);
    expect(() => ws.row(5, ['again'])).toThrow(RangeError);
    expect(() => ws.row(3, ['back'])).toThrow(RangeError);
    expect(() => ws.row(0, ['zero'])).toThrow(RangeError);
    expect(ws.rowCount).toBe(5);
    const back = (await read(wb.toBuffer())).worksheets[0]!;
    expect([1, 2, 3, 4, 5].map((r) => back.getCell(r, 1).value)).toEqual([null, 'two', null, null, 'five']);
  });

  it('merges ranges (the top-left cell holds the value) and refuses overlapping ones', async () => {
    const wb = new Workbook();
    const ws = wb.addSheet('S');
    ws.merge(1, 1, 1, 7);
    ws.merge(2, 1, 3, 1);
    ws.merge(2, 3, 2, 4);
    expect(() => ws.merge(1, 7, 2, 8)).toThrow(/overlaps A1:G1/);
    expect(() => ws.merge(3, 1, 3, 2)).toThrow(/overlaps A2:A3/);
    expect(() => ws.merge(2, 4, 1, 3)).toThrow(RangeError);
    ws.merge(4, 4, 4, 4); // one cell: nothing to merge
    ws.row(1, ['Tiêu đề']);
    ws.row(2, ['Số TT', null, 'Tổng điểm', null]);
    const back = (await read(wb.toBuffer())).worksheets[0]!;
    expect([...back.model.merges].sort()).toEqual(['A1:G1', 'A2:A3', 'C2:D2']);
    expect(back.getCell('G1').master.address).toBe('A1');
    expect(back.getCell('G1').value).toBe('Tiêu đề');
    expect(back.getCell('A3').master.address).toBe('A2');
    expect(back.getCell('D2').master.address).toBe('C2');
  });

  it('several sheets, in order, with names as Excel allows them', async () => {
    const wb = new Workbook();
    wb.addSheet('Tổng hợp').row(1, [1]);
    wb.addSheet('Huyện Đại Từ & "Phú Lương"').row(1, [2]);
    wb.addSheet('So sánh 2024');
    expect(() => wb.addSheet('tổng HỢP')).toThrow(/already/);
    expect(() => wb.addSheet('x'.repeat(32))).toThrow(RangeError);
    expect(() => wb.addSheet('')).toThrow(RangeError);
    for (const bad of ['a/b', 'a\\b', 'a?', 'a*', 'a[1]', 'a:b', "'quoted'"]) expect(() => wb.addSheet(bad)).toThrow(RangeError);
    const back = await read(wb.toBuffer());
    expect(back.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Huyện Đại Từ & "Phú Lương"', 'So sánh 2024']);
    expect(back.worksheets.map((w) => w.getCell(1, 1).value)).toEqual([1, 2, null]);
    expect(() => new Workbook().toBuffer()).toThrow(/at least one sheet/);
  });

  it('a 10,000-row sheet beside a second sheet reads back cell for cell', async () => {
    const ROWS = 10_000;
    const wb = new Workbook({ creator: 'CCHC Index' });
    const num = wb.style({ numFmt: '0.00', border: 'thin' });
    const ws = wb.addSheet('Phụ lục II');
    const rowOf = (i: number): CellInput[] => [
      i,
      `UBND xã Thử nghiệm ${i % 997}`,
      { v: ((i * 7) % 10001) / 100, s: num },
      i % 3 === 0 ? null : { v: ((i * 13) % 10001) / 100, s: num },
      i % 5 === 0 ? 'Chưa thẩm định' : 'Tốt',
      i % 11 === 0 ? 'Nộp quá hạn; Chỉ số: 80,25' : '',
    ];
    for (let i = 1; i <= ROWS; i++) ws.row(i, rowOf(i));
    wb.addSheet('Khác').row(1, ['cuối']);
    const back = await read(wb.toBuffer());
    const s = back.worksheets[0]!;
    expect(s.rowCount).toBe(ROWS);
    for (let i = 1; i <= ROWS; i++) {
      const expected = rowOf(i).map((c) => (c !== null && typeof c === 'object' ? c.v : c));
      expect([1, 2, 3, 4, 5, 6].map((c) => s.getCell(i, c).value)).toEqual(expected);
    }
    expect(s.getCell(ROWS, 3).numFmt).toBe('0.00');
    expect(back.worksheets[1]!.getCell(1, 1).value).toBe('cuối');
    expect(back.creator).toBe('CCHC Index');
  });
});

describe('formats and page setup', () => {
  it('fonts, alignment, borders, fills and number formats reach the cells', async () => {
    const wb = new Workbook();
    const head = wb.style({
      font: { name: 'Times New Roman', size: 12, bold: true },
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      border: 'thin',
      fill: 'FFD9D9D9',
    });
    const note = wb.style({ font: { name: 'Times New Roman', size: 10, italic: true }, alignment: { horizontal: 'left' } });
    const two = wb.style({ numFmt: '0.00', alignment: { horizontal: 'right' } });
    const three = wb.style({ numFmt: '#,##0.000' });
    // The same style twice is one id.
    expect(wb.style({ numFmt: '0.00', alignment: { horizontal: 'right' } })).toBe(two);
    expect(wb.style({})).toBe(0);
    expect(new Set([head, note, two, three]).size).toBe(4);
    const ws = wb.addSheet('S');
    ws.row(1, [
      { v: 'Số TT', s: head },
      { v: 'ghi chú', s: note },
      { v: 95.5, s: two },
      { v: 1234.5, s: three },
    ]);
    ws.row(2, ['a', 'b'], { s: note });
    expect(() => ws.row(3, [{ v: 1, s: 99 }])).toThrow(/unknown style/);
    const back = (await read(wb.toBuffer())).worksheets[0]!;
    const a1 = back.getCell('A1');
    expect(a1.font).toMatchObject({ name: 'Times New Roman', size: 12, bold: true });
    expect(a1.font.italic).toBeFalsy();
    expect(a1.alignment).toEqual({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(a1.border).toMatchObject({
      top: { style: 'thin' },
      left: { style: 'thin' },
      bottom: { style: 'thin' },
      right: { style: 'thin' },
    });
    expect(a1.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } });
    expect(back.getCell('B1').font).toMatchObject({ size: 10, italic: true });
    expect(back.getCell('B1').font.bold).toBeFalsy();
    expect(back.getCell('B1').alignment).toEqual({ horizontal: 'left' });
    expect(back.getCell('C1').numFmt).toBe('0.00');
    expect(back.getCell('C1').alignment).toEqual({ horizontal: 'right' });
    expect(back.getCell('D1').numFmt).toBe('#,##0.000');
    expect([back.getCell('A2').font.italic, back.getCell('B2').font.italic]).toEqual([true, true]);
  });

  it('row formats and heights, column widths, frozen rows, A4 page setup and the footer', async () => {
    const wb = new Workbook();
    const bold = wb.style({ font: { name: 'Times New Roman', size: 12, bold: true } });
    const ws = wb.addSheet('S', {
      columns: [7, 34, undefined, 13],
      freeze: { rows: 8 },
      page: {
        paperSize: 9,
        orientation: 'landscape',
        fitToWidth: 1,
        fitToHeight: 0,
        margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
        horizontalCentered: true,
      },
      footer: '&CTrang &P/&N',
    });
    ws.row(1, ['x'], { rowStyle: bold, height: 30 });
    const other = wb.addSheet('T', { freeze: { rows: 2, columns: 1 } });
    other.row(1, ['y']);
    const back = await read(wb.toBuffer());
    const s = back.worksheets[0]!;
    expect(s.getRow(1).font).toMatchObject({ bold: true, size: 12 });
    expect(s.getRow(1).height).toBe(30);
    expect([1, 2, 3, 4].map((c) => s.getColumn(c).width)).toEqual([7, 34, undefined, 13]);
    expect(s.views).toEqual([expect.objectContaining({ state: 'frozen', ySplit: 8, xSplit: 0, topLeftCell: 'A9' })]);
    expect(back.worksheets[1]!.views).toEqual([
      expect.objectContaining({ state: 'frozen', ySplit: 2, xSplit: 1, topLeftCell: 'B3' }),
    ]);
    expect(s.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    });
    expect(s.headerFooter.oddFooter).toBe('&CTrang &P/&N');
    // Without page options: no fit-to-page, no footer.
    expect(back.worksheets[1]!.pageSetup.fitToPage).toBeFalsy();
    expect(back.worksheets[1]!.headerFooter?.oddFooter).toBeFalsy();
  });

  it('refuses formats Excel would reject', () => {
    const wb = new Workbook();
    expect(() => wb.style({ fill: 'red' })).toThrow(RangeError);
    expect(() => wb.style({ font: { size: 0 } })).toThrow(RangeError);
    expect(() => wb.addSheet('S').row(1, ['x'], { height: 500 })).toThrow(RangeError);
    expect(() => wb.addSheet('W', { columns: [300] })).toThrow(RangeError);
    expect(() => wb.addSheet('F', { freeze: { rows: -2 } })).toThrow(RangeError);
  });
});
