/**
 * The CSV files the result screens offer, built from what the page shows: a file name, a header and
 * rows of cells (numbers already in the vi-VN format, see download.ts). Pure, so that the columns are
 * tested without a browser.
 */
import type { Cell } from './download';
import {
  figureHeader,
  figureValue,
  hasBonus,
  hasPenalty,
  idx,
  isAppraised,
  type ResultsScale,
  type Score,
  kindLabel,
  pts,
  type ConsolidatedRow,
  type DistrictProgress,
  type RankingRow,
  type Weakness,
} from './results';
import { CLASS_ORDER } from './charts';
import { rankingStatusLabel, statusLabel } from '$shared/labels';
import type { ClassCode, UnitKind } from '$shared/framework';
import { downloadName } from '$shared/file-names';

export interface CsvFile {
  name: string;
  header: string[];
  rows: Cell[][];
}

/** What a file is about, in the file's name: the scope and the year ("Toàn tỉnh", 2026 → "Toan-tinh_2026"). */
export type FileTag = readonly (string | number)[];

/** What a ranking or a class column says of a commune the council has not finished. */
export const NOT_APPRAISED = 'Chưa thẩm định';

/** A rank the page shows: none while the commune is not appraised yet (the API gives it none). */
export const rankText = (r: { rank: number | null }) => (r.rank === null ? '—' : String(r.rank));

/**
 * A side's result columns after the framework (ranking and results answers' `framework`): the points,
 * then the bonus and the penalty where it has those groups, then the figure it publishes (the index,
 * or the percent under "Tỷ lệ (%)").
 */
export function sideColumns(scale: ResultsScale | undefined, side: string): { header: string[]; cells: (s: Score) => Cell[] } {
  const bonus = hasBonus(scale);
  const penalty = hasPenalty(scale);
  const sideText = side ? ` ${side}` : '';
  return {
    header: [
      ...(bonus || penalty ? [`Điểm các tiêu chí${sideText}`] : []),
      ...(bonus ? [`Điểm thưởng${sideText}`] : []),
      ...(penalty ? [`Điểm trừ${sideText}`] : []),
      `Điểm${sideText}`,
      `${figureHeader(scale)}${sideText}`,
    ],
    cells: (s) => [
      ...(bonus || penalty ? [{ num: pts(s.main) }] : []),
      ...(bonus ? [{ num: pts(s.bonus) }] : []),
      ...(penalty ? [{ num: pts(s.penalty) }] : []),
      { num: pts(s.points) },
      { num: figureValue(scale, s) },
    ],
  };
}

/** Whether a framework's results differ from 4203's columns (bonus, penalty or percent). */
const extended = (scale: ResultsScale | undefined) => hasBonus(scale) || hasPenalty(scale) || scale?.display === 'percent';

/** One district's ranking as its page shows it (ranks among the appraised communes while others are still being appraised). */
export function rankingCsv(
  districtName: string,
  yearOrCycle: number | string,
  rows: RankingRow[],
  classLabel: ((c: ClassCode) => string) | undefined,
  scale?: ResultsScale,
): CsvFile {
  if (extended(scale)) {
    const self = sideColumns(scale, 'tự chấm');
    const ap = sideColumns(scale, 'thẩm định');
    return {
      name: downloadName(['Xep-hang', districtName, yearOrCycle], 'csv'),
      header: ['Xếp hạng', 'Đơn vị cấp xã', 'Loại', ...self.header, ...ap.header, 'Xếp loại', 'Trạng thái'],
      rows: rows.map((r) => {
        const done = isAppraised(r.status) && r.class !== null;
        return [
          rankText(r),
          r.unitName,
          kindLabel[r.unitKind],
          ...self.cells(r.self),
          ...(done ? ap.cells(r.appraised) : ap.header.map(() => '')),
          !done ? NOT_APPRAISED : classLabel ? classLabel(r.class!) : '',
          statusLabel[r.status],
        ];
      }),
    };
  }
  return {
    name: downloadName(['Xep-hang', districtName, yearOrCycle], 'csv'),
    header: [
      'Xếp hạng',
      'Đơn vị cấp xã',
      'Loại',
      'Điểm tự chấm',
      'Chỉ số tự chấm',
      'Điểm thẩm định',
      'Chỉ số thẩm định',
      'Xếp loại',
      'Trạng thái',
    ],
    rows: rows.map((r) => {
      const done = isAppraised(r.status) && r.class !== null;
      return [
        rankText(r),
        r.unitName,
        kindLabel[r.unitKind],
        { num: pts(r.self.points) },
        { num: idx(r.self.index) },
        done ? { num: pts(r.appraised.points) } : '',
        done ? { num: idx(r.appraised.index) } : '',
        !done ? NOT_APPRAISED : classLabel ? classLabel(r.class!) : '',
        statusLabel[r.status],
      ];
    }),
  };
}

