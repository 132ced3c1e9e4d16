import { error } from '@sveltejs/kit';
import { ApiError, get } from './api';
import type { Cycle } from '$shared/schemas';

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
