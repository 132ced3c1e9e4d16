/**
 * Every route × every role × the caller's own unit, another unit, another district, and no token,
 * through the local router: the status each must get, and that nothing changed; every route of a
 * cycle twice, in a district-level cycle (the seeded one) and in a province-level one (opened here in
 * the test province's `tn-test-2025`, appraised by the province).
 *
 * Province-level cycle (API.md, since 1 July 2025): the province_* roles may what the district_* roles
 * may in a district-level one, over every commune; district_* roles may nothing there. In a
 * district-level cycle the province_* roles may no more than `province` (what both may).
 *
 * The target is Xã Phúc Xuân of Thành phố Thái Nguyên (the district of the district routes). Who may
 * call each route is written here from DESIGN.md §2's table, not read from shared/permissions.ts.
 * "Another unit" is, for commune roles, another commune of the same district; for district and
 * province roles (whose level has no second unit in reach) it is a correctly signed token naming a
 * commune, as a mis-provisioned account would carry. "Another district" is a commune or district of
 * Thành phố Sông Công; for province roles a signed token naming that district. Write routes get a
 * body that fails validation, so an allowed caller gets 400 (or 404 for an unknown evidence id) and
 * nothing is written whoever asks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { signJwt } from '../../local/jwt.js';
import { levelOf, ROLES, type Role } from '../../shared/permissions.js';
import { Api, expectError, expectUnchanged, seededCycleId, snapshot, startTestStack, type Snapshot } from '../support/api.js';
import { PROVINCE_ORG_ID } from '../support/fixture-province.js';

let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let province: string;
const C = seededCycleId();
const FW = 'thai-nguyen-4203-2021';
const PROVINCE = 'thai-nguyen';
const UNIT = 'phuc-xuan';
const DISTRICT = 'tp-thai-nguyen';
const SAME_DISTRICT_COMMUNE = 'quyet-thang';
const OTHER_DISTRICT = 'tp-song-cong';
const OTHER_DISTRICT_COMMUNE = 'mo-che';
const NO_EVIDENCE = '00000000-0000-0000-0000-000000000000';
/** The province-level cycle and its units (test/support/fixture-province.ts). */
const PC = '2031';
const P_UNIT = 'x-phuc-xuan';
const P_OTHER_COMMUNE = 'x-dai-phuc';
const P_FAR_COMMUNE = 'p-song-cong';
type Kind = 'district' | 'province';

type Scope = 'own' | 'otherUnit' | 'otherDistrict';
const SCOPES: Scope[] = ['own', 'otherUnit', 'otherDistrict'];

const COMMUNE_ROLES: Role[] = ['commune_officer', 'commune_chair'];
const DISTRICT_ROLES: Role[] = ['district_appraiser', 'district_secretary', 'district_chair'];
const PROVINCE_STAFF: Role[] = ['province_appraiser', 'province_secretary', 'province_chair'];
/** A province council role's district counterpart (whose row in the table it follows). */
const counterpart = (r: Role): Role => r.replace('province_', 'district_') as Role;
const READERS: Role[] = ROLES.filter((r) => r !== 'operator');
const DISTRICT_READERS: Role[] = [...DISTRICT_ROLES, 'province'];

interface Row {
  /** Who the role table lets call it at all; 'public': no sign-in. */
  roles: Role[] | 'public';
  /** What it acts on: the commune, the district, or nothing of one unit (the catalog, the caller's own scope). */
  on: 'commune' | 'district' | 'none';
  /** What an allowed caller gets with the body below. */
  allowed: number;
  /** The province council's roles that may, where not by their district counterpart's row (the workbook). */
  provinceStaff?: Role[];
  body?: unknown;
}

