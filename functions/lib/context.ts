/**
 * What every function shares: the store, the province's configuration and each cycle's units (from
 * the organisation the cycle opened with), and the checks that come before any change to an assessment.
 */
import { NotAuthenticated, NotFound, NotPermitted } from '../../shared/errors.js';
import { getFramework } from '../../shared/framework-registry.js';
import type { Framework, UnitKind } from '../../shared/framework.js';
import { forgetCycleFrameworks } from './cycle-frameworks.js';
import { authorise, type Action, type Principal, type Resource, type UnitDirectory } from '../../shared/permissions.js';
import type { Assessment } from '../../shared/assessment.js';
import { namesUser } from '../../shared/assignments.js';
import type { Cycle } from '../../shared/schemas.js';
import { makeDocumentClient } from './clients.js';
import { requireEnv } from './env.js';
import type { Request } from './http.js';
import { Lifecycle, sfnCallbacks, sfnStarter } from './lifecycle.js';
import { Logger } from './logger.js';
import { Store } from './store.js';
import { provinceConfig, type ProvinceConfig } from '../../provinces/index.js';
import { definitionOf, provinceOrganisations, type OrganisationDefinition } from '../../shared/organisation.js';
import { eraDirectory, fallbackOrganisationId, snapshotOf, Units, type CommuneRef, type OrganisationSnapshot } from './units.js';

export const store = new Store(makeDocumentClient(), requireEnv('TABLE_NAME'));
const PROVINCE_ID = requireEnv('PROVINCE_ID');

/** The province's configuration as deployed (read per call: a test process may register another). */
export const province = (): ProvinceConfig => provinceConfig(PROVINCE_ID);

const currentCache = new WeakMap<ProvinceConfig, Units>();
/** The units of the province's current organisation: what a new cycle opens with, and the catalog's default. */
export function currentUnits(): Units {
  const p = province();
  let u = currentCache.get(p);
  if (!u) currentCache.set(p, (u = Units.of(p)));
  return u;
}

/**
 * Outside a cycle (the catalog, the list of cycles, a new cycle): the current organisation's units, no
 * cycle level; an account may be of any organisation cycles ran in, so that a 2024 district council
 * still reaches its 2024 cycle after the merger.
 */
export const currentDirectory = (): UnitDirectory => {
  return eraDirectory(currentUnits(), everyEra());
};

const eraCache = new WeakMap<ProvinceConfig, Units[]>();
/** The units of every organisation of the province that cycles run in. */
export function everyEra(): Units[] {
  const p = province();
  let all = eraCache.get(p);
  if (!all)
    eraCache.set(
      p,
      (all = provinceOrganisations(p)
        .organisations.filter((o) => o.cyclesRunHere !== false)
        .map((o) => Units.of(p, o.id))),
    );
  return all;
}

/** A cycle's snapshot never changes once written, so it is read once per cycle (and organisation) per process. */
const cycleUnits = new Map<string, Promise<Units>>();

/**
 * The units of a cycle: the organisation it opened with, from its stored snapshot, never from the live
 * configuration. A cycle stored before snapshots resolves to the organisation in force at the end of its year.
 */
export function unitsOf(cycle: Pick<Cycle, 'id' | 'year'> & { organisationId?: string }): Promise<Units> {
  const key = `${cycle.id}#${cycle.organisationId ?? ''}`;
  let hit = cycleUnits.get(key);
  if (!hit) {
    hit = (async () => {
      const s = await store.getCycleOrganisation<OrganisationSnapshot>(cycle.id);
      if (s) return new Units(s);
      const p = province();
      return new Units(snapshotOf(p, cycle.organisationId ?? fallbackOrganisationId(p, cycle.year)));
    })();
    hit.catch(() => cycleUnits.delete(key));
    cycleUnits.set(key, hit);
  }
  return hit;
}
const stateMachineArn = process.env.STATE_MACHINE_ARN;
/** In AWS the state machine's ARN comes from the stack; the local stack plugs its runner in instead. */
export const lifecycle = new Lifecycle(
  store,
  stateMachineArn ? sfnCallbacks() : undefined,
  stateMachineArn ? sfnStarter(stateMachineArn) : undefined,
  new Logger('lifecycle'),
);

/**
 * The organisations to follow `formedFrom` through: the configuration's, with those of the given
 * cycles as their snapshots hold them (a later edit of the configuration does not rewrite them).
 */
export function organisationsWith(cycles: readonly Units[]): OrganisationDefinition[] {
  const own = new Map(cycles.map((u) => [u.org.id, definitionOf(u.org)] as const));
  const live = provinceOrganisations(province()).organisations.filter((o) => !own.has(o.id));
  return [...live, ...own.values()];
}

