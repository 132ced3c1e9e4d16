/**
 * The rules that have one home in shared/: deadlines, assignment changes, the order of statuses, the
 * points ↔ hundredths conversion and diacritic folding. Expected values are written from the contract.
 */
import { describe, expect, it } from 'vitest';
import { newAssessment, type Assessment, type Change } from '../../shared/assessment.js';
import { assignmentChanges, nextAssignments } from '../../shared/assignments.js';
import { assertBeforeDeadline, effectiveDeadline, withoutSelfDeadline } from '../../shared/deadlines.js';
import { LifecycleViolation } from '../../shared/errors.js';
import { ASSESSMENT_STATUSES, RANKING_STATUSES, type AssessmentStatus } from '../../shared/lifecycle.js';
import { isWholeHundredths, roundToHundredths, toHundredths, toPoints } from '../../shared/points.js';
import {
  ASSESSMENT_PROGRESS,
  hasReached,
  isAppraised,
  isSelfOpen,
  rankingHasReached,
  rankingStatusesFrom,
} from '../../shared/status-order.js';
import { fold, withoutDiacritics } from '../../shared/text.js';

const cycle = { selfAssessmentDeadline: '2026-03-31T17:00:00+07:00' };
const extended = '2026-04-15T17:00:00+07:00';
const secretary = { name: 'Chánh Văn phòng', role: 'district_secretary' } as const;
const base = newAssessment(
  {
    cycleId: '2026',
    unitId: 'phuc-xuan',
    unitName: 'Xã Phúc Xuân',
    unitKind: 'xa',
    districtId: 'tp-thai-nguyen',
    provinceId: 'thai-nguyen',
    frameworkId: 'thai-nguyen-4203-2021',
  },
  '2026-01-02T08:00:00+07:00',
);
const at = (status: AssessmentStatus, deadline?: string): Assessment => ({ ...base, status, ...(deadline ? { deadline } : {}) });

describe('effectiveDeadline', () => {
  it("is the cycle's while DRAFT, the assessment's own when it has one, and none once submitted or returned without one", () => {
    expect(effectiveDeadline(cycle, at('DRAFT'))).toBe(cycle.selfAssessmentDeadline);
    expect(effectiveDeadline(cycle, at('DRAFT', extended))).toBe(extended);
    expect(effectiveDeadline(cycle, at('RETURNED'))).toBeUndefined();
    expect(effectiveDeadline(cycle, at('RETURNED', extended))).toBe(extended);
    for (const s of ['SUBMITTED', 'IN_APPRAISAL', 'APPRAISED', 'APPROVED', 'PUBLISHED', 'REPORTED'] as const)
      expect(effectiveDeadline(cycle, at(s)), s).toBeUndefined();
  });
});

describe('assertBeforeDeadline', () => {
  const before = '2026-03-31T09:59:59Z';
  const exactly = '2026-03-31T10:00:00Z'; // 17:00 in UTC+7
  it('lets an open assessment through before its deadline and refuses it from the deadline on, with 409 LIFECYCLE', () => {
    expect(() => assertBeforeDeadline(cycle, at('DRAFT'), before)).not.toThrow();
    let err: unknown;
    try {
      assertBeforeDeadline(cycle, at('DRAFT'), exactly);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LifecycleViolation);
    expect((err as LifecycleViolation).message).toContain('Đã hết hạn tự đánh giá');
    expect((err as LifecycleViolation).details).toEqual({ status: 'DRAFT', deadline: cycle.selfAssessmentDeadline });
  });

  it("uses the assessment's own deadline, for DRAFT and RETURNED alike", () => {
    expect(() => assertBeforeDeadline(cycle, at('DRAFT', extended), exactly)).not.toThrow();
    expect(() => assertBeforeDeadline(cycle, at('RETURNED', '2026-02-01T00:00:00Z'), exactly)).toThrow(LifecycleViolation);
    expect(() => assertBeforeDeadline(cycle, at('RETURNED'), exactly)).not.toThrow();
  });

  it('never refuses past the self-assessment (the lifecycle decides there)', () => {
    expect(() => assertBeforeDeadline(cycle, at('SUBMITTED', '2026-01-01T00:00:00Z'), exactly)).not.toThrow();
  });
});

describe('withoutSelfDeadline', () => {
  const now = '2026-04-01T08:00:00+07:00';
  it('drops the assessment’s own deadline and audits it; leaves a change without one as it is', () => {
    const change: Change = {
      next: at('RETURNED', extended),
      audit: [{ at: now, by: secretary.name, role: secretary.role, action: 'return' }],
    };
    const out = withoutSelfDeadline(change, secretary, now);
    expect(out.next.deadline).toBeUndefined();
    expect('deadline' in out.next).toBe(false);
    expect(out.audit).toEqual([
      ...change.audit,
      { at: now, by: secretary.name, role: secretary.role, action: 'deadline', from: extended, to: null },
    ]);
    const none: Change = { next: at('RETURNED'), audit: [] };
    expect(withoutSelfDeadline(none, secretary, now)).toBe(none);
  });
});

