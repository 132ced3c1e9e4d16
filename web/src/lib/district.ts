/**
 * The district's list of communes: its counters, and the secretary's deadline steps (set one commune's
 * deadline, accept a late report). The list summaries carry everything a row shows (own deadline,
 * submission time, late mark, deadline lock), so the list reads no assessment of its own.
 */
import { call } from './api';
import type { AssessmentStatus } from '$shared/lifecycle';
import type { AssessmentSummary } from '$shared/schemas';
import { isAppraised, isSelfOpen } from '$shared/status-order';

/**
 * The council's counters: submitted reports waiting for the appraisal to begin apart from those
 * being appraised (a SUBMITTED one was once counted as "Đang thẩm định" before anyone had opened it).
 */
export function councilCounts(list: readonly Pick<AssessmentSummary, 'status'>[]) {
  const n = (test: (s: AssessmentStatus) => boolean) => list.filter((a) => test(a.status)).length;
  return {
    total: list.length,
    submitted: n((s) => !isSelfOpen(s)),
    waiting: n((s) => s === 'SUBMITTED'),
    inAppraisal: n((s) => s === 'IN_APPRAISAL'),
    appraised: n(isAppraised),
  };
}

/**
 * A commune's deadline in force: its own, else the cycle's while it is a DRAFT (as the server's
 * effectiveDeadline); a returned one without its own has none.
 */
export const deadlineInForce = (
  cycle: { selfAssessmentDeadline: string },
  a: Pick<AssessmentSummary, 'status' | 'deadline'>,
): string | undefined => a.deadline ?? (a.status === 'DRAFT' ? cycle.selfAssessmentDeadline : undefined);

/** Sets a commune's deadline; `shorten` when the secretary confirmed that it brings the one in force forward. */
export async function setDeadline(cycleId: string, unitId: string, deadline: string, shorten: boolean) {
  return call('setDeadline', { cycleId, unitId }, { deadline, ...(shorten ? { shorten: true } : {}) });
}

export async function acceptLate(cycleId: string, unitId: string, version: number) {
  return call('acceptLate', { cycleId, unitId }, { version });
}

/** `datetime-local` value (Hà Nội time) → ISO 8601 with +07:00, as the API wants. */
export function localInputToIso(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  return `${value}:00+07:00`;
}

/** ISO instant → `datetime-local` value in Hà Nội time. */
export function isoToLocalInput(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  return d.toISOString().slice(0, 16);
}
