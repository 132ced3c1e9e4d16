/**
 * The pure operations on one commune's assessment: merging self scores and appraisals, per-row
 * concurrency (writers of different rows never block each other; a stale write on the same row is
 * refused with the current value), lifecycle steps, evidence, and the API view's totals.
 */
import { describe, expect, it } from 'vitest';
import {
  applyAppraisal,
  applyEvidence,
  applySelf,
  applyStep,
  getFramework,
  Incomplete,
  InvalidInput,
  LifecycleViolation,
  newAssessment,
  NotPermitted,
  scoreSheet,
  selfRowOf,
  appraisedRowOf,
  StaleVersion,
  toAssessmentResponse,
  toAssessmentSummary,
  toRowSaveResponse,
  type Assessment,
  type DomainError,
  type Evidence,
  type Principal,
  type Role,
  type SaveSelfRequest,
} from '../../shared/index.js';

const fw = getFramework('thai-nguyen-4203-2021')!;
const NOW = '2024-11-20T08:00:00+07:00';
const LATER = '2024-11-21T09:30:00+07:00';

const person = (role: Role, name: string, unitId: string, areas?: string[]): Principal => ({
  sub: name,
  name,
  role,
  unitId,
  ...(areas ? { areas } : {}),
});
const officer = { principal: person('commune_officer', 'Lan', 'xa-a'), now: NOW };
const officer2 = { principal: person('commune_officer', 'Minh', 'xa-a'), now: LATER };
const chair = { principal: person('commune_chair', 'Hùng', 'xa-a'), now: LATER };
const appraiserII = { principal: person('district_appraiser', 'Tổ viên II', 'huyen-1', ['II', 'VI']), now: LATER };
const appraiserAll = { principal: person('district_appraiser', 'Tổ viên', 'huyen-1'), now: LATER };
const secretary = { principal: person('district_secretary', 'Thư ký', 'huyen-1'), now: LATER };

const fresh = (): Assessment =>
  newAssessment(
    {
      cycleId: '2024',
      unitId: 'xa-a',
      unitName: 'Xã A',
      unitKind: 'xa',
      districtId: 'huyen-1',
      provinceId: 'thai-nguyen',
      frameworkId: fw.id,
    },
    NOW,
  );

/** Every leaf at its maximum in points (as a client sends it), with overrides. */
function allItems(overrides: SaveSelfRequest['items'] = {}): SaveSelfRequest['items'] {
  const items: SaveSelfRequest['items'] = {};
  for (const leaf of fw.leaves) items[leaf.code] = { score: leaf.max / 100 };
  return { ...items, ...overrides };
}

function thrown(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected an error');
}

/** A submitted assessment: every row at max except the deductions, 1.8 not applicable. */
function submitted(): Assessment {
  const a = applySelf(
    fw,
    fresh(),
    {
      version: 0,
      items: allItems({
        '4.2.6': { score: 1.25 },
        '3.1.2': { score: 0.5 },
        '1.8.1': { notApplicable: true, score: null },
        '1.8.2': { notApplicable: true, score: null },
      }),
    },
    officer,
  ).next;
  return applyStep(fw, a, 'submit', chair, { version: a.version }).next;
}

