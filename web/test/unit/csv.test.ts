/**
 * The CSV files of the result screens: their names, columns and cells (vi-VN numbers, labels in
 * Vietnamese, provisional ranks shown as "—"), and the bytes Excel reads (BOM, CRLF, quoted numbers).
 */
import { describe, expect, it } from 'vitest';
import {
  areaCsv,
  classCsv,
  consolidatedCsv,
  kindsWord,
  progressCsv,
  rankingCsv,
  valueOr,
  weaknessCsv,
  yearCsv,
  type YearColumn,
} from '../../src/lib/csv';
import { toCsv } from '../../src/lib/download';
import type { ConsolidatedRow, DistrictProgress, RankingRow } from '../../src/lib/results';

const row = (over: Partial<RankingRow>): RankingRow => ({
  rank: 1,
  block: 'all',
  appraisingUnitId: 'd1',
  unitId: 'u1',
  unitName: 'Xã Phú Đình',
  unitKind: 'xa',
  status: 'APPRAISED',
  statusLabel: 'Đã thẩm định',
  late: false,
  self: { points: 90.5, index: 90.5, main: 90.5, bonus: 0, penalty: 0, percent: 90.5 },
  appraised: { points: 88.25, index: 88.25, main: 88.25, bonus: 0, penalty: 0, percent: 88.25 },
  class: 'tot',
  ...over,
});
const label = (c: string) => ({ tot: 'Tốt', kha: 'Khá' })[c] ?? c;

describe('rankingCsv', () => {
  it('writes a district ranking with ranks, appraised totals and classes only for appraised communes', () => {
    const f = rankingCsv(
      'Huyện Định Hóa',
      2026,
      [row({}), row({ unitId: 'u2', unitName: 'Xã Bảo Linh', status: 'IN_APPRAISAL', rank: null, class: null })],
      label,
    );
    expect(f.name).toBe('Xep-hang_Huyen-Dinh-Hoa_2026.csv');
    expect(f.header[0]).toBe('Xếp hạng');
    expect(f.header).toHaveLength(9);
    expect(f.rows[0]).toEqual([
      '1',
      'Xã Phú Đình',
      'Xã',
      { num: '90,50' },
      { num: '90,50' },
      { num: '88,25' },
      { num: '88,25' },
      'Tốt',
      'Đã thẩm định',
    ]);
    // A commune still in appraisal: no rank, its partial appraisal not written as a result, no class.
    expect(f.rows[1]).toEqual([
      '—',
      'Xã Bảo Linh',
      'Xã',
      { num: '90,50' },
      { num: '90,50' },
      '',
      '',
      'Chưa thẩm định',
      'Đang thẩm định',
    ]);
  });

  it('leaves the class out when the framework is unknown', () => {
    expect(rankingCsv('X', 'c1', [row({})], undefined).rows[0]![7]).toBe('');
  });
});

describe('consolidatedCsv', () => {
  it('writes both ranks, the district and the class label', () => {
    const r: ConsolidatedRow = {
      ...row({}),
      rank: 3,
      class: 'tot',
      districtRank: 2,
      districtId: 'd1',
      districtName: 'Huyện Định Hóa',
    };
    const f = consolidatedCsv('Xep-hang_Toan-tinh_2026.csv', [r], label);
    expect(f.name).toBe('Xep-hang_Toan-tinh_2026.csv');
    expect(f.rows).toEqual([
      [3, 2, 'Xã Phú Đình', 'Xã', 'Huyện Định Hóa', { num: '90,50' }, { num: '88,25' }, { num: '88,25' }, 'Tốt'],
    ]);
  });
});

describe('a province-level cycle in the words of 2025 (issue 21 item 12)', () => {
  const r: ConsolidatedRow = {
    ...row({}),
    rank: 1,
    class: 'tot',
    districtRank: 1,
    districtId: 'thai-nguyen',
    districtName: 'Tỉnh Thái Nguyên',
    formerDistrictId: 'cho-moi',
  };
  const former = { label: 'Huyện cũ', name: () => 'Huyện Chợ Mới' };
  const progress: DistrictProgress = {
    id: 'thai-nguyen',
    name: 'Tỉnh Thái Nguyên',
    rankingStatus: 'OPEN',
    communes: 92,
    submitted: 3,
    appraised: 0,
    approved: 0,
    published: 0,
    reported: 0,
    averageIndex: null,
    decisionNumber: null,
    decisionDate: null,
  };
  /** A header naming a district-era unit or a rank within a district, or a thị trấn. */
  const districtEra = (header: string[]) => header.filter((h) => /cấp huyện|trong huyện|thị trấn|báo cáo/i.test(h));

  it('the consolidated CSV: ranks within the blocks, the former district by name, no district column or rank', () => {
    const f = consolidatedCsv('x.csv', [r], label, { column: former, blocks: 2 });
    expect(districtEra(f.header)).toEqual([]);
    expect(f.header.slice(0, 4)).toEqual(['Hạng trong khối', 'Đơn vị cấp xã', 'Loại', 'Huyện cũ']);
    expect(f.rows).toEqual([
      [1, 'Xã Phú Đình', 'Xã', 'Huyện Chợ Mới', { num: '90,50' }, { num: '88,25' }, { num: '88,25' }, 'Tốt'],
    ]);
    // One block: a plain rank; no column the screen does not show.
    const one = consolidatedCsv('x.csv', [r], label, { column: null, blocks: 1 });
    expect(one.header.slice(0, 3)).toEqual(['Hạng', 'Đơn vị cấp xã', 'Loại']);
    expect(one.rows[0]).toHaveLength(one.header.length);
  });

  it('the progress CSV: the province as the appraising unit, no report step', () => {
    const f = progressCsv(['Toàn tỉnh', 2026], [progress], true);
    expect(districtEra(f.header)).toEqual([]);
    expect(f.header[0]).toBe('Đơn vị thẩm định');
    expect(f.rows[0]).toHaveLength(f.header.length);
    expect(f.rows[0]).toEqual(['Tỉnh Thái Nguyên', 92, 3, 0, 0, 0, 'Chưa phê duyệt', '']);
    // A district-level cycle keeps its columns.
    expect(districtEra(progressCsv(['x'], [progress]).header)).toEqual(['Đơn vị cấp huyện', 'Đã báo cáo tỉnh']);
  });

  it('the classes CSV names the lines former districts', () => {
    const f = classCsv(['x'], label, [{ id: 'cho-moi', name: 'Huyện Chợ Mới' }], { total: {}, byDistrict: {} }, 'Huyện cũ');
    expect(f.header[0]).toBe('Huyện cũ');
  });

  it('names the kinds of unit a cycle has: no thị trấn after 1/7/2025', () => {
    expect(kindsWord(['phuong', 'xa', 'xa'])).toBe('xã, phường');
    expect(kindsWord(['thi-tran', 'phuong', 'xa'])).toBe('xã, phường, thị trấn');
    expect(kindsWord(['dac-khu', 'xa', 'phuong'])).toBe('xã, phường, đặc khu');
  });
});

