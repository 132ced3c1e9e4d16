/** The ranking-step rule (Decision 4203, Điều 6.3–6.6): which status each step needs, where it moves a commune, the approval's precondition. */
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_STATUSES, RANKING_STATUSES, type AssessmentStatus } from '../../shared/lifecycle.js';
import {
  aheadOf,
  assertMayApprove,
  RANKING_STEPS,
  rankingStepRule,
  settleAction,
  settledAt,
  stepDone,
  stepsTaken,
} from '../../shared/ranking.js';
import { LifecycleViolation } from '../../shared/errors.js';

const commune = (unitId: string, status: AssessmentStatus) => ({ unitId, unitName: `Xã ${unitId}`, status });

describe('rankingStepRule', () => {
  it('approve needs APPRAISED → APPROVED, publish APPROVED → PUBLISHED, report PUBLISHED → REPORTED', () => {
    expect(rankingStepRule).toEqual({
      approve: { needs: 'APPRAISED', moves: 'APPROVED' },
      publish: { needs: 'APPROVED', moves: 'PUBLISHED' },
      report: { needs: 'PUBLISHED', moves: 'REPORTED' },
    });
  });
  it('lists the steps a ranking has taken by its status', () => {
    expect(RANKING_STATUSES.map(stepsTaken)).toEqual([[], ['approve'], ['approve', 'publish'], ['approve', 'publish', 'report']]);
  });
});

describe('settleAction / stepDone', () => {
  it('moves exactly the communes at the status the step needs and skips every other', () => {
    for (const step of RANKING_STEPS)
      for (const s of ASSESSMENT_STATUSES)
        expect(settleAction(s, step), `${step} on ${s}`).toBe(s === rankingStepRule[step].needs ? 'move' : 'skip');
  });
  it('counts a commune at or past the step as done (moved by a concurrent settler)', () => {
    expect(stepDone('APPRAISED', 'approve')).toBe(false);
    expect(stepDone('APPROVED', 'approve')).toBe(true);
    expect(stepDone('PUBLISHED', 'approve')).toBe(true);
    expect(stepDone('REPORTED', 'publish')).toBe(true);
    expect(stepDone('APPROVED', 'publish')).toBe(false);
    expect(stepDone('IN_APPRAISAL', 'approve')).toBe(false);
    expect(settledAt(['APPROVED', 'PUBLISHED'], 'approve')).toBe(true);
    expect(settledAt(['APPROVED', 'APPRAISED'], 'approve')).toBe(false);
    expect(settledAt([], 'report')).toBe(true);
  });
  it('says when a commune is ahead of the ranking read (a step was taken in between)', () => {
    expect(aheadOf('APPROVED', 'OPEN')).toBe(true);
    expect(aheadOf('APPRAISED', 'OPEN')).toBe(false);
    expect(aheadOf('IN_APPRAISAL', 'OPEN')).toBe(false);
    expect(aheadOf('APPROVED', 'APPROVED')).toBe(false);
    expect(aheadOf('PUBLISHED', 'APPROVED')).toBe(true);
    expect(aheadOf('REPORTED', 'REPORTED')).toBe(false);
  });
});

describe('assertMayApprove', () => {
  it('lets a district with every commune APPRAISED be approved', () => {
    expect(() => assertMayApprove([commune('a', 'APPRAISED'), commune('b', 'APPRAISED')])).not.toThrow();
  });
  it('refuses a district with no commune at all', () => {
    expect(() => assertMayApprove([])).toThrow(LifecycleViolation);
  });
  it('refuses while one commune is not appraised, naming it', () => {
    for (const s of ASSESSMENT_STATUSES.filter((x) => x !== 'APPRAISED')) {
      let error: unknown;
      try {
        assertMayApprove([commune('a', 'APPRAISED'), commune('b', s)]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(LifecycleViolation);
      expect((error as LifecycleViolation).message).toBe('Chưa thể phê duyệt: còn 1 đơn vị chưa hoàn thành thẩm định.');
      expect((error as LifecycleViolation).details).toEqual({ waiting: [commune('b', s)] });
    }
  });
});