/**
 * The kinds of unit a cycle holds, as a heading names them ("xã, phường, thị trấn" in 2024; "xã,
 * phường" since 1/7/2025, when there are no thị trấn): from the units themselves, never a fixed list.
 */
export function kindsWord(kinds: Iterable<UnitKind>): string {
  const have = new Set(kinds);
  const order: [UnitKind, string][] = [
    ['xa', 'xã'],
    ['phuong', 'phường'],
    ['thi-tran', 'thị trấn'],
    ['dac-khu', 'đặc khu'],
    ['department', 'sở, ban, ngành'],
  ];
  return order
    .filter(([k]) => have.has(k))
    .map(([, w]) => w)
    .join(', ');
}

/** The same as a column or caption heading starts it: "Xã, phường". */
export const kindsHeading = (kinds: Iterable<UnitKind>): string => {
  const w = kindsWord(kinds);
  return w.charAt(0).toUpperCase() + w.slice(1);
};

/**
 * A province-level cycle's consolidated ranking: one appraising unit (the province), so no district
 * column and no rank within a district; the column the screen shows instead (the former district) or
 * none; ranks within each ranking block when there are several.
 */
export interface ProvinceColumns {
  column: { label: string; name: (r: ConsolidatedRow) => string } | null;
  blocks: number;
}

/** The consolidated ranking across districts (or the province's, see ProvinceColumns), as filtered on screen. */
export function consolidatedCsv(
  name: string,
  rows: ConsolidatedRow[],
  classLabel: (c: ClassCode) => string,
  province?: ProvinceColumns,
  scale?: ResultsScale,
): CsvFile {
  const ap = sideColumns(scale, 'thẩm định');
  const tail = (r: ConsolidatedRow): Cell[] =>
    extended(scale)
      ? [{ num: pts(r.self.points) }, ...ap.cells(r.appraised), classLabel(r.class)]
      : [{ num: pts(r.self.points) }, { num: pts(r.appraised.points) }, { num: idx(r.appraised.index) }, classLabel(r.class)];
  const tailHeader = extended(scale)
    ? ['Điểm tự chấm', ...ap.header, 'Xếp loại']
    : ['Điểm tự chấm', 'Điểm thẩm định', 'Chỉ số', 'Xếp loại'];
  if (province) {
    const col = province.column;
    return {
      name,
      header: [
        province.blocks > 1 ? 'Hạng trong khối' : 'Hạng',
        'Đơn vị cấp xã',
        'Loại',
        ...(col ? [col.label] : []),
        ...tailHeader,
      ],
      rows: rows.map((r) => [r.rank, r.unitName, kindLabel[r.unitKind], ...(col ? [col.name(r)] : []), ...tail(r)]),
    };
  }
  return {
    name,
    header: ['Hạng toàn tỉnh', 'Hạng trong huyện', 'Đơn vị cấp xã', 'Loại', 'Đơn vị cấp huyện', ...tailHeader],
    rows: rows.map((r) => [r.rank, r.districtRank, r.unitName, kindLabel[r.unitKind], r.districtName, ...tail(r)]),
  };
}

/**
 * Each appraising unit's progress. In a province-level cycle the one line is the province's own
 * (named "Đơn vị thẩm định"), and its ranking ends at publication: no report column.
 */
export function progressCsv(
  fileTag: FileTag,
  districts: DistrictProgress[],
  provinceLevel = false,
  scale?: Pick<ResultsScale, 'display'>,
): CsvFile {
  return {
    name: downloadName(['Tien-do', ...fileTag], 'csv'),
    header: [
      provinceLevel ? 'Đơn vị thẩm định' : 'Đơn vị cấp huyện',
      'Số đơn vị cấp xã',
      'Đã nộp',
      'Đã thẩm định',
      'Đã phê duyệt',
      'Đã công bố',
      ...(provinceLevel ? [] : ['Đã báo cáo tỉnh']),
      'Trạng thái xếp hạng',
      scale?.display === 'percent' ? 'Tỷ lệ bình quân (%)' : 'Chỉ số bình quân',
    ],
    rows: districts.map((d) => [
      d.name,
      d.communes,
      d.submitted,
      d.appraised,
      d.approved,
      d.published,
      ...(provinceLevel ? [] : [d.reported]),
      rankingStatusLabel[d.rankingStatus],
      d.averageIndex === null ? '' : { num: idx(d.averageIndex) },
    ]),
  };
}

