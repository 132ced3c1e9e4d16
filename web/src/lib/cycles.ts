import { error } from '@sveltejs/kit';
import { ApiError, call, callUnits, type Args, type JsonEndpoint } from './api';
import type { Cycle, UnitsResponse } from '$shared/schemas';
import { appraisingRoleLevel, levelOf, type Role } from '$shared/permissions';
import type { Endpoints, ResponseOf } from '$shared/api/index';
import { ensureFramework } from './frameworks';

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
  await ensureFramework(assessment.frameworkId);
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

type Account = { role: Role; unitId: string };

/**
 * The cycles an account may open (the cycle pickers offer no others): a province-level account every
 * cycle; a district's council and chairman the district-level cycles whose organisation has their
 * district; a commune's officials the cycles whose organisation has their commune. The units of each
 * organisation come from `unitsByCycle` (one cycle of it is enough); an organisation whose units are not
 * known is kept, as before.
 */
export function cyclesForAccount(user: Account, cycles: Cycle[], unitsByCycle: Map<string, UnitsResponse | undefined>): Cycle[] {
  const level = levelOf(user.role);
  if (level === 'province') return cycles;
  const ofOrg = new Map<string, UnitsResponse>();
  for (const c of cycles) {
    const u = unitsByCycle.get(c.id);
    if (u) ofOrg.set(c.organisationId, u);
  }
  const has = (u: UnitsResponse) =>
    level === 'district'
      ? u.appraisingLevel === 'district' && u.appraisingUnits.some((d) => d.id === user.unitId)
      : u.appraisingUnits.some((d) => d.communes.some((c) => c.id === user.unitId));
  return cycles.filter((c) => {
    if (level === 'district' && c.appraisingLevel !== 'district') return false;
    const u = ofOrg.get(c.organisationId);
    return u === undefined || has(u);
  });
}

/** cyclesForAccount with the units read: one request per organisation the account might belong to. */
export async function loadCyclesForAccount(user: Account, cycles: Cycle[]) {
  const unitsByCycle = new Map<string, UnitsResponse | undefined>();
  if (levelOf(user.role) !== 'province') {
    const level = appraisingRoleLevel(user.role);
    const one = new Map<string, string>();
    for (const c of cycles)
      if ((!level || c.appraisingLevel === level) && !one.has(c.organisationId)) one.set(c.organisationId, c.id);
    const read = await Promise.all(
      [...one.values()].map(async (id) => [id, await callUnits(id).catch(() => undefined)] as const),
    );
    for (const [id, u] of read) unitsByCycle.set(id, u);
  }
  return { cycles: cyclesForAccount(user, cycles, unitsByCycle), unitsByCycle };
}
