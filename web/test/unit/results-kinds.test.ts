/**
 * Results of a framework with bonus and penalty groups published in percent (issue 22 item 5): the CSV
 * columns the ranking and consolidated screens write, the year-over-year notes when an earlier cycle ran
 * another framework (per-area comparison only where the areas match by code and title).
 */
import { describe, expect, it } from 'vitest';
import { consolidatedCsv, rankingCsv, sideColumns, yearCsv } from '../../src/lib/csv';
import {
  areasNotShared,
  figure,
  figureHeader,
  yearComparisonNotes,
  type ConsolidatedRow,
  type RankingRow,
  type ResultsScale,
} from '../../src/lib/results';
import { frameworkFromDocument } from '$shared/frameworks/runtime';
import { sampleFramework2026 } from '$shared/frameworks/sample';
import { decision4203Document } from '$shared/frameworks/from-catalog';

const SAMPLE: ResultsScale = { display: 'percent', bonusCap: 3, penaltyCap: 5 };
const POINTS: ResultsScale = { display: 'points', bonusCap: null, penaltyCap: null };

const side = { points: 97.5, index: 97.5, main: 96, bonus: 3, penalty: 1.5, percent: 97.5 };
const row: RankingRow = {
  rank: 1,
  block: 'all',
  appraisingUnitId: 'd1',
  unitId: 'u1',
  unitName: 'Xã Phú Đình',
  unitKind: 'xa',
  status: 'APPRAISED',
  statusLabel: 'Đã thẩm định',
  late: false,
  self: { ...side, points: 99, index: 99, main: 97, percent: 99 },
  appraised: side,
  class: 'xuat-sac',
};

describe('result columns after the framework', () => {
  it('bonus and penalty columns where the framework has the groups, the figure as "Tỷ lệ (%)"', () => {
    expect(sideColumns(SAMPLE, 'thẩm định').header).toEqual([
      'Điểm các tiêu chí thẩm định',
      'Điểm thưởng thẩm định',
      'Điểm trừ thẩm định',
      'Điểm thẩm định',
      'Tỷ lệ (%) thẩm định',
    ]);
    expect(sideColumns(SAMPLE, '').cells(side)).toEqual([
      { num: '96,00' },
      { num: '3,00' },
      { num: '1,50' },
      { num: '97,50' },
      { num: '97,50' },
    ]);
    expect(sideColumns(POINTS, '').header).toEqual(['Điểm', 'Chỉ số']);
    expect(figureHeader(SAMPLE)).toBe('Tỷ lệ (%)');
    expect(figure(SAMPLE, side)).toBe('97,50%');
    expect(figure(POINTS, side)).toBe('97,50');
  });

  it('the ranking CSV of such a framework: both sides’ parts; the 4203 file keeps its nine columns', () => {
    const f = rankingCsv('Huyện Định Hóa', 2034, [row], () => 'Xuất sắc', SAMPLE);
    expect(f.header).toEqual([
      'Xếp hạng',
      'Đơn vị cấp xã',
      'Loại',
      'Điểm các tiêu chí tự chấm',
      'Điểm thưởng tự chấm',
      'Điểm trừ tự chấm',
      'Điểm tự chấm',
      'Tỷ lệ (%) tự chấm',
      'Điểm các tiêu chí thẩm định',
      'Điểm thưởng thẩm định',
      'Điểm trừ thẩm định',
      'Điểm thẩm định',
      'Tỷ lệ (%) thẩm định',
      'Xếp loại',
      'Trạng thái',
    ]);
    expect(f.rows[0]!.slice(8, 13)).toEqual([
      { num: '96,00' },
      { num: '3,00' },
      { num: '1,50' },
      { num: '97,50' },
      { num: '97,50' },
    ]);
    const waiting = rankingCsv('H', 2034, [{ ...row, status: 'IN_APPRAISAL', rank: null, class: null }], () => '', SAMPLE);
    expect(waiting.rows[0]!.slice(8, 13)).toEqual(['', '', '', '', '']);
    expect(rankingCsv('H', 2034, [row], () => 'Xuất sắc', POINTS).header).toHaveLength(9);
  });

  it('the consolidated CSV: the appraised parts and the percent', () => {
    const c: ConsolidatedRow = {
      ...row,
      rank: 1,
      class: 'xuat-sac',
      districtRank: 1,
      districtId: 'd1',
      districtName: 'Huyện Định Hóa',
    };
    const f = consolidatedCsv('x.csv', [c], () => 'Xuất sắc', undefined, SAMPLE);
    expect(f.header.slice(5)).toEqual([
      'Điểm tự chấm',
      'Điểm các tiêu chí thẩm định',
      'Điểm thưởng thẩm định',
      'Điểm trừ thẩm định',
      'Điểm thẩm định',
      'Tỷ lệ (%) thẩm định',
      'Xếp loại',
    ]);
    expect(f.rows[0]!.slice(5)).toEqual([
      { num: '99,00' },
      { num: '96,00' },
      { num: '3,00' },
      { num: '1,50' },
      { num: '97,50' },
      { num: '97,50' },
      'Xuất sắc',
    ]);
  });
});

describe('year over year across frameworks', () => {
  const f4203 = frameworkFromDocument(decision4203Document());
  const sample = frameworkFromDocument(sampleFramework2026());

  it('the sample keeps 4203’s main areas (code and title): nothing differs, only the figure', () => {
    expect(areasNotShared(sample, f4203)).toEqual([]);
    expect(yearComparisonNotes(sample, 2034, [{ year: 2025, frameworkId: f4203.id, fw: f4203 }])).toEqual([
      'Năm 2025 công bố theo chỉ số (điểm), năm 2034 theo tỷ lệ (%).',
    ]);
  });

  it('an area renamed or added: named, and no per-area comparison', () => {
    const doc = sampleFramework2026();
    doc.sets[0]!.items[1]!.title = 'Lĩnh vực đổi tên (mẫu)';
    const renamed = frameworkFromDocument({ ...doc, id: 'khac', display: 'points' });
    const code = renamed.areas[1]!.code;
    expect(areasNotShared(renamed, f4203)).toEqual([code]);
    const notes = yearComparisonNotes(renamed, 2034, [{ year: 2025, frameworkId: f4203.id, fw: f4203 }]);
    expect(notes).toEqual([
      `Năm 2025 chấm theo “${f4203.title}”: lĩnh vực ${code} không trùng mã và tên với năm 2034, nên không so sánh theo lĩnh vực; chỉ so sánh chỉ số chung.`,
    ]);
    // The same framework, or no earlier cycle: nothing to say.
    expect(yearComparisonNotes(f4203, 2034, [{ year: 2025, frameworkId: f4203.id, fw: f4203 }])).toEqual([]);
    // The notes end the years' CSV.
    const csv = yearCsv(['Toan-tinh', 2034], 'Toàn tỉnh', [{ year: 2034, total: 90, byDistrict: {} }], undefined, notes);
    expect(csv.rows.at(-1)).toEqual([`Ghi chú: ${notes[0]}`]);
  });
});
