/**
 * Departments (sở, ban, ngành) beside communes (issue 22, item 4), in the test province's organisation
 * `tn-test-so-nganh` (tn-test-2025's communes and two departments, ranked in a block of their own), on a
 * framework copied from 4203 with a criteria set of its own for `department` (one area of two rows).
 *
 * /api/units names the departments; a department's officer and head sign in with the commune roles and
 * reach only their own unit; a department and a commune self-assess on their own sets; the province
 * council appraises both; the ranking puts the departments' block apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  definitionOfResponse,
  frameworkResponse,
  type FrameworkDefinitionWire,
  type WireNode,
} from '../../shared/frameworks/wire.js';
import { assessmentResponse, unitsResponse, type AssessmentResponse } from '../../shared/schemas.js';
import { Api, assessmentPath, expectError, startTestStack, flattenNodes, tokenCache } from '../support/api.js';
import { DEPARTMENTS_ORG_ID } from '../support/fixture-province.js';

const FW = 'thu-so-nganh';
const C = '2037';
const PROVINCE = 'thai-nguyen';
const DEPT = 'so-noi-vu';
const OTHER_DEPT = 'so-tai-chinh';
const COMMUNE = 'x-phuc-xuan';
/** The department set's rows: ten of 10 points (a packed summary holds up to 12,95 points a row). */
const DEPT_ROWS = Array.from({ length: 10 }, (_, i) => `1.${i + 1}`);
/** The department's scores: every row full but the last, at 0 → 90 points. */
const DEPT_SCORES = Object.fromEntries(DEPT_ROWS.map((code, i) => [code, { score: i === 9 ? 0 : 10 }]));

let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let province: string;
let communeLeaves: WireNode[];

const tokenOf = tokenCache(() => api);
const flatten = flattenNodes;
const row = (code: string, title: string, maxPoints: number, children: WireNode[] = []): WireNode => ({
  code,
  title,
  maxPoints,
  kind: children.length ? 'group' : 'score',
  notApplicableAllowed: false,
  children,
});

