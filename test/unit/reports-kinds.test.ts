/**
 * The reports of a framework with a bonus and a penalty group, choice and survey rows, and results in
 * percent (the sample framework, activated): Appendix II and the workbook's district sheets carry the
 * main points, the bonus, the penalty, the final points and the percent; Appendix I shows the chosen
 * options, marks the survey row, and totals main, bonus, penalty and final. Figures are worked out here
 * from the sample's rows, not read from the code under test.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rankAssessments } from '../../shared/analysis.js';
import { newAssessment, type Assessment } from '../../shared/assessment.js';
import { getFramework, registerFramework } from '../../shared/framework-registry.js';
import { sampleFramework2026 } from '../../shared/frameworks/sample.js';
import { appendix1, appendix2, provinceWorkbook } from '../../functions/lib/reports.js';

registerFramework({ ...sampleFramework2026(), status: 'active' });
const fw = getFramework('mau-2026')!;

/**
 * Every main row at its maximum except 1.1.1 ("Ban hành chậm", 0,5 of 1) and the survey row 4.2.5 (0,5
 * of its maximum, by the survey); bonus T.1 Đạt (2) and T.2 2 points (4, capped at 3); penalty P.1 Đạt (3).
 */
function sample(id: string, name: string): Assessment {
  const a: Assessment = {
    ...newAssessment(
      { cycleId: '2034', unitId: id, unitName: name, unitKind: 'xa', districtId: 'd', provinceId: 'p', frameworkId: fw.id },
      '2034-01-01T00:00:00Z',
    ),
    status: 'PUBLISHED',
  };
  for (const leaf of fw.leaves) a.rows[leaf.code] = { self: leaf.max, appraised: leaf.max };
  a.rows['1.1.1'] = { self: 50, appraised: 50 };
  const survey = fw.byCode.get('4.2.5')!;
  a.rows['4.2.5'] = { self: survey.max - 50, appraised: survey.max - 50 };
  a.rows['P.2'] = { self: null, appraised: null };
  return a;
}

// Main: 100 − 0,5 (1.1.1) − 0,5 (4.2.5) = 99; bonus 2 + 2 = 4 → cap 3; penalty 3 (P.1), P.2 unscored.
const MAIN = 99;
const FINAL = 99 + 3 - 3;

