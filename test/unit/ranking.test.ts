/** The ranking-step rule (Decision 4203, Điều 6.3–6.6): which status each step needs, where it moves a commune, the approval's precondition. */
import { frameworkFromDocument } from '../../shared/frameworks/runtime.js';
import { sampleFramework2026 } from '../../shared/frameworks/sample.js';
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
  rankRule,
  decisionText,
  decisionDateProblem,
} from '../../shared/ranking.js';
import { rankAssessments } from '../../shared/analysis.js';
import { newAssessment, type Assessment, type AssessmentFigures } from '../../shared/assessment.js';
import { buildFramework, type Framework } from '../../shared/framework.js';
import { getFramework } from '../../shared/framework-registry.js';
import { thaiNguyen4203 } from '../../shared/catalog/thai-nguyen-4203-2021.js';
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

// ---- issue 21, item 2: the rule shown beside a rank is the rule applied ----------------------------

/**
 * Two appraised communes whose points and indexes disagree under `rescale`: A takes 95,50 of 100;
 * B has 1.8 (1 point) not applicable and takes 95,00 of 99 → index 95,96. The ranking follows the index.
 */
function pair(f: Framework) {
  const mk = (id: string, loss: number, na: string[]): AssessmentFigures => {
    const a: Assessment = {
      ...newAssessment(
        { cycleId: 'c', unitId: id, unitName: `Xã ${id}`, unitKind: 'xa', districtId: 'd', provinceId: 'p', frameworkId: f.id },
        '2026-01-01T00:00:00Z',
      ),
      status: 'APPRAISED',
    };
    let left = loss;
    for (const leaf of f.leaves) {
      const off = na.includes(leaf.code) ? 0 : Math.min(left, leaf.max);
      left -= off;
      a.rows[leaf.code] = na.includes(leaf.code)
        ? { self: null, appraised: null, notApplicable: true }
        : { self: leaf.max - off, appraised: leaf.max - off };
    }
    return a;
  };
  return rankAssessments(f, [mk('a', 450, []), mk('b', 400, ['1.8.1', '1.8.2'])]);
}

describe('rankRule: the words beside every rank (ranking screen, Appendix II, public page, dashboard)', () => {
  const rescale = getFramework('thai-nguyen-4203-2021')!;
  const full = buildFramework({ ...structuredClone(thaiNguyen4203), notApplicablePolicy: 'full' });

  it('rescale: ranks follow the index, not the points, and the text names the index over the applicable maximum', () => {
    const rows = pair(rescale);
    const [first, second] = rows;
    // The order the code applies: by index, though the first has fewer points.
    expect(first!.appraised.index).toBeGreaterThan(second!.appraised.index);
    expect(first!.appraised.points).toBeLessThan(second!.appraised.points);
    const text = rankRule(rescale);
    expect(text).toMatch(/^Xếp hạng theo chỉ số CCHC \(điểm thẩm định \/ tổng điểm tối đa áp dụng × 100\)/);
    expect(text).toContain('đồng chỉ số thì đồng hạng');
    expect(text).not.toMatch(/theo điểm thẩm định|đồng điểm thì/);
  });

  it('full: the index is the points, ranks follow both, and the text says they coincide', () => {
    const rows = pair(full);
    for (const r of rows) expect(r.appraised.index).toBe(r.appraised.points);
    expect(rows.map((r) => r.appraised.points)).toEqual([...rows.map((r) => r.appraised.points)].sort((x, y) => y - x));
    const text = rankRule(full);
    expect(text).toContain('chỉ số bằng điểm thẩm định');
    expect(text).not.toContain('tổng điểm tối đa áp dụng');
    expect(text).not.toEqual(rankRule(rescale));
  });

  it('says the blocks are ranked apart when there is more than one', () => {
    expect(rankRule(rescale, { blocks: true })).toContain('xếp riêng từng khối');
    expect(rankRule(rescale)).not.toContain('khối');
  });

  it('a framework published in percent with bonus and penalty groups (the sample): the text names the percent and the two groups', () => {
    const sample = frameworkFromDocument(sampleFramework2026());
    const text = rankRule(sample);
    expect(text).toMatch(/^Xếp hạng theo tỷ lệ phần trăm của chỉ số CCHC trên tổng điểm/);
    expect(text).toContain('cộng điểm thưởng, trừ điểm trừ');
    expect(text).toContain('đồng chỉ số thì đồng hạng');
    // 4203 (points, no groups) keeps its sentence.
    expect(rankRule(rescale)).not.toContain('điểm thưởng');
  });
});

describe('decisionText: the approving decision on the exports and the public page', () => {
  it('fills the number and date recorded at approval; a bare number takes "/QĐ-UBND"; blanks for what was not recorded', () => {
    expect(decisionText({ number: '125', date: '2027-01-15' }, 2026)).toBe('Quyết định số 125/QĐ-UBND ngày 15/01/2027');
    expect(decisionText({ number: '07/QĐ-UBND' }, 2026)).toBe('Quyết định số 07/QĐ-UBND ngày …/…/2027');
    expect(decisionText(undefined, 2026)).toBe('Quyết định số ……/QĐ-UBND ngày …/…/2027');
  });
});

describe('decisionDateProblem: a decision approving year N is signed from year N on, and not after today in Hà Nội', () => {
  // 2027-01-15 00:30 in Hà Nội is still 2027-01-14 in UTC.
  const now = '2027-01-14T17:30:00Z';
  it('takes the cycle’s year, the next year, and today in Hà Nội', () => {
    for (const d of ['2026-01-01', '2026-12-31', '2027-01-15']) expect(decisionDateProblem(d, 2026, now)).toBeUndefined();
  });
  it('refuses a date after today in Hà Nội, or before the cycle’s year, saying which and why', () => {
    expect(decisionDateProblem('2027-01-16', 2026, now)).toMatch(/^Ngày quyết định 16\/01\/2027 chưa đến.*15\/01\/2027/);
    expect(decisionDateProblem('2025-12-31', 2026, now)).toMatch(/^Ngày quyết định 31\/12\/2025 trước năm 2026/);
  });
});
