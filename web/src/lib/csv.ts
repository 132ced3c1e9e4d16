/**
 * The CSV files the result screens offer, built from what the page shows: a file name, a header and
 * rows of cells (numbers already in the vi-VN format, see download.ts). Pure, so that the columns are
 * tested without a browser.
 */
import type { Cell } from './download';
import {
  idx,
  isAppraised,
  kindLabel,
  pts,
  type ConsolidatedRow,
  type DistrictProgress,
  type RankingRow,
  type Weakness,
} from './results';
import { CLASS_ORDER } from './charts';
import { rankingStatusLabel, statusLabel } from '$shared/labels';
import type { ClassCode } from '$shared/framework';

export interface CsvFile {
  name: string;
  header: string[];
  rows: Cell[][];
}

/** A rank the page shows: none while the commune is not appraised yet. */
export const rankText = (r: { shownRank?: number }) => (r.shownRank === undefined ? '—' : String(r.shownRank));

/** One district's ranking as its page shows it (provisional ranks while communes are still being appraised). */
export function rankingCsv(
  districtName: string,
  yearOrCycle: number | string,
  rows: (RankingRow & { shownRank?: number })[],
  classLabel: ((c: ClassCode) => string) | undefined,
): CsvFile {
  return {
    name: `Xep-hang_${districtName}_${yearOrCycle}.csv`,
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
    rows: rows.map((r) => [
      rankText(r),
      r.unitName,
      kindLabel[r.unitKind],
      { num: pts(r.self.points) },
      { num: idx(r.self.index) },
      { num: pts(r.appraised.points) },
      { num: idx(r.appraised.index) },
      isAppraised(r.status) && classLabel ? classLabel(r.class) : '',
      statusLabel[r.status],
    ]),
  };
}

/** The consolidated ranking across districts, as filtered on screen. */
export function consolidatedCsv(name: string, rows: ConsolidatedRow[], classLabel: (c: ClassCode) => string): CsvFile {
  return {
    name,
    header: [
      'Hạng toàn tỉnh',
      'Hạng trong huyện',
      'Đơn vị cấp xã',
      'Loại',
      'Đơn vị cấp huyện',
      'Điểm tự chấm',
      'Điểm thẩm định',
      'Chỉ số',
      'Xếp loại',
    ],
    rows: rows.map((r) => [
      r.rank,
      r.districtRank,
      r.unitName,
      kindLabel[r.unitKind],
      r.districtName,
      { num: pts(r.self.points) },
      { num: pts(r.appraised.points) },
      { num: idx(r.appraised.index) },
      classLabel(r.class),
    ]),
  };
}

export function progressCsv(fileTag: string, districts: DistrictProgress[]): CsvFile {
  return {
    name: `Tien-do_${fileTag}.csv`,
    header: [
      'Đơn vị cấp huyện',
      'Số đơn vị cấp xã',
      'Đã nộp',
      'Đã thẩm định',
      'Đã phê duyệt',
      'Đã công bố',
      'Đã báo cáo tỉnh',
      'Trạng thái xếp hạng',
      'Chỉ số bình quân',
    ],
    rows: districts.map((d) => [
      d.name,
      d.communes,
      d.submitted,
      d.appraised,
      d.approved,
      d.published,
      d.reported,
      rankingStatusLabel[d.rankingStatus],
      d.appraised > 0 ? { num: idx(d.averageIndex) } : '',
    ]),
  };
}

type Counts = Partial<Record<ClassCode, number>>;

export function classCsv(
  fileTag: string,
  classLabel: (c: ClassCode) => string,
  districts: { id: string; name: string }[],
  counts: { total: Counts; byDistrict: Record<string, Counts | undefined> },
): CsvFile {
  const line = (name: string, o: Counts | undefined): Cell[] => [
    name,
    ...CLASS_ORDER.map((c) => o?.[c] ?? 0),
    CLASS_ORDER.reduce((s, c) => s + (o?.[c] ?? 0), 0),
  ];
  return {
    name: `Xep-loai_${fileTag}.csv`,
    header: ['Đơn vị cấp huyện', ...CLASS_ORDER.map(classLabel), 'Cộng'],
    rows: [...districts.map((d) => line(d.name, counts.byDistrict[d.id])), line('Cộng', counts.total)],
  };
}

export function areaCsv(
  fileTag: string,
  areas: { code: string; title: string }[],
  rows: { name: string; values?: Record<string, number> }[],
): CsvFile {
  return {
    name: `Ty-le-dat-theo-linh-vuc_${fileTag}.csv`,
    header: ['Đơn vị', ...areas.map((a) => `${a.code}. ${a.title} (%)`)],
    rows: rows.map((row) => [
      row.name,
      ...areas.map((a) => (row.values?.[a.code] === undefined ? '' : { num: idx(row.values[a.code]!) })),
    ]),
  };
}

export function weaknessCsv(tag: string, items: Weakness[]): CsvFile {
  return {
    name: `Tieu-chi-mat-diem_${tag}.csv`,
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

/** A year's average; a year with no appraised commune has none (the API says 0). */
export const valueOr = (v: number | undefined) => (v && v > 0 ? v : undefined);

export interface YearColumn {
  year: number;
  total: number;
  byDistrict: Record<string, number>;
}

export function yearCsv(
  fileTag: string,
  scopeName: string,
  years: YearColumn[],
  districts: { id: string; name: string }[] | undefined,
): CsvFile {
  const cell = (v: number | undefined): Cell => (valueOr(v) === undefined ? '' : { num: idx(v!) });
  return {
    name: `Qua-cac-nam_${fileTag}.csv`,
    header: ['Đơn vị', ...years.map((y) => `Năm ${y.year}`)],
    rows: [
      [scopeName, ...years.map((y) => cell(y.total))],
      ...(districts ?? []).map((d) => [d.name, ...years.map((y) => cell(y.byDistrict[d.id]))]),
    ],
  };
}
