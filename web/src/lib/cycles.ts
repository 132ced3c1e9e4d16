import { error } from '@sveltejs/kit';
import { ApiError, call, callUnits, type Args, type JsonEndpoint } from './api';
import type { Cycle } from '$shared/schemas';
import { appraisingRoleLevel, type Role } from '$shared/permissions';
import type { Endpoints, ResponseOf } from '$shared/api/index';

/** The cycle people work on now: the newest open one (or the newest at all when none is open). */
export function currentCycle(cycles: Cycle[]): Cycle | undefined {
  const byYear = [...cycles].sort((a, b) => b.year - a.year || b.selfAssessmentDeadline.localeCompare(a.selfAssessmentDeadline));
  return byYear.find((c) => c.status === 'OPEN') ?? byYear[0];
}

/**
 * The cycle a signed-in user works on now: a council's or chairman's role acts only in cycles of its
 * level (district_* in district-level ones, province_* in province-level ones), so it gets the newest
 * of those; everyone else the current cycle.
 */
export function cycleFor(role: Role, cycles: Cycle[]): Cycle | undefined {
  const level = appraisingRoleLevel(role);
  return (level && currentCycle(cycles.filter((c) => c.appraisingLevel === level))) || currentCycle(cycles);
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

/** A load function's units of a cycle's organisation (the current one without a cycle). */
export async function loadUnits(cycleId?: string) {
  try {
    return await callUnits(cycleId);
  } catch (e) {
    if (e instanceof ApiError) error(e.status || 503, e.message);
    throw e;
  }
}

/** Cycles like `cycle` for a page about one appraising unit: same level and, at district level, same organisation. */
export const comparableCycles = <C extends Pick<Cycle, 'appraisingLevel' | 'organisationId'>>(cycles: C[], cycle: C) =>
  cycles.filter(
    (c) =>
      c.appraisingLevel === cycle.appraisingLevel &&
      (cycle.appraisingLevel === 'province' || c.organisationId === cycle.organisationId),
  );
