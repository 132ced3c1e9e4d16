/**
 * How the reports look on the page (functions/lib/reports.ts), read back with exceljs: what the
 * integration tests do not check (fonts, borders, alignment, number formats, widths, frozen header,
 * print setup). The values are the layout the decision's templates ask for.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rankAssessments } from '../../shared/analysis.js';
import { newAssessment, type Assessment } from '../../shared/assessment.js';
import { getFramework } from '../../shared/framework-registry.js';
import type { AssessmentStatus } from '../../shared/lifecycle.js';
import { appendix1, appendix2, provinceWorkbook } from '../../functions/lib/reports.js';
import { rankRule } from '../../shared/ranking.js';

const fw = getFramework('thai-nguyen-4203-2021')!;

function assessment(id: string, name: string, status: AssessmentStatus, points: (max: number) => number): Assessment {
  const a: Assessment = {
    ...newAssessment(
      { cycleId: '2026', unitId: id, unitName: name, unitKind: 'xa', districtId: 'd', provinceId: 'p', frameworkId: fw.id },
      '2026-01-01T00:00:00Z',
    ),
    status,
  };
  for (const leaf of fw.leaves) a.rows[leaf.code] = { self: points(leaf.max), appraised: points(leaf.max) };
  return a;
}

const list = [
  assessment('a', 'Xã Phúc Xuân', 'PUBLISHED', (m) => m),
  assessment('b', 'Xã Tân Cương', 'PUBLISHED', (m) => Math.floor(m / 50) * 25),
  assessment('c', 'Xã La Hiên', 'DRAFT', () => 0),
];

async function read(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const BORDER = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const A4 = { paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true };

describe('Appendix II on the page', async () => {
  const ws = (
    await read(
      await appendix2(fw, {
        provinceName: 'Tỉnh Thái Nguyên',
        districtName: 'Huyện Đại Từ',
        year: 2026,
        rows: rankAssessments(fw, list),
        rankingStatus: 'Đã công bố',
      }),
    )
  ).worksheets[0]!;

  it('titles merged across the eight columns, bold then italic, centred, in Times New Roman', () => {
    for (const r of [1, 2, 3, 4, 5]) expect(ws.model.merges).toContain(`A${r}:H${r}`);
    expect(ws.getCell('A1').value).toBe('UBND HUYỆN ĐẠI TỪ');
    expect(ws.getCell('A1').font).toMatchObject({ name: 'Times New Roman', size: 12, bold: true });
    expect(ws.getCell('A4').font).toMatchObject({ name: 'Times New Roman', size: 12, italic: true });
    expect(ws.getCell('A5').font).toMatchObject({ size: 11, italic: true });
    expect(ws.getCell('A1').alignment).toEqual({ horizontal: 'center', vertical: 'middle', wrapText: true });
  });

  it('a bordered table: bold centred header over two rows, points with two decimals on the right', () => {
    for (const a of ['A7', 'D7', 'H8', 'C8']) {
      expect(ws.getCell(a).border).toMatchObject(BORDER);
      expect(ws.getCell(a).font).toMatchObject({ name: 'Times New Roman', size: 12, bold: true });
      expect(ws.getCell(a).alignment).toMatchObject({ horizontal: 'center', vertical: 'middle' });
    }
    // First commune: Phúc Xuân, 100 points self and appraised.
    expect([ws.getCell('A9').value, ws.getCell('C9').value, ws.getCell('D9').value]).toEqual([1, 100, 100]);
    for (const a of ['C9', 'D9']) {
      expect(ws.getCell(a).numFmt).toBe('0.00');
      expect(ws.getCell(a).alignment.horizontal).toBe('right');
    }
    expect(ws.getCell('B9').alignment.horizontal).toBe('left');
    expect(ws.getCell('B9').font.bold).toBeFalsy();
    expect(ws.getCell('B9').border).toMatchObject(BORDER);
    // A draft commune: no points, a bordered empty cell; its class reads "Chưa thẩm định".
    expect(ws.getCell('B11').value).toBe('UBND xã La Hiên');
    expect(ws.getCell('C11').value).toBeNull();
    expect(ws.getCell('C11').border).toMatchObject(BORDER);
    expect(ws.getCell('G11').value).toBe('Chưa thẩm định');
  });

  it('notes under the table, left-aligned and small; header frozen; widths; A4 portrait with page numbers', () => {
    expect(ws.model.merges).toContain('A13:H13');
    expect(ws.getCell('A13').font).toMatchObject({ size: 10, italic: true });
    expect(ws.getCell('A13').alignment).toEqual({ horizontal: 'left', wrapText: true });
    expect(String(ws.getCell('A14').value)).toContain('Trạng thái bảng xếp hạng: Đã công bố.');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 8 });
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => ws.getColumn(c).width)).toEqual([7, 32, 12, 12, 11, 9, 12, 16]);
    expect(ws.pageSetup).toMatchObject({ ...A4, orientation: 'portrait' });
    expect(ws.pageSetup.margins).toEqual({ left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 });
    expect(ws.headerFooter.oddFooter).toBe('&CTrang &P/&N');
  });
});

describe('Appendix I and the province workbook on the page', () => {
  it('Appendix I: landscape, areas and totals bold, criteria not, every figure two decimals', async () => {
    const ws = (
      await read(await appendix1(fw, list[0]!, { provinceName: 'Tỉnh Thái Nguyên', districtName: 'Huyện Đại Từ', year: 2026 }))
    ).worksheets[0]!;
    expect(ws.pageSetup).toMatchObject({ ...A4, orientation: 'landscape' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(ws.getCell('A7').value).toBe(fw.rows[0]!.code);
    expect(ws.getCell('B7').font.bold).toBe(true);
    expect(ws.getRow(7).font).toMatchObject({ bold: true });
    expect(ws.getCell('A8').value).toBe(fw.rows[1]!.code);
    expect(fw.rows[1]!.parent).toBeDefined();
    expect(ws.getCell('B8').font.bold).toBeFalsy();
    for (const c of ['C', 'D', 'E', 'F']) expect(ws.getCell(`${c}8`).numFmt).toBe('0.00');
    const total = 7 + fw.rows.length;
    expect(ws.getCell(`B${total}`).value).toBe('TỔNG ĐIỂM');
    expect(ws.getCell(`B${total}`).font.bold).toBe(true);
    expect(ws.getCell(`D${total}`).value).toBe(100);
  });

  it('the workbook: a landscape summary, then each district’s Appendix II sheet', async () => {
    const wb = await read(
      await provinceWorkbook(fw, {
        provinceName: 'Tỉnh Thái Nguyên',
        year: 2026,
        districts: [{ id: 'd', name: 'Huyện Đại Từ', rankingStatus: 'Đã công bố', rows: rankAssessments(fw, list) }],
      }),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Huyện Đại Từ']);
    const sum = wb.worksheets[0]!;
    expect(sum.pageSetup).toMatchObject({ ...A4, orientation: 'landscape' });
    expect(sum.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sum.getCell('B4').font.bold).toBe(true);
    // 3 communes, 2 appraised, their mean index (100 and about 50).
    expect([sum.getCell('C5').value, sum.getCell('D5').value]).toEqual([3, 2]);
    expect(sum.getCell('E5').numFmt).toBe('0.00');
    expect(sum.getCell('E5').alignment.horizontal).toBe('right');
    expect(wb.worksheets[1]!.getCell('A2').value).toBe('PHỤ LỤC II');
  });
});

// ---- issue 21: the rank rule, the "Chỉ số" column, the decision, Appendix I's applicable maxima ----

/** 1.8 (1 point: 1.8.1 and 1.8.2, 0,5 each) with 1.8.1 not applicable, every other row at its maximum. */
function withNa181(status: AssessmentStatus): Assessment {
  const a = assessment('n', 'Xã Tức Tranh', status, (m) => m);
  a.rows['1.8.1'] = { self: null, appraised: null, notApplicable: true };
  return a;
}

