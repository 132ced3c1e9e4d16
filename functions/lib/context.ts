/**
 * What every function shares: the store and the province's units (made once per module, from the
 * environment read once), and the checks that come before any change to an assessment.
 */
import { NotFound, NotPermitted } from '../../shared/errors.js';
import { getFramework } from '../../shared/framework-registry.js';
import type { Framework } from '../../shared/framework.js';
import { can, canSeeUnit, levelOf, type Action, type Principal } from '../../shared/permissions.js';
import type { Assessment } from '../../shared/assessment.js';
import type { Cycle } from '../../shared/schemas.js';
import { makeDocumentClient } from './clients.js';
import { requireEnv } from './env.js';
import { authorize, type Request } from './http.js';
import { Lifecycle, sfnCallbacks, sfnStarter } from './lifecycle.js';
import { Logger } from './logger.js';
import { Store } from './store.js';
import { Units, type CommuneRef } from './units.js';

export const store = new Store(makeDocumentClient(), requireEnv('TABLE_NAME'));
export const units = Units.forProvince(requireEnv('PROVINCE_ID'));
const stateMachineArn = process.env.STATE_MACHINE_ARN;
/** In AWS the state machine's ARN comes from the stack; the local stack plugs its runner in instead. */
export const lifecycle = new Lifecycle(
  store,
  stateMachineArn ? sfnCallbacks() : undefined,
  stateMachineArn ? sfnStarter(stateMachineArn) : undefined,
  new Logger('lifecycle'),
);

/** Cycles don't change once opened: a warm function reads each at most every 30 s, not on every save. */
const cycleCache = new Map<string, { cycle: Cycle; until: number }>();

export async function cycleOrFail(cycleId: string): Promise<Cycle> {
  const hit = cycleCache.get(cycleId);
  if (hit && hit.until > Date.now()) return hit.cycle;
  const c = await store.getCycle(cycleId);
  if (!c) throw new NotFound(`Không có kỳ đánh giá "${cycleId}"`);
  cycleCache.set(cycleId, { cycle: c, until: Date.now() + 30_000 });
  return c;
}

export function frameworkOf(cycle: Pick<Cycle, 'frameworkId'>): Framework {
  const fw = getFramework(cycle.frameworkId);
  if (!fw) throw new Error(`framework ${cycle.frameworkId} missing from this build`);
  return fw;
}

export interface AssessmentTarget {
  principal: Principal;
  cycle: Cycle;
  commune: CommuneRef;
  framework: Framework;
}

/**
 * Resolves `{cycleId}/assessments/{unitId}` for an action: the role must allow it and the caller's
 * unit must cover the commune (403 otherwise, whatever the browser showed).
 */
export async function target(req: Request, action: Action): Promise<AssessmentTarget> {
  const principal = authorize(req, action);
  const commune = units.commune(req.params.unitId ?? '');
  if (!canSeeUnit(principal, { unitId: commune.id, districtId: commune.districtId, provinceId: commune.provinceId }))
    throw new NotPermitted('Bạn không có quyền với hồ sơ của đơn vị này.');
  const cycle = await cycleOrFail(req.params.cycleId ?? '');
  return { principal, cycle, commune, framework: frameworkOf(cycle) };
}

export async function assessmentOf(t: AssessmentTarget): Promise<Assessment> {
  const a = await store.getAssessment(t.cycle.id, t.commune.districtId, t.commune.id);
  if (!a) throw new NotFound('Đơn vị này chưa có hồ sơ trong kỳ đánh giá.');
  return a;
}

export function mayRead(p: Principal): boolean {
  return can(p, 'assessment.read');
}

/** An appraiser's areas: the district secretary's stored assignment wins over the token's claim. */
export async function withAssignedAreas(p: Principal, cycleId: string): Promise<Principal> {
  if (p.role !== 'district_appraiser') return p;
  const assigned = (await store.getAssignments(cycleId, p.unitId))?.appraisers.find((x) => x.id === p.sub);
  return assigned ? { ...p, areas: assigned.areas } : p;
}

/** District staff of that district, or the province: who may read a district's ranking and assignments. */
export function mayReadDistrict(p: Principal, districtId: string): boolean {
  return (levelOf(p.role) === 'district' && p.unitId === districtId) || (p.role === 'province' && can(p, 'assessment.read'));
}