describe('applySelf', () => {
  it('merges rows into the draft, one version per save, and audits old → new in points', () => {
    const a0 = fresh();
    const c1 = applySelf(fw, a0, { version: 0, items: { '1.1.1': { score: 0.75 } } }, officer);
    expect(c1.next.version).toBe(1);
    expect(c1.next.rows['1.1.1']!.self).toBe(75);
    expect(c1.next.updatedAt).toBe(NOW);
    expect(c1.audit).toEqual([
      { at: NOW, by: 'Lan', role: 'commune_officer', action: 'self.score', code: '1.1.1', from: null, to: 0.75 },
    ]);
    // The input is not mutated: the store writes `next` conditionally on the old version.
    expect(a0.version).toBe(0);
    expect(a0.rows).toEqual({});

    const c2 = applySelf(
      fw,
      c1.next,
      { version: 1, items: { '1.1.2': { score: 1, explanation: 'Báo cáo số 5/BC-UBND' } } },
      officer,
    );
    expect(c2.next.version).toBe(2);
    expect(c2.next.rows['1.1.1']!.self).toBe(75);
    expect(c2.next.rows['1.1.2']).toMatchObject({ self: 100, explanation: 'Báo cáo số 5/BC-UBND' });
    expect(c2.audit.map((e) => [e.action, e.code, e.from, e.to])).toEqual([
      ['self.score', '1.1.2', null, 1],
      ['self.explanation', '1.1.2', '', 'Báo cáo số 5/BC-UBND'],
    ]);

    const c3 = applySelf(fw, c2.next, { version: 2, items: { '1.1.1': { score: 0.5 } } }, officer);
    expect(c3.audit).toEqual([expect.objectContaining({ action: 'self.score', code: '1.1.1', from: 0.75, to: 0.5 })]);
    const c4 = applySelf(fw, c3.next, { version: 3, items: { '1.1.1': { score: null } } }, officer);
    expect(c4.next.rows['1.1.1']!.self).toBeNull();
    expect(c4.audit).toEqual([expect.objectContaining({ action: 'self.score', from: 0.5, to: null })]);
  });

  it('accepts a score equal to the maximum and refuses one above it, naming items.<code>.score', () => {
    expect(applySelf(fw, fresh(), { version: 0, items: { '4.2.6': { score: 3.5 } } }, officer).next.rows['4.2.6']!.self).toBe(
      350,
    );
    const e = thrown(() => applySelf(fw, fresh(), { version: 0, items: { '4.2.6': { score: 3.51 } } }, officer));
    expect(e).toBeInstanceOf(InvalidInput);
    expect(e.message).toContain('3,5');
    expect(e.details).toEqual([expect.objectContaining({ field: 'items.4.2.6.score', code: '4.2.6' })]);
  });

  it('refuses a negative or fractional-hundredth score even if it got past the schema', () => {
    const neg = thrown(() => applySelf(fw, fresh(), { version: 0, items: { '1.1.1': { score: -0.25 } } }, officer));
    expect(neg).toBeInstanceOf(InvalidInput);
    expect(neg.details).toEqual([expect.objectContaining({ field: 'items.1.1.1.score' })]);
    const frac = thrown(() => applySelf(fw, fresh(), { version: 0, items: { '1.1.1': { score: 0.125 } } }, officer));
    expect(frac).toBeInstanceOf(InvalidInput);
  });

  it('refuses parent rows, areas and unknown codes: only sub-criteria are scored', () => {
    for (const code of ['1.1', 'I', '1.8', '9.9.9', '3.2.23']) {
      const e = thrown(() => applySelf(fw, fresh(), { version: 0, items: { [code]: { score: 0 } } }, officer));
      expect(e, code).toBeInstanceOf(InvalidInput);
      expect(e.details, code).toEqual([expect.objectContaining({ field: `items.${code}`, code })]);
    }
    // A leaf that is a criterion without sub-criteria (1.5) is scored directly.
    expect(applySelf(fw, fresh(), { version: 0, items: { '1.5': { score: 1 } } }, officer).next.rows['1.5']!.self).toBe(100);
  });

  it('allows "not applicable" only on the rows marked "(nếu có)"', () => {
    for (const code of ['1.8.1', '1.8.2', '8.5.1', '8.5.2'])
      expect(
        applySelf(fw, fresh(), { version: 0, items: { [code]: { notApplicable: true } } }, officer).next.rows[code]!
          .notApplicable,
      ).toBe(true);
    for (const code of ['1.1.1', '8.3.1', '4.2.6']) {
      const e = thrown(() => applySelf(fw, fresh(), { version: 0, items: { [code]: { notApplicable: true } } }, officer));
      expect(e, code).toBeInstanceOf(InvalidInput);
      expect(e.details).toEqual([expect.objectContaining({ field: `items.${code}.notApplicable` })]);
      expect(e.message).toContain('không áp dụng');
    }
  });

  it('clears the score when a row becomes not applicable, and refuses a score on it in the same request', () => {
    const a = applySelf(fw, fresh(), { version: 0, items: { '8.5.1': { score: 0.5 } } }, officer).next;
    const c = applySelf(fw, a, { version: 1, items: { '8.5.1': { notApplicable: true } } }, officer);
    expect(c.next.rows['8.5.1']).toMatchObject({ self: null, notApplicable: true });
    expect(c.audit.map((e) => [e.action, e.from, e.to])).toEqual([
      ['self.score', 0.5, null],
      ['self.notApplicable', false, true],
    ]);
    expect(() => applySelf(fw, a, { version: 1, items: { '8.5.1': { notApplicable: true, score: 0.25 } } }, officer)).toThrow(
      InvalidInput,
    );
    // Back to applicable, then scored.
    const back = applySelf(fw, c.next, { version: 2, items: { '8.5.1': { notApplicable: false, score: 0.25 } } }, officer).next;
    expect(back.rows['8.5.1']).toMatchObject({ self: 25, notApplicable: false });
  });

  it('leaves the version alone when a save changes nothing', () => {
    const a = applySelf(fw, fresh(), { version: 0, items: { '1.1.1': { score: 0.75, explanation: 'x' } } }, officer).next;
    const c = applySelf(fw, a, { version: 1, items: { '1.1.1': { score: 0.75, explanation: 'x' } } }, officer);
    expect(c.audit).toEqual([]);
    expect(c.next.version).toBe(1);
    expect(c.next).toBe(a);
  });

  it('lets two writers from the same version change different rows, one after the other', () => {
    const base = applySelf(fw, fresh(), { version: 0, items: { '2.5': { score: 1 } } }, officer).next; // v1
    const first = applySelf(fw, base, { version: 1, items: { '1.1.1': { score: 0.75 } } }, officer).next; // v2
    const second = applySelf(fw, first, { version: 1, items: { '1.1.2': { score: 0.5 } } }, officer2); // based on v1 too
    expect(second.next.version).toBe(3);
    expect(second.next.rows['1.1.1']!.self).toBe(75);
    expect(second.next.rows['1.1.2']!.self).toBe(50);
    expect(second.next.rows['2.5']!.self).toBe(100);
  });

  it('refuses the second writer of the same row with StaleVersion carrying the current value', () => {
    const base = applySelf(fw, fresh(), { version: 0, items: { '2.5': { score: 1 } } }, officer).next; // v1
    const first = applySelf(fw, base, { version: 1, items: { '1.1.1': { score: 0.75, explanation: 'Lan' } } }, officer).next; // v2
    const e = thrown(() =>
      applySelf(fw, first, { version: 1, items: { '1.1.1': { score: 0.5 }, '1.1.2': { score: 1 } } }, officer2),
    );
    expect(e).toBeInstanceOf(StaleVersion);
    expect(e.code).toBe('CONFLICT');
    expect(e.details).toEqual({
      version: 2,
      conflicts: [{ code: '1.1.1', current: { score: 0.75, notApplicable: false, explanation: 'Lan' } }],
    });
    // Re-based on the version it now read, the same write goes through.
    expect(applySelf(fw, first, { version: 2, items: { '1.1.1': { score: 0.5 } } }, officer2).next.rows['1.1.1']!.self).toBe(50);
  });

  it('refuses a version ahead of the stored one', () => {
    const e = thrown(() => applySelf(fw, fresh(), { version: 5, items: { '1.1.1': { score: 1 } } }, officer));
    expect(e).toBeInstanceOf(StaleVersion);
    expect(e.details).toMatchObject({ version: 0 });
  });

  it('refuses edits once submitted, or once the deadline has locked the draft', () => {
    expect(() => applySelf(fw, submitted(), { version: 2, items: { '1.1.1': { score: 0 } } }, officer)).toThrow(
      LifecycleViolation,
    );
    const locked = { ...fresh(), selfLocked: true };
    expect(() => applySelf(fw, locked, { version: 0, items: { '1.1.1': { score: 0 } } }, officer)).toThrow(/hết hạn/);
  });
});