async function read(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const headerOf = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

describe('Appendix II of a framework with bonus, penalty and percent', async () => {
  const rows = rankAssessments(fw, [sample('a', 'Xã Phúc Xuân')]);
  const ws = (
    await read(
      await appendix2(fw, {
        provinceName: 'Tỉnh Thái Nguyên',
        districtName: 'Huyện Đại Từ',
        year: 2034,
        rows,
        rankingStatus: 'Đã công bố',
      }),
    )
  ).worksheets[0]!;

  it('columns for the main points, the bonus, the penalty, the final points, and the figure as "Tỷ lệ (%)"', () => {
    expect(headerOf(ws, 7)).toEqual([
      'Số TT',
      'Đơn vị cấp xã',
      // exceljs reads each cell of a merge as its first's value.
      ...Array(5).fill('Tổng điểm đạt được'),
      'Tỷ lệ (%)',
      'Xếp hạng',
      'Xếp loại',
      'Ghi chú',
    ]);
    expect(headerOf(ws, 8).slice(2, 7)).toEqual([
      'Điểm tự chấm',
      'Điểm các tiêu chí',
      'Điểm thưởng',
      'Điểm trừ',
      'Điểm thẩm định (cuối cùng)',
    ]);
    expect(ws.model.merges).toContain('C7:G7');
    expect(headerOf(ws, 9).slice(0, 10)).toEqual([1, 'UBND xã Phúc Xuân', FINAL, MAIN, 3, 3, FINAL, FINAL, 1, 'Xuất sắc']);
    for (const c of ['C9', 'D9', 'E9', 'F9', 'G9', 'H9']) expect(ws.getCell(c).numFmt).toBe('0.00');
  });

  it('says how the final points are made, with the caps', () => {
    const notes = ws.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    expect(notes).toContain(
      'Điểm thẩm định cuối cùng = điểm các tiêu chí + điểm thưởng (tính tối đa 3 điểm) − điểm trừ (tính tối đa 5 điểm).',
    );
  });

  it('the workbook: the same columns on each district’s sheet, the average in percent on the summary', async () => {
    const wb = await read(
      await provinceWorkbook(fw, {
        provinceName: 'Tỉnh Thái Nguyên',
        year: 2034,
        districts: [{ id: 'd', name: 'Huyện Đại Từ', rankingStatus: 'Đã công bố', rows }],
      }),
    );
    const sum = wb.worksheets[0]!;
    expect(sum.getCell('E4').value).toBe('Tỷ lệ bình quân (%)');
    expect(sum.getCell('E5').value).toBe(FINAL);
    expect(headerOf(wb.worksheets[1]!, 8).slice(2, 7)).toEqual(headerOf(ws, 8).slice(2, 7));
  });
});

describe('Appendix I of a framework with choice, survey, bonus and penalty rows', async () => {
  const ws = (
    await read(
      await appendix1(fw, sample('a', 'Xã Phúc Xuân'), {
        provinceName: 'Tỉnh Thái Nguyên',
        districtName: 'Huyện Đại Từ',
        year: 2034,
      }),
    )
  ).worksheets[0]!;
  const rowOf = (code: string) => 7 + fw.rows.findIndex((r) => r.code === code);

  it('a choice row says the option each side chose; a survey row is marked', () => {
    expect(ws.getCell(`B${rowOf('1.1.1')}`).value).toBe(
      `${fw.byCode.get('1.1.1')!.title}\n(Kết quả tự đánh giá: Ban hành chậm; thẩm định: Ban hành chậm)`,
    );
    expect(ws.getCell(`B${rowOf('T.1')}`).value).toMatch(/\(Kết quả tự đánh giá: Đạt; thẩm định: Đạt\)$/);
    expect(ws.getCell(`B${rowOf('4.2.5')}`).value).toBe(`${fw.byCode.get('4.2.5')!.title}\n(Điểm lấy từ điều tra xã hội học)`);
  });

  it('the bonus and penalty sections after the main criteria, with their caps, and no achievement %', () => {
    const lastMain = Math.max(...fw.rows.filter((r) => !['T', 'P'].includes(r.area)).map((r) => rowOf(r.code)));
    expect(rowOf('T')).toBe(lastMain + 1);
    expect(ws.getCell(`B${rowOf('T')}`).value).toBe('Điểm thưởng (tính tối đa 3 điểm)');
    expect(ws.getCell(`B${rowOf('P')}`).value).toBe('Điểm trừ (tính tối đa 5 điểm)');
    expect(ws.getCell(`F${rowOf('T.1')}`).value).toBe('');
  });

  it('totals: main, bonus (capped), penalty, final, then the percent', () => {
    const t = 7 + fw.rows.length;
    const line = (r: number) => [ws.getCell(`B${r}`).value, ws.getCell(`D${r}`).value, ws.getCell(`E${r}`).value];
    expect(line(t)).toEqual(['ĐIỂM CÁC TIÊU CHÍ', MAIN, MAIN]);
    expect(line(t + 1)).toEqual(['ĐIỂM THƯỞNG (tính tối đa 3 điểm)', 3, 3]);
    expect(line(t + 2)).toEqual(['ĐIỂM TRỪ (tính tối đa 5 điểm)', 3, 3]);
    expect(line(t + 3)).toEqual(['TỔNG ĐIỂM (CUỐI CÙNG)', FINAL, FINAL]);
    expect(line(t + 4)).toEqual(['TỶ LỆ ĐẠT ĐƯỢC (%)', FINAL, FINAL]);
  });
});
