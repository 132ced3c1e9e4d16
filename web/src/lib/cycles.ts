import { error } from '@sveltejs/kit';
import { ApiError, call, type Args, type JsonEndpoint } from './api';
import type { Cycle } from '$shared/schemas';
import type { Endpoints, ResponseOf } from '$shared/api/index';

/** The cycle people work on now: the newest open one (or the newest at all when none is open). */
export function currentCycle(cycles: Cycle[]): Cycle | undefined {
  const byYear = [...cycles].sort((a, b) => b.year - a.year || b.selfAssessmentDeadline.localeCompare(a.selfAssessmentDeadline));
  return byYear.find((c) => c.status === 'OPEN') ?? byYear[0];
}

/** A load function's call: API errors become SvelteKit errors with the server's Vietnamese message. */
export async function load<N extends JsonEndpoint>(endpoint: N, ...args: Args<N>): Promise<ResponseOf<Endpoints[N]>> {
  try {
    return await call(endpoint, ...args);
  } catch (e) {
    if (e instanceof ApiError) error(e.status || 503, e.message);
    throw e;
  }
}

/** What both form pages load: the assessment and its cycle (404 when the cycle is unknown). */
export async function loadAssessment(cycleId: string, unitId: string) {
  const [assessment, cycles] = await Promise.all([load('getAssessment', { cycleId, unitId }), load('listCycles', {})]);
  const cycle = cycles.find((c) => c.id === cycleId);
  if (!cycle) error(404, 'Không tìm thấy kỳ đánh giá.');
  return { assessment, cycle };
}