describe('assignment changes', () => {
  const now = '2026-04-02T08:00:00+07:00';
  const actor = { principal: secretary, now };
  const an = { id: 'u1', name: 'Nguyễn Văn An', areas: ['I', 'II'] };
  const binh = { id: 'u2', name: 'Trần Thị Bình', areas: ['III'] };
  const entry = (code: string, from: string[], to: string[]) => ({
    at: now,
    by: secretary.name,
    role: secretary.role,
    action: 'assignment',
    code,
    from,
    to,
  });

  it('one entry per appraiser added, removed or given other areas, by name; none for the unchanged', () => {
    expect(assignmentChanges([an], [an, binh], actor)).toEqual([entry('Trần Thị Bình', [], ['III'])]);
    expect(assignmentChanges([an, binh], [binh], actor)).toEqual([entry('Nguyễn Văn An', ['I', 'II'], [])]);
    expect(assignmentChanges([an], [{ ...an, areas: ['I'] }], actor)).toEqual([entry('Nguyễn Văn An', ['I', 'II'], ['I'])]);
    expect(assignmentChanges([an, binh], [binh, an], actor)).toEqual([]);
  });

  it('the next version extends the history (version 1 when none was stored)', () => {
    const first = nextAssignments(undefined, { cycleId: '2026', districtId: 'dinh-hoa' }, [an], actor);
    expect(first).toEqual({
      cycleId: '2026',
      districtId: 'dinh-hoa',
      version: 1,
      appraisers: [an],
      history: [entry('Nguyễn Văn An', [], ['I', 'II'])],
    });
    const second = nextAssignments(first, { cycleId: '2026', districtId: 'dinh-hoa' }, [binh], actor);
    expect(second.version).toBe(2);
    expect(second.history).toEqual([
      ...first.history,
      entry('Nguyễn Văn An', ['I', 'II'], []),
      entry('Trần Thị Bình', [], ['III']),
    ]);
  });
});

describe('status order', () => {
  it('orders the progress of an assessment: RETURNED comes back before SUBMITTED', () => {
    expect([...ASSESSMENT_PROGRESS].sort()).toEqual([...ASSESSMENT_STATUSES].sort());
    expect(ASSESSMENT_STATUSES.filter(isAppraised)).toEqual(['APPRAISED', 'APPROVED', 'PUBLISHED', 'REPORTED']);
    expect(ASSESSMENT_STATUSES.filter(isSelfOpen)).toEqual(['DRAFT', 'RETURNED']);
    expect(ASSESSMENT_STATUSES.filter((s) => hasReached(s, 'IN_APPRAISAL'))).toEqual([
      'IN_APPRAISAL',
      'APPRAISED',
      'APPROVED',
      'PUBLISHED',
      'REPORTED',
    ]);
    expect(hasReached('RETURNED', 'SUBMITTED')).toBe(false);
  });

  it('orders a ranking OPEN → APPROVED → PUBLISHED → REPORTED', () => {
    expect(rankingStatusesFrom('PUBLISHED')).toEqual(['PUBLISHED', 'REPORTED']);
    expect(rankingStatusesFrom('OPEN')).toEqual([...RANKING_STATUSES]);
    expect(rankingHasReached('APPROVED', 'PUBLISHED')).toBe(false);
    expect(rankingHasReached('REPORTED', 'APPROVED')).toBe(true);
  });
});

describe('points ↔ hundredths', () => {
  it('converts exactly, and refuses more than two decimals', () => {
    expect(toHundredths(0.75)).toBe(75);
    expect(toHundredths(1.1)).toBe(110); // 1.1 × 100 is 110.00000000000001 in floating point
    expect(toHundredths(0.29)).toBe(29); // 28.999999999999996
    expect(toHundredths(0.125)).toBeNaN();
    expect(toPoints(9575)).toBe(95.75);
    expect(isWholeHundredths(99.25)).toBe(true);
    expect(isWholeHundredths(0.001)).toBe(false);
    expect(isWholeHundredths(Number.POSITIVE_INFINITY)).toBe(false);
  });

  it('rounds what an API answer carries, and round-trips every hundredth up to 1000 points', () => {
    expect(roundToHundredths(0.125)).toBe(13);
    // One assertion over the whole range (200,000 expect calls took seconds).
    const wrong: number[] = [];
    for (let h = 0; h <= 100_000; h++) if (toHundredths(toPoints(h)) !== h || roundToHundredths(toPoints(h)) !== h) wrong.push(h);
    expect(wrong).toEqual([]);
  });
});

describe('diacritic folding', () => {
  it('folds Vietnamese to lower-case ASCII letters for search, spaces collapsed', () => {
    expect(fold('  Định   Hóa ')).toBe('dinh hoa');
    expect(fold('THỊ TRẤN ĐỒNG MỎ')).toBe('thi tran dong mo');
    expect(fold('Phường Quang Trung')).toBe('phuong quang trung');
    // precomposed (NFC) and decomposed (NFD) input fold alike
    expect(fold('Ngữ'.normalize('NFD'))).toBe(fold('Ngữ'.normalize('NFC')));
    expect(fold('ư ơ ă â ê ô ạ ả ã')).toBe('u o a a e o a a a');
  });

  it('keeps case without diacritics (ASCII fallbacks of file names)', () => {
    expect(withoutDiacritics('Biên bản Đại hội.pdf')).toBe('Bien ban Dai hoi.pdf');
    expect(withoutDiacritics('đĐ')).toBe('dD');
  });
});
