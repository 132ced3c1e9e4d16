/**
 * Rankings and consolidated results as the API answers them (functions/rank-and-publish.ts), and what the
 * screens do with them: points to the shared vi-VN formats, classes and areas by their labels, the
 * diacritics-insensitive search. Types only from `shared/` (type imports: no zod in the page).
 */
import { formatFixed2, formatPercent } from './format';
import { rankingChair } from './appraising';
import { decisionText } from '$shared/ranking';
import { mainAreas, type Framework, type UnitKind } from '$shared/framework';
import type {
  ConsolidatedResponse,
  PublicCycle as PublicCycleBody,
  RankingResponse,
  RankingRowBody,
  RankingStep as RankingStepBody,
  ResultsResponse,
  Weakness as WeaknessBody,
  YearPoint as YearPointBody,
} from '$shared/api/rankings';

// The bodies as the contract types them (shared/api/rankings.ts); numbers in points, two decimals.
export type Score = RankingRow['self'];
export type RankingRow = RankingRowBody;
export type RankingStep = RankingStepBody;
export type RankingBody = RankingResponse;
export type DistrictProgress = ResultsResponse['districts'][number];
export type ConsolidatedRow = ResultsResponse['rows'][number];
export type Weakness = WeaknessBody;
export type YearPoint = YearPointBody;
/** The public results, or the signed-in consolidated view with its `history` of earlier cycles. */
export type Consolidated = ResultsResponse & Partial<Pick<ConsolidatedResponse, 'history'>>;
export type PublicCycle = PublicCycleBody;

import { roundToHundredths as h } from '$shared/points';
/** API numbers are points with at most two decimals; the formatters take integer hundredths. */
export { h };
/**
 * Points shown for comparison (rankings, results, their CSV files) take the indexes' one style, two
 * decimals (88,70; 100,00), so a column reads evenly; an input keeps what the official typed.
 */
export const pts = (p: number) => formatFixed2(h(p));
export const idx = (p: number) => formatFixed2(h(p));
/** "95,75%": the one percentage style (shared/format). */
export const pct = (p: number) => formatPercent(h(p));

export const kindLabel: Record<UnitKind, string> = {
  xa: 'Xã',
  phuong: 'Phường',
  'dac-khu': 'Đặc khu',
  'thi-tran': 'Thị trấn',
  department: 'Sở, ban, ngành',
};

/** Assessment statuses from APPRAISED on count in the ranking (Điều 8: by the appraised total). */
export { isAppraised } from '$shared/status-order';

/** Lower case without diacritics ("Định Hóa" → "dinh hoa"), for search. */
export { fold } from '$shared/text';

export const collator = new Intl.Collator('vi');

/** What the public index says of a year: who published it, after the cycle's appraising level (issue 21, item 11). */
export function publishedBy(c: PublicCycle): string {
  return c.appraisingLevel === 'province'
    ? `${rankingChair('province')} đã phê duyệt và công bố`
    : `${c.publishedDistricts} đơn vị cấp huyện đã công bố`;
}

/** Who approves and publishes the years listed: one level's chairman, or each in its years. */
export function publisherOf(cycles: readonly PublicCycle[]): string {
  const levels = [...new Set(cycles.map((c) => c.appraisingLevel))];
  if (levels.length === 1) return rankingChair(levels[0]!);
  return levels.length === 0
    ? 'Chủ tịch UBND cấp có thẩm quyền'
    : 'Chủ tịch UBND cấp huyện hoặc Chủ tịch UBND tỉnh (theo từng năm, như dưới đây)';
}

/**
 * The approving decision as recorded at approval ("Quyết định số 125/QĐ-UBND ngày 15/01/2027"), or ''
 * when the approval recorded neither its number nor its date.
 */
export function decisionLine(d: { decisionNumber: string | null; decisionDate: string | null }, year: number): string {
  if (!d.decisionNumber && !d.decisionDate) return '';
  return decisionText(
    { ...(d.decisionNumber ? { number: d.decisionNumber } : {}), ...(d.decisionDate ? { date: d.decisionDate } : {}) },
    year,
  );
}

/** The results' framework (ranking and results answers): display, caps in points (null: no such group). */
export type ResultsScale = Pick<RankingResponse['framework'], 'display' | 'bonusCap' | 'penaltyCap'>;
export const hasBonus = (fw: Pick<ResultsScale, 'bonusCap'> | undefined): boolean => fw?.bonusCap != null;
export const hasPenalty = (fw: Pick<ResultsScale, 'penaltyCap'> | undefined): boolean => fw?.penaltyCap != null;
export const isPercent = (fw: Pick<ResultsScale, 'display'> | undefined): boolean => fw?.display === 'percent';
/** The figure a result is published as: the index ("87,50"), or the percent ("87,50%"). */
export const figure = (fw: Pick<ResultsScale, 'display'> | undefined, s: Pick<Score, 'index' | 'percent'>): string =>
  isPercent(fw) ? pct(s.percent) : idx(s.index);
/** The published figure's column header. */
export const figureHeader = (fw: Pick<ResultsScale, 'display'> | undefined): string => (isPercent(fw) ? 'Tỷ lệ (%)' : 'Chỉ số');
/** The figure without the % sign, for a column headed "Tỷ lệ (%)" and for CSV. */
export const figureValue = (fw: Pick<ResultsScale, 'display'> | undefined, s: Pick<Score, 'index' | 'percent'>): string =>
  idx(isPercent(fw) ? s.percent : s.index);

/**
 * The main areas two frameworks do not share (same code and same title): per-area figures of two
 * cycles compare only where none is listed. Codes in the current framework's order, then the earlier's.
 */
export function areasNotShared(current: Framework, earlier: Framework): string[] {
  const key = (a: { code: string; title: string }) => `${a.code}\u0000${a.title.trim()}`;
  const now = mainAreas(current);
  const then = mainAreas(earlier);
  const thenKeys = new Set(then.map(key));
  const nowKeys = new Set(now.map(key));
  const out = [...now.filter((a) => !thenKeys.has(key(a))), ...then.filter((a) => !nowKeys.has(key(a)))].map((a) => a.code);
  return [...new Set(out)];
}

/**
 * What the year-over-year comparison says of the earlier cycles run on another framework: the areas
 * that do not match by code and title (so no comparison per area), and a different published figure.
 */
export function yearComparisonNotes(
  current: Framework,
  year: number,
  earlier: readonly { year: number; frameworkId: string | undefined; fw: Framework | undefined }[],
): string[] {
  const notes: string[] = [];
  for (const e of [...earlier].sort((a, b) => a.year - b.year)) {
    if (!e.frameworkId || e.frameworkId === current.id) continue;
    if (!e.fw) {
      notes.push(`Năm ${e.year} chấm theo bộ tiêu chí khác (“${e.frameworkId}”), không đọc được: không so sánh theo lĩnh vực.`);
      continue;
    }
    const differ = areasNotShared(current, e.fw);
    if (differ.length > 0)
      notes.push(
        `Năm ${e.year} chấm theo “${e.fw.title}”: lĩnh vực ${differ.join(', ')} không trùng mã và tên với năm ${year}, nên không so sánh theo lĩnh vực; chỉ so sánh chỉ số chung.`,
      );
    const shown = (f: Framework) => (f.display === 'percent' ? 'tỷ lệ (%)' : 'chỉ số (điểm)');
    if ((e.fw.display ?? 'points') !== (current.display ?? 'points'))
      notes.push(`Năm ${e.year} công bố theo ${shown(e.fw)}, năm ${year} theo ${shown(current)}.`);
  }
  return notes;
}
