/**
 * How far an assessment or a ranking has come. The order of progress differs from the order the
 * statuses are declared in (shared/lifecycle.ts): a RETURNED assessment is back before SUBMITTED.
 */
import { RANKING_STATUSES, type AssessmentStatus, type RankingStatus } from './lifecycle.js';

export const ASSESSMENT_PROGRESS: readonly AssessmentStatus[] = [
  'DRAFT',
  'RETURNED',
  'SUBMITTED',
  'IN_APPRAISAL',
  'APPRAISED',
  'APPROVED',
  'PUBLISHED',
  'REPORTED',
];

/** OPEN → APPROVED → PUBLISHED → REPORTED. */
export const RANKING_PROGRESS: readonly RankingStatus[] = RANKING_STATUSES;

/** Whether the assessment is at `min` or past it. */
export const hasReached = (s: AssessmentStatus, min: AssessmentStatus) =>
  ASSESSMENT_PROGRESS.indexOf(s) >= ASSESSMENT_PROGRESS.indexOf(min);

/** Appraised or further: its appraised total counts in the ranking (Điều 8). */
export const isAppraised = (s: AssessmentStatus) => hasReached(s, 'APPRAISED');

/** The commune's self-assessment is open (or locked by the deadline) in these: DRAFT and RETURNED. */
export const isSelfOpen = (s: AssessmentStatus) => !hasReached(s, 'SUBMITTED');

/** Whether the ranking is at `min` or past it. */
export const rankingHasReached = (s: RankingStatus, min: RankingStatus) =>
  RANKING_PROGRESS.indexOf(s) >= RANKING_PROGRESS.indexOf(min);

/** The ranking statuses from `min` on. */
export const rankingStatusesFrom = (min: RankingStatus): RankingStatus[] =>
  RANKING_PROGRESS.filter((s) => rankingHasReached(s, min));
