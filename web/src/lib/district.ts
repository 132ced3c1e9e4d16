/**
 * The district's list of communes: what the list summaries lack (a commune's own deadline, the late
 * mark, the deadline lock) is read from each assessment, a few at a time, and the secretary's deadline
 * steps (extend one commune's deadline, accept a late report).
 */
import { call } from './api';
import type { AssessmentResponse, AssessmentSummary } from '$shared/schemas';

/** What the list lacks, as the assessment answers it. */
export type Details = Pick<AssessmentResponse, 'deadline' | 'late' | 'selfLocked' | 'version' | 'returnReason' | 'submittedAt'>;

const pick = (a: AssessmentResponse): Details => ({
  selfLocked: a.selfLocked,
  version: a.version,
  ...(a.deadline ? { deadline: a.deadline } : {}),
  ...(a.late ? { late: true } : {}),
  ...(a.returnReason ? { returnReason: a.returnReason } : {}),
  ...(a.submittedAt ? { submittedAt: a.submittedAt } : {}),
});

/** Reads every listed assessment's details, `parallel` at a time; `onEach` as each arrives. */
export async function loadDetails(
  cycleId: string,
  list: AssessmentSummary[],
  onEach: (unitId: string, d: Details) => void,
  parallel = 4,
): Promise<void> {
  const queue = [...list];
  const worker = async () => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      const unitId = s.unitId;
      const a = await call('getAssessment', { cycleId, unitId }).catch(() => undefined);
      if (a) onEach(unitId, pick(a));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, worker));
}

export async function extendDeadline(cycleId: string, unitId: string, deadline: string, version?: number): Promise<Details> {
  return pick(await call('setDeadline', { cycleId, unitId }, { deadline, ...(version === undefined ? {} : { version }) }));
}

export async function acceptLate(cycleId: string, unitId: string, version: number): Promise<Details> {
  return pick(await call('acceptLate', { cycleId, unitId }, { version }));
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