const INVALID = { unexpected: true };
const TABLE: Record<string, Row> = {
  'GET /api/health': { roles: 'public', on: 'none', allowed: 200 },
  'GET /api/openapi.json': { roles: 'public', on: 'none', allowed: 200 },
  'GET /api/units': { roles: [...ROLES], on: 'none', allowed: 200 },
  'GET /api/frameworks': { roles: [...ROLES], on: 'none', allowed: 200 },
  'GET /api/frameworks/{frameworkId}': { roles: [...ROLES], on: 'none', allowed: 200 },
  // Only the province authors frameworks (API.md, "Frameworks as data"); its malformed bodies get 400.
  'POST /api/frameworks': { roles: ['province'], on: 'none', allowed: 400, body: INVALID },
  'PUT /api/frameworks/{frameworkId}': { roles: ['province'], on: 'none', allowed: 400, body: INVALID },
  'POST /api/frameworks/{frameworkId}/activate': { roles: ['province'], on: 'none', allowed: 400, body: INVALID },
  'POST /api/frameworks/{frameworkId}/retire': { roles: ['province'], on: 'none', allowed: 400, body: INVALID },
  // A JSON body is not an .xlsx: 400 for the province.
  'POST /api/frameworks/import': { roles: ['province'], on: 'none', allowed: 400, body: INVALID },
  'GET /api/frameworks/{frameworkId}/export.xlsx': { roles: ['province'], on: 'none', allowed: 200 },
  'GET /api/cycles': { roles: [...ROLES], on: 'none', allowed: 200 },
  'POST /api/cycles': { roles: ['province'], on: 'none', allowed: 400, body: INVALID },

  'GET /api/cycles/{cycleId}/assessments': { roles: READERS, on: 'none', allowed: 200 },
  'GET /api/cycles/{cycleId}/assessments/{unitId}': { roles: READERS, on: 'commune', allowed: 200 },
  'PUT /api/cycles/{cycleId}/assessments/{unitId}/self': { roles: COMMUNE_ROLES, on: 'commune', allowed: 400, body: INVALID },
  'POST /api/cycles/{cycleId}/assessments/{unitId}/submit': {
    roles: ['commune_chair'],
    on: 'commune',
    allowed: 400,
    body: INVALID,
  },
  'GET /api/cycles/{cycleId}/assessments/{unitId}/audit': { roles: READERS, on: 'commune', allowed: 200 },

  'POST /api/cycles/{cycleId}/assessments/{unitId}/evidence': {
    roles: COMMUNE_ROLES,
    on: 'commune',
    allowed: 400,
    body: INVALID,
  },
  'POST /api/cycles/{cycleId}/assessments/{unitId}/evidence/{evidenceId}/confirm': {
    roles: COMMUNE_ROLES,
    on: 'commune',
    allowed: 404,
  },
  'GET /api/cycles/{cycleId}/assessments/{unitId}/evidence/{evidenceId}': { roles: READERS, on: 'commune', allowed: 404 },
  'DELETE /api/cycles/{cycleId}/assessments/{unitId}/evidence/{evidenceId}': {
    roles: COMMUNE_ROLES,
    on: 'commune',
    allowed: 404,
  },

  'PUT /api/cycles/{cycleId}/assessments/{unitId}/appraisal': {
    roles: ['district_appraiser', 'district_secretary'],
    on: 'commune',
    allowed: 400,
    body: INVALID,
  },
  // The survey rows' points by hand: the council's secretary (API.md, "Frameworks as data").
  'PUT /api/cycles/{cycleId}/assessments/{unitId}/survey': {
    roles: ['district_secretary'],
    on: 'commune',
    allowed: 400,
    body: INVALID,
  },
  'POST /api/cycles/{cycleId}/assessments/{unitId}/return': {
    roles: ['district_secretary'],
    on: 'commune',
    allowed: 400,
    body: INVALID,
  },
  'POST /api/cycles/{cycleId}/assessments/{unitId}/complete': {
    roles: ['district_secretary'],
    on: 'commune',
    allowed: 400,
    body: INVALID,
  },
  'POST /api/cycles/{cycleId}/assessments/{unitId}/deadline': {
    roles: ['district_secretary'],
    on: 'commune',
    allowed: 400,
    body: INVALID,
  },
  'POST /api/cycles/{cycleId}/assessments/{unitId}/accept-late': {
    roles: ['district_secretary'],
    on: 'commune',
    allowed: 400,
    body: INVALID,
  },
  'GET /api/cycles/{cycleId}/assignments/{districtId}': { roles: DISTRICT_READERS, on: 'district', allowed: 200 },
  'PUT /api/cycles/{cycleId}/assignments/{districtId}': {
    roles: ['district_secretary'],
    on: 'district',
    allowed: 400,
    body: INVALID,
  },
  'GET /api/cycles/{cycleId}/assignments/{districtId}/users': { roles: ['district_secretary'], on: 'district', allowed: 200 },

  'GET /api/cycles/{cycleId}/rankings/{districtId}': { roles: DISTRICT_READERS, on: 'district', allowed: 200 },
  'POST /api/cycles/{cycleId}/rankings/{districtId}/approve': {
    roles: ['district_chair'],
    on: 'district',
    allowed: 400,
    body: INVALID,
  },
  'POST /api/cycles/{cycleId}/rankings/{districtId}/publish': {
    roles: ['district_chair'],
    on: 'district',
    allowed: 400,
    body: INVALID,
  },
  'POST /api/cycles/{cycleId}/rankings/{districtId}/report': {
    roles: ['district_chair'],
    on: 'district',
    allowed: 400,
    body: INVALID,
  },
  'GET /api/cycles/{cycleId}/rankings/{districtId}/appendix-2.xlsx': { roles: DISTRICT_READERS, on: 'district', allowed: 200 },
  'GET /api/cycles/{cycleId}/assessments/{unitId}/appendix-1.xlsx': { roles: READERS, on: 'commune', allowed: 200 },
  // District staff see their own district's part whichever district they belong to.
  'GET /api/cycles/{cycleId}/consolidated': { roles: DISTRICT_READERS, on: 'none', allowed: 200 },
  // The province's workbook: whoever reads every unit of the province (its secretary and chairman too).
  'GET /api/cycles/{cycleId}/consolidated.xlsx': {
    roles: ['province'],
    provinceStaff: ['province_secretary', 'province_chair'],
    on: 'none',
    allowed: 200,
  },
  'GET /api/cycles/{cycleId}/results': { roles: 'public', on: 'none', allowed: 200 },
  'GET /api/public/cycles': { roles: 'public', on: 'none', allowed: 200 },
};

