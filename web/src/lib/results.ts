/**
 * Rankings and consolidated results as the API answers them (functions/rank-and-publish.ts), and what the
 * screens do with them: points to the shared vi-VN formats, classes and areas by their labels, the
 * diacritics-insensitive search. Types only from `shared/`; no zod here.
 */
import { formatFixed2, formatPoints } from './format';
import type { ClassCode, UnitKind } from '$shared/framework';
import type { AssessmentStatus, RankingStatus } from '$shared/lifecycle';
import type { Role } from '$shared/permissions';

export interface Score {
  points: number;
  index: number;
}

export interface RankingRow {
  rank: number;
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  status: AssessmentStatus;
  statusLabel: string;
  late: boolean;
  self: Score;
  appraised: Score;
  class: ClassCode;
}

export interface RankingStep {
  at: string;
  by: string;
  role: Role | string;
  action: 'approve' | 'publish' | 'report' | string;
  from: RankingStatus;
  to: RankingStatus;
}

export interface RankingBody {
  cycleId: string;
  districtId: string;
  districtName: string;
  status: RankingStatus;
  statusLabel: string;
  version: number;
  notApplicablePolicy: 'rescale' | 'full';
  policyNote: string;
  rows: RankingRow[];
  history: RankingStep[];
}

export interface DistrictProgress {
  id: string;
  name: string;
  rankingStatus: RankingStatus;
  communes: number;
  submitted: number;
  appraised: number;
  approved: number;
  published: number;
  reported: number;
  averageIndex: number;
}

export interface ConsolidatedRow extends RankingRow {
  districtRank: number;
  districtId: string;
  districtName: string;
}

export interface Weakness {
  code: string;
  title: string;
  area: string;
  max: number;
  communes: number;
  averageLost: number;
  lostPct: number;
}

export interface YearPoint {
  cycleId: string;
  year: number;
  averageIndex: number;
  byDistrict: Record<string, number>;
}

export interface Consolidated {
  cycleId: string;
  year: number;
  frameworkId: string;
  policyNote: string;
  published: boolean;
  districts: DistrictProgress[];
  rows: ConsolidatedRow[];
  classCounts: { total: Record<ClassCode, number>; byDistrict: Record<string, Record<ClassCode, number>> };
  areaAchievement: { total: Record<string, number>; byDistrict: Record<string, Record<string, number>> };
  weaknesses: { total: Weakness[]; byDistrict: Record<string, Weakness[]> };
  averageIndex: number;
  /** Signed-in only: earlier cycles' averages. */
  history?: YearPoint[];
}

export interface PublicCycle {
  id: string;
  year: number;
  publishedDistricts: number;
}

import { roundToHundredths as h } from '$shared/points';
/** API numbers are points with at most two decimals; the formatters take integer hundredths. */
export { h };
export const pts = (p: number) => formatPoints(h(p));
export const idx = (p: number) => formatFixed2(h(p));
/** "95,75 %" with a narrow no-break space as Vietnamese typography writes it. */
export const pct = (p: number) => `${formatFixed2(h(p))}\u00a0%`;

export const kindLabel: Record<UnitKind, string> = { xa: 'Xã', phuong: 'Phường', 'dac-khu': 'Đặc khu', 'thi-tran': 'Thị trấn' };

/** Assessment statuses from APPRAISED on count in the ranking (Điều 8: by the appraised total). */
export { isAppraised } from '$shared/status-order';

/** Lower case without diacritics ("Định Hóa" → "dinh hoa"), for search. */
export { fold } from '$shared/text';

export const collator = new Intl.Collator('vi');