/** Cycles don't change once opened: a warm function reads each at most every 30 s, not on every save. */
const cycleCache = new Map<string, { cycle: Cycle; until: number }>();

/** A cold start: the local stack's restart forgets what a warm function would have kept. */
export function forgetCaches(): void {
  cycleCache.clear();
  cycleUnits.clear();
  forgetCycleFrameworks();
}

export async function cycleOrFail(cycleId: string): Promise<Cycle> {
  const hit = cycleCache.get(cycleId);
  if (hit && hit.until > Date.now()) return hit.cycle;
  const stored = await store.getCycle(cycleId);
  if (!stored) throw new NotFound(`Không có kỳ đánh giá "${cycleId}"`);
  const c = await withOrganisation(stored);
  cycleCache.set(cycleId, { cycle: c, until: Date.now() + 30_000 });
  return c;
}

/** A cycle row with its organisation and level (a cycle stored before they were kept gets them from unitsOf). */
export async function withOrganisation(c: Cycle): Promise<Cycle> {
  if (c.organisationId && c.appraisingLevel) return c;
  const u = await unitsOf(c);
  return { ...c, organisationId: u.org.id, appraisingLevel: u.appraisingLevel };
}

/**
 * The cycle's framework as a unit of `kind` is scored against (default the xã set). Read by
 * store.getCycle / listCycles before the cycle reached the caller (functions/lib/cycle-frameworks.ts).
 */
export function frameworkOf(cycle: Pick<Cycle, 'frameworkId' | 'id'>, kind?: UnitKind): Framework {
  const fw = getFramework(cycle.frameworkId, kind);
  if (!fw) throw new Error(`framework ${cycle.frameworkId} of cycle ${cycle.id} was not read`);
  return fw;
}

/** The cycle's framework per unit kind: each assessment is scored against the set holding its kind. */
export const frameworksOf =
  (cycle: Pick<Cycle, 'frameworkId' | 'id'>) =>
  (kind: UnitKind): Framework =>
    frameworkOf(cycle, kind);

export interface AssessmentTarget {
  principal: Principal;
  cycle: Cycle;
  units: Units;
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
  /** The cycle's units (its level narrows the appraising roles); default the current organisation, no cycle. */
  units?: Units,
): Principal {
  const p = req.principal;
  const directory = units ? units.directory(true) : currentDirectory();
  const decision = authorise(p, action, { ...(typeof on === 'function' && p ? on(p) : on), units: directory });
  if (decision.allowed) return p!;
  if (decision.refusal === 'unauthenticated') throw new NotAuthenticated(decision.message);
  if (decision.refusal === 'not-found') throw new NotFound(decision.message);
  throw new NotPermitted(decision.message, decision.details);
}

/** Resolves `{cycleId}/assessments/{unitId}` for an action (403 whatever the browser showed). */
export async function target(req: Request, action: Action): Promise<AssessmentTarget> {
  if (!req.principal) allow(req, action);
  const cycle = await cycleOrFail(req.params.cycleId ?? '');
  const units = await unitsOf(cycle);
  const principal = allow(req, action, { unitId: req.params.unitId ?? '' }, units);
  const commune = units.commune(req.params.unitId ?? '');
  return { principal, cycle, units, commune, framework: frameworkOf(cycle, commune.kind) };
}

export async function assessmentOf(t: AssessmentTarget): Promise<Assessment> {
  const a = await store.getAssessment(t.cycle.id, t.commune.districtId, t.commune.id);
  if (!a) throw new NotFound('Đơn vị này chưa có hồ sơ trong kỳ đánh giá.');
  return a;
}

/**
 * An appraiser's areas and communes: the secretary's stored assignment (of the appraiser's own unit,
 * the district or the province) wins over the token's claim.
 */
export async function withAssignedAreas(p: Principal, cycleId: string): Promise<Principal> {
  if (p.role !== 'district_appraiser' && p.role !== 'province_appraiser') return p;
  const assigned = (await store.getAssignments(cycleId, p.unitId))?.appraisers.find((x) => namesUser(x, p));
  return assigned ? { ...p, areas: assigned.areas, ...(assigned.communes ? { communes: assigned.communes } : {}) } : p;
}

/** `allow()` again with a principal the route has completed (an appraiser's stored assignment). */
export function allowAs(p: Principal, action: Action, on: Omit<Resource, 'units'>, units: Units): Principal {
  return allow({ principal: p }, action, on, units);
}