describe('applyStep', () => {
  it('refuses to submit while applicable rows are unscored, listing them in the decision order', () => {
    const a = applySelf(
      fw,
      fresh(),
      {
        version: 0,
        items: allItems({ '3.2.10': { score: null }, '3.2.2': { score: null }, '8.5.1': { notApplicable: true, score: null } }),
      },
      officer,
    ).next;
    const e = thrown(() => applyStep(fw, a, 'submit', chair, { version: a.version }));
    expect(e).toBeInstanceOf(Incomplete);
    expect(e.code).toBe('INCOMPLETE');
    expect(e.details).toEqual({ codes: ['3.2.2', '3.2.10'] });
    expect(e.message).toContain('2');
  });

  it('submits a complete self-assessment: SUBMITTED, version + 1, submittedAt, audited', () => {
    const a = applySelf(
      fw,
      fresh(),
      { version: 0, items: allItems({ '8.5.2': { notApplicable: true, score: null } }) },
      officer,
    ).next;
    const c = applyStep(fw, a, 'submit', chair, { version: 1 });
    expect(c.next).toMatchObject({ status: 'SUBMITTED', version: 2, submittedAt: LATER, selfLocked: false });
    expect(c.audit).toEqual([{ at: LATER, by: 'Hùng', role: 'commune_chair', action: 'submit', from: 'DRAFT', to: 'SUBMITTED' }]);
  });

  it('needs the exact current version for a step', () => {
    const a = applySelf(fw, fresh(), { version: 0, items: allItems() }, officer).next;
    expect(() => applyStep(fw, a, 'submit', chair, { version: 0 })).toThrow(StaleVersion);
    expect(() => applyStep(fw, a, 'submit', chair, { version: 2 })).toThrow(StaleVersion);
  });

  it('refuses a step the status does not allow', () => {
    const s = submitted();
    for (const event of ['submit', 'complete', 'approve', 'publish'] as const)
      expect(() => applyStep(fw, s, event, secretary, { version: s.version }), event).toThrow(LifecycleViolation);
    expect(() => applyStep(fw, fresh(), 'complete', secretary, { version: 0 })).toThrow(LifecycleViolation);
  });

  it('returns for clarification with a reason; the commune edits and submits again', () => {
    const s = submitted();
    const r = applyStep(fw, s, 'return', secretary, { version: s.version, reason: 'Bổ sung tài liệu 3.2.5' });
    expect(r.next).toMatchObject({ status: 'RETURNED', returnReason: 'Bổ sung tài liệu 3.2.5', version: s.version + 1 });
    expect(r.audit[0]).toMatchObject({
      action: 'return',
      from: 'SUBMITTED',
      to: { status: 'RETURNED', reason: 'Bổ sung tài liệu 3.2.5' },
    });
    const edited = applySelf(fw, r.next, { version: r.next.version, items: { '3.2.5': { score: 1 } } }, officer).next;
    expect(applyStep(fw, edited, 'submit', chair, { version: edited.version }).next.status).toBe('SUBMITTED');
  });

  it('refuses to complete while a row has no appraised score, then completes', () => {
    let a = submitted();
    a = applyAppraisal(fw, a, { version: a.version, items: { '2.5': { score: 1 } } }, secretary).next;
    const e = thrown(() => applyStep(fw, a, 'complete', secretary, { version: a.version }));
    expect(e).toBeInstanceOf(Incomplete);
    // 117 applicable rows (1.8.1 and 1.8.2 are not applicable), one appraised.
    expect((e.details as { codes: string[] }).codes).toHaveLength(116);
    const items = Object.fromEntries(
      fw.leaves
        .filter((l) => !['1.8.1', '1.8.2'].includes(l.code))
        .map((l) => [l.code, { score: (a.rows[l.code]!.self ?? 0) / 100 }]),
    );
    a = applyAppraisal(fw, a, { version: a.version, items }, secretary).next;
    const done = applyStep(fw, a, 'complete', secretary, { version: a.version });
    expect(done.next.status).toBe('APPRAISED');
  });
});

