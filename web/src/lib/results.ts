/**
 * Rankings and consolidated results as the API answers them (functions/rank-and-publish.ts), and what the
 * screens do with them: points to the shared vi-VN formats, classes and areas by their labels, the
 * diacritics-insensitive search. Types only from `shared/` (type imports: no zod in the page).
 */
import { formatFixed2, formatPercent } from './format';
import type { UnitKind } from '$shared/framework';
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

export const kindLabel: Record<UnitKind, string> = { xa: 'Xã', phuong: 'Phường', 'dac-khu': 'Đặc khu', 'thi-tran': 'Thị trấn' };

/** Assessment statuses from APPRAISED on count in the ranking (Điều 8: by the appraised total). */
export { isAppraised } from '$shared/status-order';

/** Lower case without diacritics ("Định Hóa" → "dinh hoa"), for search. */
export { fold } from '$shared/text';

export const collator = new Intl.Collator('vi');
