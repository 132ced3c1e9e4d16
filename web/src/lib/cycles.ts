import { error } from '@sveltejs/kit';
import { ApiError, assessmentPath, get } from './api';
import type { AssessmentResponse, Cycle } from '$shared/schemas';

/** The cycle people work on now: the newest open one (or the newest at all when none is open). */
export function currentCycle(cycles: Cycle[]): Cycle | undefined {
  const byYear = [...cycles].sort((a, b) => b.year - a.year || b.selfAssessmentDeadline.localeCompare(a.selfAssessmentDeadline));
  return byYear.find((c) => c.status === 'OPEN') ?? byYear[0];
}

/** A load function's GET: API errors become SvelteKit errors with the server's Vietnamese message. */
export async function load<T>(path: string): Promise<T> {
  try {
    return await get<T>(path);
  } catch (e) {
    if (e instanceof ApiError) error(e.status || 503, e.message);
    throw e;
  }
}

/** What both form pages load: the assessment and its cycle (404 when the cycle is unknown). */
export async function loadAssessment(cycleId: string, unitId: string) {
  const [assessment, cycles] = await Promise.all([
    load<AssessmentResponse>(assessmentPath(cycleId, unitId)),
    load<Cycle[]>('/cycles'),
  ]);
  const cycle = cycles.find((c) => c.id === cycleId);
  if (!cycle) error(404, 'Không tìm thấy kỳ đánh giá.');
  return { assessment, cycle };
}
