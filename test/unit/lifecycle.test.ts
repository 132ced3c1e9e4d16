/**
 * The assessment lifecycle of API.md (DRAFT → SUBMITTED → IN_APPRAISAL → (RETURNED → SUBMITTED …) →
 * APPRAISED → APPROVED → PUBLISHED → REPORTED) and Điều 6's order of steps, table-driven over every
 * status × deadline lock × event. The expected table is written out from the contract, not from the code.
 */
import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_STATUSES,
  canTransition,
  LifecycleViolation,
  RANKING_STATUSES,
  rankingTransition,
  statusLabel,
  transition,
  type AssessmentStatus,
  type LifecycleEvent,
  type LifecycleState,
  type RankingStatus,
} from '../../shared/index.js';

const EVENTS: LifecycleEvent[] = [
  'saveSelf',
  'editEvidence',
  'submit',
  'deadlinePassed',
  'extendDeadline',
  'acceptLate',
  'saveAppraisal',
  'return',
  'complete',
  'approve',
  'publish',
  'report',
];

const key = (s: LifecycleState) => `${s.status}${s.selfLocked ? '+locked' : ''}`;
const st = (status: AssessmentStatus, selfLocked = false): LifecycleState => ({ status, selfLocked });

/** Every allowed step: "from state / event" → the state after it. Anything not listed is forbidden. */
const ALLOWED: Record<string, LifecycleState> = {
  // The commune edits, attaches evidence and submits while the self-assessment is open (Điều 6.1).
  'DRAFT/saveSelf': st('DRAFT'),
  'DRAFT/editEvidence': st('DRAFT'),
  'DRAFT/submit': st('SUBMITTED'),
  'RETURNED/saveSelf': st('RETURNED'),
  'RETURNED/editEvidence': st('RETURNED'),
  'RETURNED/submit': st('SUBMITTED'),
  // The deadline the district sets (Điều 6.1.c) locks an open self-assessment; the district may extend it
  // or accept the late report.
  'DRAFT/deadlinePassed': st('DRAFT', true),
  'RETURNED/deadlinePassed': st('RETURNED', true),
  'DRAFT/extendDeadline': st('DRAFT'),
  'DRAFT+locked/extendDeadline': st('DRAFT'),
  'RETURNED/extendDeadline': st('RETURNED'),
  'RETURNED+locked/extendDeadline': st('RETURNED'),
  'DRAFT+locked/acceptLate': st('SUBMITTED'),
  'RETURNED+locked/acceptLate': st('SUBMITTED'),
  // Appraisal (Điều 6.2): only after submission; return for clarification; complete.
  'SUBMITTED/saveAppraisal': st('IN_APPRAISAL'),
  'IN_APPRAISAL/saveAppraisal': st('IN_APPRAISAL'),
  'SUBMITTED/return': st('RETURNED'),
  'IN_APPRAISAL/return': st('RETURNED'),
  'IN_APPRAISAL/complete': st('APPRAISED'),
  // Approval, publication, report to the province (Điều 6.4–6.6).
  'APPRAISED/approve': st('APPROVED'),
  'APPROVED/publish': st('PUBLISHED'),
  'PUBLISHED/report': st('REPORTED'),
};

const STATES: LifecycleState[] = ASSESSMENT_STATUSES.flatMap((s) =>
  s === 'DRAFT' || s === 'RETURNED' ? [st(s), st(s, true)] : [st(s)],
);

describe('assessment lifecycle', () => {
  it('covers every status', () => {
    expect([...ASSESSMENT_STATUSES]).toEqual([
      'DRAFT',
      'SUBMITTED',
      'IN_APPRAISAL',
      'RETURNED',
      'APPRAISED',
      'APPROVED',
      'PUBLISHED',
      'REPORTED',
    ]);
  });

  for (const s of STATES)
    for (const event of EVENTS) {
      const next = ALLOWED[`${key(s)}/${event}`];
      if (next)
        it(`${key(s)} —${event}→ ${key(next)}`, () => {
          expect(transition(s, event)).toEqual(next);
          expect(canTransition(s, event)).toBe(true);
        });
      else
        it(`${key(s)} —${event}→ refused`, () => {
          expect(canTransition(s, event)).toBe(false);
          let caught: unknown;
          try {
            transition(s, event);
          } catch (e) {
            caught = e;
          }
          expect(caught).toBeInstanceOf(LifecycleViolation);
          const err = caught as LifecycleViolation;
          expect(err.code).toBe('LIFECYCLE');
          expect(err.message).toMatch(/^Không thể /);
          expect(err.message).toContain(`"${statusLabel[s.status]}"`);
          expect(err.details).toEqual({ status: s.status, event });
          if (s.selfLocked) expect(err.message).toContain('hết hạn tự đánh giá');
        });
    }

  it('every allowed step in the table is reachable from a real state', () => {
    const keys = new Set(STATES.flatMap((s) => EVENTS.map((e) => `${key(s)}/${e}`)));
    for (const k of Object.keys(ALLOWED)) expect(keys.has(k), k).toBe(true);
  });

  it('walks the whole happy path, with one return for clarification', () => {
    const path: LifecycleEvent[] = [
      'saveSelf',
      'submit',
      'saveAppraisal',
      'return',
      'saveSelf',
      'submit',
      'saveAppraisal',
      'complete',
      'approve',
      'publish',
      'report',
    ];
    let s = st('DRAFT');
    const seen: AssessmentStatus[] = [];
    for (const e of path) {
      s = transition(s, e);
      seen.push(s.status);
    }
    expect(seen).toEqual([
      'DRAFT',
      'SUBMITTED',
      'IN_APPRAISAL',
      'RETURNED',
      'RETURNED',
      'SUBMITTED',
      'IN_APPRAISAL',
      'APPRAISED',
      'APPROVED',
      'PUBLISHED',
      'REPORTED',
    ]);
  });

  it('does not mutate the state it is given', () => {
    const s = st('DRAFT');
    transition(s, 'deadlinePassed');
    expect(s).toEqual(st('DRAFT'));
  });
});

describe('ranking lifecycle', () => {
  const ALLOWED_RANKING: Record<string, RankingStatus> = {
    'OPEN/approve': 'APPROVED',
    'APPROVED/publish': 'PUBLISHED',
    'PUBLISHED/report': 'REPORTED',
  };
  const EVENTS_R = ['approve', 'publish', 'report'] as const;
  for (const s of RANKING_STATUSES)
    for (const e of EVENTS_R) {
      const next = ALLOWED_RANKING[`${s}/${e}`];
      it(`${s} —${e}→ ${next ?? 'refused'}`, () => {
        if (next) expect(rankingTransition(s, e)).toBe(next);
        else {
          expect(() => rankingTransition(s, e)).toThrow(LifecycleViolation);
          expect(() => rankingTransition(s, e)).toThrow(/^Không thể .*bảng xếp hạng/);
        }
      });
    }
});
