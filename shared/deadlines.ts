/**
 * The self-assessment deadline: which one applies, whether it has passed, and what a return does to
 * it. Pure: the moment is passed in.
 */
import type { Assessment, Change } from './assessment.js';
import { InvalidInput, LifecycleViolation } from './errors.js';
import type { Principal } from './permissions.js';
import type { Cycle } from './schemas.js';
import { isSelfOpen } from './status-order.js';

/**
 * The deadline that applies to this assessment's self-assessment, if any: its own (an extension, or one
 * given to a returned assessment's response), else the cycle's while it is a DRAFT.
 */
export function effectiveDeadline(
  cycle: Pick<Cycle, 'selfAssessmentDeadline'>,
  a: Pick<Assessment, 'status' | 'deadline'>,
): string | undefined {
  if (a.deadline) return a.deadline;
  return a.status === 'DRAFT' ? cycle.selfAssessmentDeadline : undefined;
}

/**
 * The commune may edit only before its deadline. The state machine locks the assessment when the
 * deadline passes; this check covers the moment between the deadline and the lock.
 */
export function assertBeforeDeadline(
  cycle: Pick<Cycle, 'selfAssessmentDeadline'>,
  a: Pick<Assessment, 'status' | 'deadline'>,
  now: string,
): void {
  const deadline = effectiveDeadline(cycle, a);
  if (isSelfOpen(a.status) && deadline && Date.parse(deadline) <= Date.parse(now))
    throw new LifecycleViolation(
      'Đã hết hạn tự đánh giá; hồ sơ không thể sửa hoặc nộp nữa. Liên hệ Phòng Nội vụ để được gia hạn.',
      { status: a.status, deadline },
    );
}

/**
 * A returned assessment has no deadline unless the secretary gives its response one (POST …/deadline),
 * as for the cycle's deadline (effectiveDeadline). The commune's own deadline for its self-assessment
 * (an extension) has served its purpose; kept, a passed one would lock the response at once.
 */
export function withoutSelfDeadline(change: Change, principal: Pick<Principal, 'name' | 'role'>, now: string): Change {
  const { deadline, ...next } = change.next;
  if (deadline === undefined) return change;
  return {
    next,
    audit: [...change.audit, { at: now, by: principal.name, role: principal.role, action: 'deadline', from: deadline, to: null }],
  };
}

/** A deadline the district sets (an extension, or one for a returned assessment's response) lies ahead. */
export function assertFutureDeadline(deadline: string, now: string): void {
  if (Date.parse(deadline) <= Date.parse(now))
    throw new InvalidInput('Hạn mới phải sau thời điểm hiện tại', [{ field: 'deadline' }]);
}

/**
 * A return that gives the commune a deadline for its clarification (POST …/return `deadline`): after
 * withoutSelfDeadline, so the response has this deadline and no other; recorded like POST …/deadline's.
 */
export function withResponseDeadline(
  change: Change,
  deadline: string | undefined,
  principal: Pick<Principal, 'name' | 'role'>,
  now: string,
): Change {
  if (deadline === undefined) return change;
  assertFutureDeadline(deadline, now);
  return {
    next: { ...change.next, deadline },
    audit: [
      ...change.audit,
      { at: now, by: principal.name, role: principal.role, action: 'deadline', from: change.next.deadline ?? null, to: deadline },
    ],
  };
}