beforeAll(async () => {
  env = await startTestStack();
  api = env.api;
  province = await api.token('province');
  const copied = await api.request('POST', '/api/frameworks', {
    token: province,
    body: { copyFrom: 'thai-nguyen-4203-2021', id: FW, title: 'Bộ tiêu chí thử có sở, ban, ngành' },
  });
  expect(copied.status, JSON.stringify(copied.body)).toBe(201);
  const def: FrameworkDefinitionWire = structuredClone(definitionOfResponse(frameworkResponse.parse(copied.body)));
  communeLeaves = flatten(def.sets[0]!.items).filter((n) => n.children.length === 0);
  def.sets.push({
    id: 'so-nganh',
    title: 'Tiêu chí sở, ban, ngành',
    unitKinds: ['department'],
    items: [
      row(
        'I',
        'Công tác cải cách hành chính của sở, ban, ngành',
        100,
        DEPT_ROWS.map((code) => row(code, `Nội dung thử ${code}`, 10)),
      ),
    ],
  });
  def.years = [Number(C)];
  const saved = await api.request('PUT', `/api/frameworks/${FW}`, { token: province, body: { version: 1, definition: def } });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const active = await api.request('POST', `/api/frameworks/${FW}/activate`, { token: province, body: { version: 2 } });
  expect(active.status, JSON.stringify(active.body)).toBe(200);
  const opened = await api.request('POST', '/api/cycles', {
    token: province,
    body: {
      year: Number(C),
      frameworkId: FW,
      selfAssessmentDeadline: '2037-12-31T17:00:00+07:00',
      organisationId: DEPARTMENTS_ORG_ID,
    },
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
});
afterAll(async () => {
  await env?.stop();
});

const path = (u: string, tail = '') => assessmentPath(C, u) + tail;
async function read(u: string): Promise<AssessmentResponse> {
  const r = await api.request('GET', path(u), { token: province });
  expect(r.status).toBe(200);
  return assessmentResponse.parse(r.body);
}

describe('departments beside communes', () => {
  it('a framework with no set for departments cannot open a cycle on an organisation that has them → 409, nothing opened', async () => {
    const e = expectError(
      await api.request('POST', '/api/cycles', {
        token: province,
        body: {
          year: Number(C) + 1,
          frameworkId: 'thai-nguyen-4203-2021',
          selfAssessmentDeadline: '2038-12-31T17:00:00+07:00',
          organisationId: DEPARTMENTS_ORG_ID,
        },
      }),
      409,
      'LIFECYCLE',
    );
    expect(e.message).toContain('không có bộ tiêu chí cho sở, ban, ngành của tổ chức này');
    expect((await api.request('GET', `/api/cycles/${Number(C) + 1}`, { token: province })).status).toBe(404);
  });

  it('/api/units names the departments under the province, as units of kind department', async () => {
    const r = await api.get(`/api/units?cycleId=${C}`, province);
    expect(r.status).toBe(200);
    const u = unitsResponse.parse(r.body);
    expect(u.appraisingUnits).toHaveLength(1);
    expect(u.appraisingUnits[0]!.departments).toEqual([
      { id: DEPT, name: 'Sở Nội vụ' },
      { id: OTHER_DEPT, name: 'Sở Tài chính' },
    ]);
    expect(u.appraisingUnits[0]!.communes.filter((c) => c.kind === 'department').map((c) => c.id)).toEqual([DEPT, OTHER_DEPT]);
    expect(u.rankingBlocks.find((b) => b.kinds.includes('department'))).toEqual({
      id: 'so-nganh',
      label: 'Sở, ban, ngành',
      kinds: ['department'],
    });
  });

  it('a department’s officer and head reach their own assessment only', async () => {
    for (const role of ['commune_officer', 'commune_chair'] as const) {
      const t = await tokenOf(role, DEPT);
      const own = await api.request('GET', path(DEPT), { token: t });
      expect(own.status, `${role}: ${JSON.stringify(own.body)}`).toBe(200);
      for (const other of [OTHER_DEPT, COMMUNE])
        expectError(await api.request('GET', path(other), { token: t }), 403, 'FORBIDDEN');
    }
    expectError(await api.request('GET', path(DEPT), { token: await tokenOf('commune_chair', COMMUNE) }), 403, 'FORBIDDEN');
  });

  it('a department reads and scores its own set; a commune its own; rows of the other set → 400', async () => {
    const d = await read(DEPT);
    expect(Object.keys(d.items).sort()).toEqual([...DEPT_ROWS].sort());
    const chair = await tokenOf('commune_chair', DEPT);
    expectError(
      await api.request('PUT', path(DEPT, '/self'), {
        token: chair,
        body: { version: d.version, items: { '1.1.1': { score: 0.25 } } },
      }),
      400,
      'VALIDATION',
    );
    const saved = await api.request('PUT', path(DEPT, '/self'), {
      token: chair,
      body: { version: d.version, items: DEPT_SCORES },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.totals.self.points).toBe(90);

    const c = await read(COMMUNE);
    expect(c.items['1.10']).toBeUndefined();
    const cs = await api.request('PUT', path(COMMUNE, '/self'), {
      token: await tokenOf('commune_chair', COMMUNE),
      body: { version: c.version, items: Object.fromEntries(communeLeaves.map((l) => [l.code, { score: l.maxPoints }])) },
    });
    expect(cs.status, JSON.stringify(cs.body)).toBe(200);
    expect(cs.body.totals.self.points).toBe(100);
  });

  it('the council appraises both; the ranking puts the departments in a block of their own', async () => {
    const scores: Record<string, Record<string, { score: number }>> = {
      [DEPT]: DEPT_SCORES,
      [COMMUNE]: Object.fromEntries(communeLeaves.map((l) => [l.code, { score: l.maxPoints }])),
    };
    for (const u of [DEPT, COMMUNE]) {
      const sub = await api.request('POST', path(u, '/submit'), {
        token: await tokenOf('commune_chair', u),
        body: { version: (await read(u)).version },
      });
      expect(sub.status, `${u}: ${JSON.stringify(sub.body)}`).toBe(200);
      const ap = await api.request('PUT', path(u, '/appraisal'), {
        token: await tokenOf('province_secretary'),
        body: { version: sub.body.version, items: scores[u] },
      });
      expect(ap.status, `${u}: ${JSON.stringify(ap.body)}`).toBe(200);
      const done = await api.request('POST', path(u, '/complete'), {
        token: await tokenOf('province_secretary'),
        body: { version: ap.body.version },
      });
      expect(done.status, `${u}: ${JSON.stringify(done.body)}`).toBe(200);
    }
    const r = await api.request('GET', `/api/cycles/${C}/rankings/${PROVINCE}`, { token: province });
    expect(r.status).toBe(200);
    const rows = r.body.rows as { unitId: string; block: string; rank: number | null; appraised: { points: number } }[];
    const ranked = rows.filter((x) => x.rank !== null).map((x) => [x.unitId, x.block, x.rank, x.appraised.points]);
    expect(ranked).toEqual([
      [COMMUNE, 'xa', 1, 100],
      [DEPT, 'so-nganh', 1, 90],
    ]);
    expect(rows.filter((x) => x.block === 'so-nganh').map((x) => x.unitId)).toEqual([DEPT, OTHER_DEPT]);
  });
});