describe('the consolidated screen', () => {
  const d: DistrictProgress = {
    id: 'd1',
    name: 'Huyện Định Hóa',
    rankingStatus: 'PUBLISHED',
    communes: 3,
    submitted: 2,
    appraised: 0,
    approved: 0,
    published: 0,
    reported: 0,
    averageIndex: null,
    decisionNumber: null,
    decisionDate: null,
  };

  it('progress: the ranking status in Vietnamese, no average before any appraisal', () => {
    const f = progressCsv(['Toàn tỉnh', 2026], [d, { ...d, id: 'd2', appraised: 2, averageIndex: 81.5 }]);
    expect(f.name).toBe('Tien-do_Toan-tinh_2026.csv');
    expect(f.rows[0]).toEqual(['Huyện Định Hóa', 3, 2, 0, 0, 0, 0, 'Đã công bố', '']);
    expect(f.rows[1]![8]).toEqual({ num: '81,50' });
  });

  it('classes: a line per district and the sum, in the order of the classes', () => {
    const f = classCsv(['x'], label, [{ id: 'd1', name: 'A' }], { total: { tot: 2, kha: 1 }, byDistrict: { d1: { tot: 2 } } });
    expect(f.header).toEqual(['Đơn vị cấp huyện', 'xuat-sac', 'Tốt', 'Khá', 'trung-binh', 'yeu', 'Cộng']);
    expect(f.rows).toEqual([
      ['A', 0, 2, 0, 0, 0, 2],
      ['Cộng', 0, 2, 1, 0, 0, 3],
    ]);
  });

  it('areas: a percentage per area, empty where a district has none', () => {
    const f = areaCsv(
      ['x'],
      [
        { code: 'I', title: 'Chỉ đạo' },
        { code: 'II', title: 'Thể chế' },
      ],
      [{ name: 'A', values: { I: 95.5 } }],
    );
    expect(f.header).toEqual(['Đơn vị', 'I. Chỉ đạo (%)', 'II. Thể chế (%)']);
    expect(f.rows).toEqual([['A', { num: '95,50' }, '']]);
  });

  it('weaknesses: named by the scope', () => {
    const f = weaknessCsv(
      ['Huyện Võ Nhai', 2026],
      [{ code: '1.1', title: 'T', area: 'I', max: 2, communes: 3, averageLost: 0.5, lostPct: 25 }],
    );
    expect(f.name).toBe('Tieu-chi-mat-diem_Huyen-Vo-Nhai_2026.csv');
    expect(f.rows[0]).toEqual(['1.1', 'T', 'I', { num: '2,00' }, 3, { num: '0,50' }, { num: '25,00' }]);
  });

  it('years: a year with no appraised commune has no value (the API says null); a real 0 is a value', () => {
    const years: YearColumn[] = [
      { year: 2025, total: null, byDistrict: { d1: 70 } },
      { year: 2026, total: 80.25, byDistrict: { d1: null } },
    ];
    expect(valueOr(null)).toBeUndefined();
    expect(valueOr(0)).toBe(0);
    const f = yearCsv(['Toàn tỉnh', 2026], 'Toàn tỉnh', years, [{ id: 'd1', name: 'A' }]);
    expect(f.name).toBe('Qua-cac-nam_Toan-tinh_2026.csv');
    expect(f.header).toEqual(['Đơn vị', 'Năm 2025', 'Năm 2026', 'Ghi chú']);
    // An empty year says why (issue 21 item 21: the 2024 cells of Bắc Kạn's former districts were bare).
    expect(f.rows).toEqual([
      ['Toàn tỉnh', '', { num: '80,25' }, 'Không có kết quả thẩm định năm 2025 trên hệ thống'],
      ['A', { num: '70,00' }, '', 'Không có kết quả thẩm định năm 2026 trên hệ thống'],
    ]);
    expect(yearCsv(['Huyện A', 2026], 'Huyện A', years, undefined).rows).toHaveLength(1);
  });
});

describe('toCsv', () => {
  it('writes a BOM, CRLF lines, quoted numbers and formula-looking text as text', () => {
    expect(toCsv(['a', 'b'], [[{ num: '1,5' }, '=SUM(A1)']])).toBe('\uFEFFa,b\r\n"1,5",\'=SUM(A1)\r\n');
  });
});