/** The unit a role's token names in each scope, and whether that unit is of the role's own level. */
function unitFor(role: Role, scope: Scope, kind: Kind = 'district'): { unitId: string; wellFormed: boolean } {
  const level = levelOf(role);
  if (level === 'commune')
    return {
      unitId:
        kind === 'province'
          ? { own: P_UNIT, otherUnit: P_OTHER_COMMUNE, otherDistrict: P_FAR_COMMUNE }[scope]
          : { own: UNIT, otherUnit: SAME_DISTRICT_COMMUNE, otherDistrict: OTHER_DISTRICT_COMMUNE }[scope],
      wellFormed: true,
    };
  if (level === 'district')
    return scope === 'otherUnit'
      ? { unitId: UNIT, wellFormed: false }
      : { unitId: scope === 'own' ? DISTRICT : OTHER_DISTRICT, wellFormed: true };
  return scope === 'own'
    ? { unitId: PROVINCE, wellFormed: true }
    : { unitId: scope === 'otherUnit' ? UNIT : OTHER_DISTRICT, wellFormed: false };
}

/** The status the rules call for (written from DESIGN.md §2 and API.md, see the file's comment). */
function expected(row: Row, role: Role | undefined, scope: Scope | undefined, kind: Kind | 'none' = 'district'): number {
  if (row.roles === 'public') return row.allowed;
  if (!role || !scope) return 401;
  const { wellFormed } = unitFor(role, scope, kind === 'province' ? 'province' : 'district');
  // A district's roles have no say in a cycle the province appraises.
  if (kind === 'province' && DISTRICT_ROLES.includes(role)) return 403;
  if (!wellFormed) return 403;
  const mayByRole = PROVINCE_STAFF.includes(role)
    ? (row.provinceStaff?.includes(role) ?? false) ||
      (row.roles.includes(counterpart(role)) && (kind === 'province' || row.roles.includes('province')))
    : row.roles.includes(role);
  if (!mayByRole) return 403;
  if (row.on === 'none' || levelOf(role) === 'province') return row.allowed;
  // A commune role reaches its own commune only; a district role the communes of its district and the district itself.
  return scope === 'own' ? row.allowed : 403;
}

const pathOf = (routeKey: string, kind: Kind = 'district') =>
  routeKey
    .split(' ')[1]!
    .replace('{cycleId}', kind === 'province' ? PC : C)
    .replace('{unitId}', kind === 'province' ? P_UNIT : UNIT)
    .replace('{districtId}', kind === 'province' ? PROVINCE : DISTRICT)
    .replace('{frameworkId}', FW)
    .replace('{evidenceId}', NO_EVIDENCE);

const tokens = new Map<string, string>();
const tokenOf = (role: Role, scope: Scope, kind: Kind = 'district') =>
  tokens.get(`${role}/${scope}/${levelOf(role) === 'commune' ? kind : 'district'}`)!;