describe('applyAppraisal', () => {
  it('is refused before submission', () => {
    expect(() => applyAppraisal(fw, fresh(), { version: 0, items: { '2.5': { score: 1 } } }, secretary)).toThrow(
      LifecycleViolation,
    );
  });

  it('moves a submitted assessment into appraisal and audits the status change', () => {
    const s = submitted();
    const c = applyAppraisal(fw, s, { version: s.version, items: { '2.5': { score: 1 } } }, appraiserII);
    expect(c.next).toMatchObject({ status: 'IN_APPRAISAL', version: s.version + 1 });
    expect(c.next.rows['2.5']).toMatchObject({ self: 100, appraised: 100 });
    expect(c.audit.map((x) => [x.action, x.from, x.to])).toEqual([
      ['appraisal.score', null, 1],
      ['status', 'SUBMITTED', 'IN_APPRAISAL'],
    ]);
  });

  it('limits an appraiser to the areas assigned; the secretary and an unrestricted appraiser may do all', () => {
    const s = submitted();
    const e = thrown(() => applyAppraisal(fw, s, { version: s.version, items: { '1.1.1': { score: 1 } } }, appraiserII));
    expect(e).toBeInstanceOf(NotPermitted);
    expect(e.details).toEqual([{ code: '1.1.1', area: 'I' }]);
    // One row outside the areas spoils the whole request.
    expect(() =>
      applyAppraisal(fw, s, { version: s.version, items: { '2.5': { score: 1 }, '7.4.3': { score: 2 } } }, appraiserII),
    ).toThrow(NotPermitted);
    expect(
      applyAppraisal(fw, s, { version: s.version, items: { '6.1.1': { score: 1 } } }, appraiserII).next.rows['6.1.1']!.appraised,
    ).toBe(100);
    for (const who of [secretary, appraiserAll])
      expect(
        applyAppraisal(fw, s, { version: s.version, items: { '1.1.1': { score: 1 } } }, who).next.rows['1.1.1']!.appraised,
      ).toBe(100);
    // Nobody else appraises.
    expect(() => applyAppraisal(fw, s, { version: s.version, items: { '2.5': { score: 1 } } }, chair)).toThrow(NotPermitted);
  });

  it('needs a comment when the appraised score differs from the self score', () => {
    const s = submitted(); // 4.2.6 self-assessed 1,25
    const e = thrown(() => applyAppraisal(fw, s, { version: s.version, items: { '4.2.6': { score: 1 } } }, secretary));
    expect(e).toBeInstanceOf(InvalidInput);
    expect(e.details).toEqual([expect.objectContaining({ field: 'items.4.2.6.comment', code: '4.2.6' })]);
    // A blank comment is no comment.
    expect(() =>
      applyAppraisal(fw, s, { version: s.version, items: { '4.2.6': { score: 1, comment: '  ' } } }, secretary),
    ).toThrow(InvalidInput);
    const ok = applyAppraisal(
      fw,
      s,
      { version: s.version, items: { '4.2.6': { score: 1, comment: 'Chưa đủ tài liệu kiểm chứng' } } },
      secretary,
    );
    expect(ok.next.rows['4.2.6']).toMatchObject({ appraised: 100, comment: 'Chưa đủ tài liệu kiểm chứng' });
    // Agreeing with the commune needs no comment.
    expect(() => applyAppraisal(fw, s, { version: s.version, items: { '4.2.6': { score: 1.25 } } }, secretary)).not.toThrow();
  });

  it('refuses a score above the maximum, naming the field', () => {
    const s = submitted();
    const e = thrown(() =>
      applyAppraisal(fw, s, { version: s.version, items: { '2.5': { score: 1.25, comment: 'x' } } }, secretary),
    );
    expect(e).toBeInstanceOf(InvalidInput);
    expect(e.details).toEqual([expect.objectContaining({ field: 'items.2.5.score' })]);
  });

  it('lets two appraisers from the same version change different rows; the same row conflicts', () => {
    const s = submitted();
    const v = s.version;
    const a = applyAppraisal(fw, s, { version: v, items: { '2.5': { score: 1 } } }, appraiserII).next;
    const b = applyAppraisal(fw, a, { version: v, items: { '1.1.1': { score: 1 } } }, secretary).next;
    expect(b.rows['2.5']!.appraised).toBe(100);
    expect(b.rows['1.1.1']!.appraised).toBe(100);
    const e = thrown(() => applyAppraisal(fw, b, { version: v, items: { '2.5': { score: 0.5, comment: 'Thiếu' } } }, secretary));
    expect(e).toBeInstanceOf(StaleVersion);
    expect(e.details).toEqual({ version: b.version, conflicts: [{ code: '2.5', current: { score: 1, comment: '' } }] });
  });
});