type Counts = Partial<Record<ClassCode, number>>;

export function classCsv(
  fileTag: FileTag,
  classLabel: (c: ClassCode) => string,
  districts: { id: string; name: string }[],
  counts: { total: Counts; byDistrict: Record<string, Counts | undefined> },
  /** What the lines are: the districts, or in a province-level cycle the former districts ("Huyện cũ"). */
  unitColumn = 'Đơn vị cấp huyện',
): CsvFile {
  const line = (name: string, o: Counts | undefined): Cell[] => [
    name,
    ...CLASS_ORDER.map((c) => o?.[c] ?? 0),
    CLASS_ORDER.reduce((s, c) => s + (o?.[c] ?? 0), 0),
  ];
  return {
    name: downloadName(['Xep-loai', ...fileTag], 'csv'),
    header: [unitColumn, ...CLASS_ORDER.map(classLabel), 'Cộng'],
    rows: [...districts.map((d) => line(d.name, counts.byDistrict[d.id])), line('Cộng', counts.total)],
  };
}

export function areaCsv(
  fileTag: FileTag,
  areas: { code: string; title: string }[],
  rows: { name: string; values?: Record<string, number> }[],
): CsvFile {
  return {
    name: downloadName(['Ty-le-dat-theo-linh-vuc', ...fileTag], 'csv'),
    header: ['Đơn vị', ...areas.map((a) => `${a.code}. ${a.title} (%)`)],
    rows: rows.map((row) => [
      row.name,
      ...areas.map((a) => (row.values?.[a.code] === undefined ? '' : { num: idx(row.values[a.code]!) })),
    ]),
  };
}

export function weaknessCsv(fileTag: FileTag, items: Weakness[]): CsvFile {
  return {
    name: downloadName(['Tieu-chi-mat-diem', ...fileTag], 'csv'),
    header: ['Mã tiêu chí', 'Tiêu chí', 'Lĩnh vực', 'Điểm tối đa', 'Số đơn vị', 'Điểm mất bình quân', 'Tỷ lệ điểm mất (%)'],
    rows: items.map((w) => [
      w.code,
      w.title,
      w.area,
      { num: idx(w.max) },
      w.communes,
      { num: idx(w.averageLost) },
      { num: idx(w.lostPct) },
    ]),
  };
}

/** A year's average; a year with no appraised commune has none (the API says null). */
export const valueOr = (v: number | null | undefined) => v ?? undefined;

export interface YearColumn {
  year: number;
  total: number | null;
  byDistrict: Record<string, number | null>;
}

export function yearCsv(
  fileTag: FileTag,
  scopeName: string,
  years: YearColumn[],
  districts: { id: string; name: string }[] | undefined,
  /** What the screen says of earlier years on another framework: a line each under the table. */
  notes: readonly string[] = [],
): CsvFile {
  const cell = (v: number | null | undefined): Cell => {
    const x = valueOr(v);
    return x === undefined ? '' : { num: idx(x) };
  };
  // An empty cell says why (Bắc Kạn's former districts have no 2024 results on the system).
  const line = (name: string, of: (y: YearColumn) => number | null | undefined): Cell[] => {
    const missing = years.filter((y) => valueOr(of(y)) === undefined).map((y) => y.year);
    return [
      name,
      ...years.map((y) => cell(of(y))),
      missing.length ? `Không có kết quả thẩm định năm ${missing.join(', ')} trên hệ thống` : '',
    ];
  };
  return {
    name: downloadName(['Qua-cac-nam', ...fileTag], 'csv'),
    header: ['Đơn vị', ...years.map((y) => `Năm ${y.year}`), 'Ghi chú'],
    rows: [
      line(scopeName, (y) => y.total),
      ...(districts ?? []).map((d) => line(d.name, (y) => y.byDistrict[d.id])),
      ...notes.map((n) => [`Ghi chú: ${n}`]),
    ],
  };
}
