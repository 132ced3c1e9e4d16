/**
 * What every function shares: the store and the province's units (made once per module, from the
 * environment read once), and the checks that come before any change to an assessment.
 */
import { NotAuthenticated, NotFound, NotPermitted } from '../../shared/errors.js';
import { getFramework } from '../../shared/framework-registry.js';
import type { Framework } from '../../shared/framework.js';
import { authorise, type Action, type Principal, type Resource, type UnitDirectory } from '../../shared/permissions.js';
import type { Assessment } from '../../shared/assessment.js';
import type { Cycle } from '../../shared/schemas.js';
import { makeDocumentClient } from './clients.js';
import { requireEnv } from './env.js';
import type { Request } from './http.js';
import { Lifecycle, sfnCallbacks, sfnStarter } from './lifecycle.js';
import { Logger } from './logger.js';
import { Store } from './store.js';
import { Units, type CommuneRef } from './units.js';

export const store = new Store(makeDocumentClient(), requireEnv('TABLE_NAME'));
export const units = Units.forProvince(requireEnv('PROVINCE_ID'));
export const unitDirectory: UnitDirectory = {
  levelOf: (id) => units.levelOf(id),
  districtOf: (id) => units.communes.get(id)?.districtId,
};
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
 * The one door of every route to `authorise()`: the route names its action and what it acts on (the
 * ids from its path; a function of the caller for "the caller's own scope"); a refusal becomes the
 * error the client sees. Answers the caller, signed in and allowed.
 */
export function allow(
  req: Pick<Request, 'principal'>,
  action: Action,
  on: Omit<Resource, 'units'> | ((p: Principal) => Omit<Resource, 'units'>) = {},
): Principal {
  const p = req.principal;
  const decision = authorise(p, action, { ...(typeof on === 'function' && p ? on(p) : on), units: unitDirectory });
  if (decision.allowed) return p!;
  if (decision.refusal === 'unauthenticated') throw new NotAuthenticated(decision.message);
  if (decision.refusal === 'not-found') throw new NotFound(decision.message);
  throw new NotPermitted(decision.message, decision.details);
}

/** Resolves `{cycleId}/assessments/{unitId}` for an action (403 whatever the browser showed). */
export async function target(req: Request, action: Action): Promise<AssessmentTarget> {
  const principal = allow(req, action, { unitId: req.params.unitId ?? '' });
  const commune = units.commune(req.params.unitId ?? '');
  const cycle = await cycleOrFail(req.params.cycleId ?? '');
  return { principal, cycle, commune, framework: frameworkOf(cycle) };
}

export async function assessmentOf(t: AssessmentTarget): Promise<Assessment> {
  const a = await store.getAssessment(t.cycle.id, t.commune.districtId, t.commune.id);
  if (!a) throw new NotFound('Đơn vị này chưa có hồ sơ trong kỳ đánh giá.');
  return a;
}

/** An appraiser's areas: the district secretary's stored assignment wins over the token's claim. */
export async function withAssignedAreas(p: Principal, cycleId: string): Promise<Principal> {
  if (p.role !== 'district_appraiser') return p;
  const assigned = (await store.getAssignments(cycleId, p.unitId))?.appraisers.find((x) => x.id === p.sub);
  return assigned ? { ...p, areas: assigned.areas } : p;
}