describe('Appendix II: ranks by the index, said so; the index beside the points; the decision recorded at approval', () => {
  const rows = rankAssessments(fw, [withNa181('APPROVED'), list[1]!]);
  const sheet = async (decision?: { number?: string; date?: string }) =>
    (
      await read(
        await appendix2(fw, {
          provinceName: 'Tỉnh Thái Nguyên',
          districtName: 'Huyện Đại Từ',
          year: 2026,
          rows,
          rankingStatus: 'Đã phê duyệt',
          ...(decision ? { decision } : {}),
        }),
      )
    ).worksheets[0]!;

  it('a "Chỉ số" column: the appraised index (two decimals), which is what the rank follows', async () => {
    const ws = await sheet();
    expect(ws.getCell('E7').value).toBe('Chỉ số');
    expect(ws.model.merges).toContain('E7:E8');
    expect(ws.getCell('F7').value).toBe('Xếp hạng');
    // Tức Tranh: 99,5 of an applicable 99,5 → index 100 (its points are not 100).
    expect([ws.getCell('B9').value, ws.getCell('D9').value, ws.getCell('E9').value, ws.getCell('F9').value]).toEqual([
      'UBND xã Tức Tranh',
      99.5,
      100,
      1,
    ]);
    expect(ws.getCell('E9').numFmt).toBe('0.00');
    expect(ws.getCell('E10').value).toBe(rows[1]!.appraised.index / 100);
  });

  it('the note under the table states the rule the ranks follow (rankRule), not "theo điểm thẩm định"', async () => {
    const ws = await sheet();
    const notes = ws.getColumn(1).values.map(String);
    expect(notes.some((v) => v.includes(rankRule(fw)))).toBe(true);
    expect(notes.some((v) => /Xếp hạng theo điểm thẩm định/.test(v))).toBe(false);
  });

  it('heads the table with the decision recorded at approval, or leaves the template’s blanks', async () => {
    expect((await sheet({ number: '125', date: '2027-01-15' })).getCell('A5').value).toBe(
      '(Kèm theo Quyết định số 125/QĐ-UBND ngày 15/01/2027 của Chủ tịch UBND huyện Đại Từ)',
    );
    expect((await sheet()).getCell('A5').value).toBe(
      '(Kèm theo Quyết định số ……/QĐ-UBND ngày …/…/2027 của Chủ tịch UBND huyện Đại Từ)',
    );
  });
});

