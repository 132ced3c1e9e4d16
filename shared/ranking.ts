/**
 * The ranking-step rule (Điều 6.3–6.6): a district's ranking is approved, published and reported,
 * and with each step every commune of the district moves from the status the step needs to the
 * status it moves to. The ranking's own order is `rankingTransition` (lifecycle.ts).
 */
import { LifecycleViolation } from './errors.js';
import type { AssessmentStatus, RankingStatus } from './lifecycle.js';

export const RANKING_STEPS = ['approve', 'publish', 'report'] as const;
export type RankingStep = (typeof RANKING_STEPS)[number];

/** The status each commune must have for the step, and the status the step moves it to. */
export const rankingStepRule: Record<RankingStep, { needs: AssessmentStatus; moves: AssessmentStatus }> = {
  approve: { needs: 'APPRAISED', moves: 'APPROVED' },
  publish: { needs: 'APPROVED', moves: 'PUBLISHED' },
  report: { needs: 'PUBLISHED', moves: 'REPORTED' },
};

/** The steps a ranking at this status has taken, in order (OPEN: none). */
export function stepsTaken(status: RankingStatus): RankingStep[] {
  const reached = { OPEN: 0, APPROVED: 1, PUBLISHED: 2, REPORTED: 3 }[status];
  return RANKING_STEPS.slice(0, reached);
}

/** Where the ranking steps leave an assessment: APPRAISED, then one further with each step. */
const STEP_ORDER: AssessmentStatus[] = ['APPRAISED', 'APPROVED', 'PUBLISHED', 'REPORTED'];

/** Whether an assessment is already where the step moves it, or further (a finished step is not taken twice). */
export function stepDone(status: AssessmentStatus, step: RankingStep): boolean {
  return STEP_ORDER.indexOf(status) >= STEP_ORDER.indexOf(rankingStepRule[step].moves);
}

/**
 * What a step does to one assessment when its ranking has taken it: move it (it has the status the
 * step needs), or leave it (already moved, by this settler or a concurrent one; or not a ranked one).
 */
export function settleAction(status: AssessmentStatus, step: RankingStep): 'move' | 'skip' {
  return status === rankingStepRule[step].needs ? 'move' : 'skip';
}

/** The approval's precondition: at least one commune, and every commune of the district appraised. */
export function assertMayApprove(list: readonly { unitId: string; unitName: string; status: AssessmentStatus }[]): void {
  const waiting = list
    .filter((a) => a.status !== rankingStepRule.approve.needs)
    .map((a) => ({ unitId: a.unitId, unitName: a.unitName, status: a.status }));
  if (waiting.length > 0 || list.length === 0)
    throw new LifecycleViolation(`Chưa thể phê duyệt: còn ${waiting.length} đơn vị chưa hoàn thành thẩm định.`, { waiting });
}

/** Whether every assessment of a district has caught up with the step its ranking has taken. */
export function settledAt(statuses: readonly AssessmentStatus[], step: RankingStep): boolean {
  return statuses.every((s) => stepDone(s, step));
}

/**
 * Whether an assessment has moved past its district's ranking: a step was taken after the ranking was
 * read, so a reader reads the ranking again rather than show the two out of step.
 */
export function aheadOf(status: AssessmentStatus, ranking: RankingStatus): boolean {
  const reached = stepsTaken(ranking).length;
  return STEP_ORDER.indexOf(status) > reached;
}