describe('applyEvidence', () => {
  const file: Evidence = {
    id: 'ev1',
    fileName: 'ke-hoach.pdf',
    contentType: 'application/pdf',
    size: 1000,
    uploadedAt: NOW,
    uploadedBy: 'Lan',
  };
  it('adds and removes evidence on a scored row, audited', () => {
    const added = applyEvidence(fw, fresh(), '1.1.1', { add: file }, officer);
    expect(added.next.rows['1.1.1']!.evidence).toEqual([file]);
    expect(added.audit).toEqual([expect.objectContaining({ action: 'evidence.add', code: '1.1.1', to: 'ke-hoach.pdf' })]);
    const removed = applyEvidence(fw, added.next, '1.1.1', { removeId: 'ev1' }, officer);
    expect(removed.next.rows['1.1.1']!.evidence).toEqual([]);
    expect(removed.audit).toEqual([expect.objectContaining({ action: 'evidence.remove', from: 'ke-hoach.pdf' })]);
  });
  it('refuses a parent row and a submitted assessment', () => {
    expect(() => applyEvidence(fw, fresh(), '1.1', { add: file }, officer)).toThrow(InvalidInput);
    expect(() => applyEvidence(fw, submitted(), '1.1.1', { add: file }, officer)).toThrow(LifecycleViolation);
  });
});