describe('Appendix I: a row with parts not applicable shows its applicable maximum, the one its % divides by', () => {
  const rowOf = (ws: ExcelJS.Worksheet, code: string) => ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(1).value === code)!;

  it('1.8 with 1.8.1 not applicable: maximum 0,5 beside 0,5 points and 100 %, marked (*) and explained under the table', async () => {
    const ws = (
      await read(
        await appendix1(fw, withNa181('APPRAISED'), {
          provinceName: 'Tỉnh Thái Nguyên',
          districtName: 'Huyện Đại Từ',
          year: 2026,
        }),
      )
    ).worksheets[0]!;
    const r18 = rowOf(ws, '1.8');
    expect([r18.getCell(3).value, r18.getCell(5).value, r18.getCell(6).value]).toEqual([0.5, 0.5, 100]);
    expect(String(r18.getCell(2).value)).toMatch(/\(\*\)$/);
    // The % is points over the maximum shown, on every row (areas included).
    for (const r of ws.getRows(7, fw.rows.length)!) {
      const [max, appraised, pct] = [r.getCell(3).value, r.getCell(5).value, r.getCell(6).value];
      if (typeof max === 'number' && typeof appraised === 'number' && max > 0)
        expect(pct).toBe(Math.round((appraised / max) * 10000) / 100);
    }
    expect(rowOf(ws, 'I').getCell(3).value).toBe(9.5);
    const notes = ws.getColumn(1).values.map(String);
    expect(notes.some((v) => v.startsWith('(*) Điểm tối đa áp dụng') && v.includes('1.8: 1,00') && v.includes('I: 10,00'))).toBe(
      true,
    );
    // A not-applicable leaf keeps its own maximum beside "Không áp dụng".
    expect([rowOf(ws, '1.8.1').getCell(3).value, rowOf(ws, '1.8.1').getCell(4).value]).toEqual([0.5, 'Không áp dụng']);
  });

  it('names the province once in a province-level cycle ("Tỉnh Thái Nguyên", never twice)', async () => {
    const meta = { provinceName: 'Tỉnh Thái Nguyên', districtName: 'Tỉnh Thái Nguyên', year: 2026 };
    const ws = (await read(await appendix1(fw, list[0]!, { ...meta, appraisingLevel: 'province' }))).worksheets[0]!;
    expect(String(ws.getCell('A3').value)).toMatch(/^Năm 2026 — Tỉnh Thái Nguyên — Trạng thái: /);
    const district = (await read(await appendix1(fw, list[0]!, { ...meta, districtName: 'Huyện Đại Từ' }))).worksheets[0]!;
    expect(String(district.getCell('A3').value)).toMatch(/^Năm 2026 — Huyện Đại Từ, Tỉnh Thái Nguyên — /);
  });
});