beforeAll(async () => {
  env = await startTestStack();
  api = env.api;
  province = await api.token('province');
  const opened = await api.call(
    'openCycle',
    {},
    {
      token: province,
      body: {
        year: Number(PC),
        frameworkId: FW,
        selfAssessmentDeadline: '2031-12-31T17:00:00+07:00',
        organisationId: PROVINCE_ORG_ID,
      },
    },
  );
  expect(opened.status).toBe(201);
  expect(opened.body.appraisingLevel).toBe('province');
  for (const kind of ['district', 'province'] as const)
    for (const role of ROLES)
      for (const scope of SCOPES) {
        const { unitId } = unitFor(role, scope, kind);
        // Signed with the stack's own secret: the dev sign-in refuses a unit of the wrong level, an
        // identity provider that is mis-provisioned would not.
        tokens.set(
          `${role}/${scope}/${kind}`,
          signJwt({ sub: `authz:${role}:${unitId}`, name: `Kiểm thử ${role}`, role, unitId }, env.stack.jwtSecret),
        );
      }
});
afterAll(async () => {
  await env?.stop();
});

/** Everything a refused (or validation-failed) request could have changed, read as the province. */
async function state(kind: Kind = 'district'): Promise<{ assessment: Snapshot; district: unknown }> {
  const read = async (path: string) => {
    const r = await api.get(path, province);
    expect(r.status, path).toBe(200);
    return r.body as unknown;
  };
  const [cycle, unit, au] = kind === 'province' ? [PC, P_UNIT, PROVINCE] : [C, UNIT, DISTRICT];
  const [assessment, ranking, assignments, cycles, list, frameworks, framework] = await Promise.all([
    snapshot(api, province, cycle, unit),
    read(`/api/cycles/${cycle}/rankings/${au}`),
    read(`/api/cycles/${cycle}/assignments/${au}`),
    read('/api/cycles'),
    read(`/api/cycles/${cycle}/assessments`),
    read('/api/frameworks'),
    read(`/api/frameworks/${FW}`),
  ]);
  return { assessment, district: { ranking, assignments, cycles, list, frameworks, framework } };
}

describe('authorisation table', () => {
  it('has a row for every route of ROUTES, and none for a route that does not exist', () => {
    const keys = ROUTES.map((r) => r.routeKey);
    expect(
      keys.filter((k) => !(k in TABLE)),
      'routes without a row',
    ).toEqual([]);
    expect(
      Object.keys(TABLE).filter((k) => !keys.includes(k)),
      'rows without a route',
    ).toEqual([]);
    for (const r of ROUTES) expect(TABLE[r.routeKey]!.roles === 'public', r.routeKey).toBe(!r.auth);
  });

  const runs = ROUTES.flatMap((route): { route: (typeof ROUTES)[number]; kind: Kind | 'none' }[] =>
    route.routeKey.includes('{cycleId}')
      ? (['district', 'province'] as const).map((kind) => ({ route, kind }))
      : [{ route, kind: 'none' as const }],
  );
  for (const { route, kind } of runs) {
    const where = kind === 'none' ? '' : ` (${kind}-level cycle)`;
    it(`${route.routeKey}${where}: every role in every scope, and no token`, async () => {
      const row = TABLE[route.routeKey];
      expect(row, `no row for ${route.routeKey}`).toBeDefined();
      const [method] = route.routeKey.split(' ') as [string];
      const k: Kind = kind === 'province' ? 'province' : 'district';
      const path = pathOf(route.routeKey, k);
      const before = await state(k);
      const cases: { role?: Role; scope?: Scope }[] = [{}, ...ROLES.flatMap((role) => SCOPES.map((scope) => ({ role, scope })))];
      const replies = await Promise.all(
        cases.map(({ role, scope }) =>
          api.request(method, path, {
            ...(role && scope ? { token: tokenOf(role, scope, k) } : {}),
            ...(row!.body === undefined ? {} : { body: row!.body }),
          }),
        ),
      );
      const got = cases.map((c, i) => `${c.role ?? '(no token)'}/${c.scope ?? '-'}: ${replies[i]!.status}`);
      const want = cases.map((c) => `${c.role ?? '(no token)'}/${c.scope ?? '-'}: ${expected(row!, c.role, c.scope, kind)}`);
      expect(got).toEqual(want);
      for (const r of replies) {
        if (r.status === 401) expectError(r, 401, 'UNAUTHENTICATED');
        if (r.status === 403) expectError(r, 403, 'FORBIDDEN');
      }
      const after = await state(k);
      await expectUnchanged(api, province, before.assessment);
      expect(after.district).toEqual(before.district);
    });
  }
});