describe('toAssessmentResponse / toAssessmentSummary / toRowSaveResponse', () => {
  it('shows the totals scoreSheet computes: 95,75 of 99 applicable → index 96,72', () => {
    const s = submitted();
    const r = toAssessmentResponse(fw, s);
    const self = scoreSheet(fw, selfRowOf(s));
    const appraised = scoreSheet(fw, appraisedRowOf(s));
    expect(r.totals.self).toEqual({
      points: self.points / 100,
      applicableMax: self.applicableMax / 100,
      index: self.index / 100,
      class: self.class,
      main: self.main / 100,
      bonus: self.bonus / 100,
      penalty: self.penalty / 100,
      percent: self.percent / 100,
    });
    expect(r.totals.appraised).toEqual({
      points: appraised.points / 100,
      applicableMax: appraised.applicableMax / 100,
      index: appraised.index / 100,
      class: appraised.class,
      main: appraised.main / 100,
      bonus: appraised.bonus / 100,
      penalty: appraised.penalty / 100,
      percent: appraised.percent / 100,
    });
    // By hand: 99 applicable − 2,25 (4.2.6) − 1 (3.1.2) = 95,75; 95,75 / 99 = 96,7171…% → 96,72.
    // 4203 has no bonus or penalty group and 100 points: main = points, percent = index.
    expect(r.totals.self).toEqual({
      points: 95.75,
      applicableMax: 99,
      index: 96.72,
      class: 'xuat-sac',
      main: 95.75,
      bonus: 0,
      penalty: 0,
      percent: 96.72,
    });
    expect(r.totals.appraised).toEqual({
      points: 0,
      applicableMax: 99,
      index: 0,
      class: 'yeu',
      main: 0,
      bonus: 0,
      penalty: 0,
      percent: 0,
    });
    // Area IV: 17,75 of 20 = 88,75%; area I: 9 of 9 applicable = 100%.
    expect(r.totals.areas['IV']).toEqual({ self: 17.75, appraised: 0, max: 20, achievementPct: 88.75 });
    expect(r.totals.areas['I']).toEqual({ self: 9, appraised: 0, max: 10, achievementPct: 100 });
    expect(Object.keys(r.items)).toEqual(fw.leaves.map((l) => l.code));
    expect(r.items['1.8.1']).toEqual({
      selfScore: null,
      appraisedScore: null,
      notApplicable: true,
      explanation: '',
      appraisalComment: '',
      evidence: [],
    });
    expect(r.items['4.2.6']!.selfScore).toBe(1.25);
    expect(r).toMatchObject({ status: 'SUBMITTED', version: s.version, submittedAt: LATER, unitKind: 'xa' });
  });

  it("a row save's answer: the rows named (a parent or unknown code left out), the head and the whole view's totals", () => {
    const s = applyStep(fw, submitted(), 'return', secretary, { reason: 'Bổ sung tài liệu' }).next;
    const whole = toAssessmentResponse(fw, s);
    const r = toRowSaveResponse(fw, s, ['4.2.6', '1.8.1', '4.2', '9.9.9']);
    expect(Object.keys(r.items)).toEqual(['4.2.6', '1.8.1']);
    expect(r.items['4.2.6']).toEqual(whole.items['4.2.6']);
    expect(r.items['1.8.1']).toEqual(whole.items['1.8.1']);
    expect(r.totals).toEqual(whole.totals);
    expect(r).toEqual({
      cycleId: '2024',
      unitId: 'xa-a',
      status: 'RETURNED',
      selfLocked: false,
      version: s.version,
      returnReason: 'Bổ sung tài liệu',
      submittedAt: LATER,
      items: r.items,
      totals: whole.totals,
    });
    // A row never written is answered as the whole view shows it (unscored).
    expect(toRowSaveResponse(fw, fresh(), ['1.1.1']).items).toEqual({
      '1.1.1': toAssessmentResponse(fw, fresh()).items['1.1.1'],
    });
  });

  it('summarises progress and both sides', () => {
    const a = applySelf(
      fw,
      fresh(),
      { version: 0, items: { '1.1.1': { score: 1 }, '1.8.1': { notApplicable: true } } },
      officer,
    ).next;
    const sum = toAssessmentSummary(fw, a);
    // 118 applicable rows (1.8.1 is not), 1 scored; 1 point of 99,5 = 1,005% → 1,01.
    expect(sum.progress).toEqual({ scored: 1, applicable: 118 });
    expect(sum.self).toEqual({ points: 1, index: 1.01, percent: 1.01, class: 'yeu' });
  });
});
