/**
 * Issue 21 item 9: an appraiser assignment takes effect. The secretary picks appraisers from the users
 * directory (locally local/users.ts; deployed Cognito, test/unit/users.test.ts); an assignment stored
 * by e-mail applies to a token carrying that e-mail (the dev token of a directory user does, as
 * Cognito's id token does); an id that names no appraiser of the unit is refused and nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignableUsersResponse, type AssignableUsersResponse } from '../../shared/api/appraisal.js';
import { devUsersResponse, type DevTokenResponse } from '../../shared/api/local.js';
import { assignmentsResponse } from '../../shared/schemas.js';
import { Api, expectError, expectUnchanged, seededCycleId, snapshot, startTestStack, type Reply } from '../support/api.js';
import { Flow, okSave } from '../support/appraisal.js';

let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let flow: Flow;
let province: string;
const C = seededCycleId();
const UNIT = 'phuc-xuan';
let D: string;
let OTHER: string;

beforeAll(async () => {
  env = await startTestStack();
  api = env.api;
  flow = await new Flow(api, C).init();
  province = await flow.token('province');
  D = flow.district(UNIT);
  OTHER = flow.district('mo-che');
  expect(OTHER).not.toBe(D);
});
afterAll(async () => {
  await env?.stop();
});

const usersPath = (d: string) => `/api/cycles/${C}/assignments/${d}/users`;
const assignmentsPath = (d: string) => `/api/cycles/${C}/assignments/${d}`;
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

async function devToken(body: Record<string, unknown>): Promise<Reply> {
  return api.request('POST', '/api/dev/token', { body });
}
async function directory() {
  const r = await api.get('/api/dev/users');
  expect(r.status).toBe(200);
  return devUsersResponse.parse(r.body).users;
}

describe('the users a secretary may assign', () => {
  it("lists the unit's appraisers of the directory, by e-mail; one picked is assigned area II and, signed in, appraises area II only", async () => {
    const sec = await flow.token('district_secretary', D, undefined, 'Thư ký');
    const r = await api.get<AssignableUsersResponse>(usersPath(D), sec);
    expect(r.status).toBe(200);
    const users = assignableUsersResponse.parse(r.body).users;
    // Exactly the directory's appraisers of this district: not its secretary or chair, not another district's.
    const all = await directory();
    const want = all.filter((u) => u.role === 'district_appraiser' && u.unitId === D);
    expect(want.length).toBeGreaterThan(0);
    expect(users.map((u) => [u.id, u.name]).sort()).toEqual(want.map((u) => [u.email, u.name]).sort());
    for (const u of users) expect(u.id).toMatch(/^[^@\s]+@[^@\s]+$/);

    const picked = users[0]!;
    const put = await api.request('PUT', assignmentsPath(D), {
      token: sec,
      body: { version: 0, appraisers: [{ id: picked.id, name: picked.name, areas: ['II'] }] },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(assignmentsResponse.parse(put.body).appraisers).toEqual([{ id: picked.email, name: picked.name, areas: ['II'] }]);

    // Signed in as that user (picked from the directory, e-mail in another case): the token carries the e-mail.
    const signed = await devToken({ role: 'district_appraiser', unitId: D, email: picked.email.toUpperCase() });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    const token = (signed.body as DevTokenResponse).token;
    expect(claimsOf(token)).toMatchObject({ email: picked.email, name: picked.name, role: 'district_appraiser', unitId: D });
    // Typing the same name instead of picking is the same person, with the same e-mail.
    const typed = (await devToken({ role: 'district_appraiser', unitId: D, name: picked.name })).body as DevTokenResponse;
    expect(claimsOf(typed.token)).toMatchObject({ email: picked.email, sub: claimsOf(token).sub });

    const v = (await flow.fillAndSubmit(UNIT)).version;
    const before = await snapshot(api, province, C, UNIT);
    // Without the assignment (no areas claim) this appraiser could appraise every area: it is what limits them.
    expectError(await flow.appraise(UNIT, token, v, { '3.1.1': { score: 0, comment: 'Chưa có' } }), 403, 'FORBIDDEN');
    await expectUnchanged(api, province, before);
    const [area2] = flow.leavesOfArea('II');
    okSave(await flow.appraise(UNIT, token, v, { [area2!.code]: { score: area2!.max } }), 'IN_APPRAISAL');
  });

  it('an id that names no appraiser of the unit → 400 naming the field, nothing stored', async () => {
    const sec = await flow.token('district_secretary', OTHER);
    const all = await directory();
    const of = (role: string, unitId: string) => all.find((u) => u.role === role && u.unitId === unitId)!.email;
    const mine = of('district_appraiser', OTHER);
    const before = (await api.get(assignmentsPath(OTHER), sec)).body as unknown;
    const ids: [string, string][] = [
      ['an e-mail of nobody', `khong-co-ai@${all[0]!.email.split('@')[1]}`],
      ['an appraiser of another district', of('district_appraiser', D)],
      ["the district's secretary", of('district_secretary', OTHER)],
      ["the district's chair", of('district_chair', OTHER)],
      ['a commune officer', of('commune_officer', 'mo-che')],
      ['a sub of another role', `local:commune_officer:mo-che:nguyen-van-a`],
      ['a Cognito-like UUID of nobody', '0b6f6a0e-2f0c-4f3a-9d0e-000000000000'],
    ];
    for (const [what, id] of ids) {
      const r = await api.request('PUT', assignmentsPath(OTHER), {
        token: sec,
        body: {
          version: 0,
          appraisers: [
            { id: mine, name: 'Người có thật', areas: ['I'] },
            { id, name: 'Không rõ', areas: ['II'] },
          ],
        },
      });
      expect({ what, status: r.status }).toEqual({ what, status: 400 });
      expectError(r, 400, 'VALIDATION');
      expect(r.body.error.message, what).toMatch(/^Không có thành viên Tổ giúp việc nào của đơn vị này/);
      expect(r.body.error.details, what).toEqual([{ field: 'appraisers.1.id', value: id }]);
    }
    expect((await api.get(assignmentsPath(OTHER), sec)).body).toEqual(before);
  });

  it('the list: only the secretary of the unit (403 otherwise, nothing else of the unit shown), 401 without a token, 404 for an unknown cycle', async () => {
    const refused: [string, string | undefined, number, string][] = [
      ['an appraiser', await flow.token('district_appraiser', D), 403, 'FORBIDDEN'],
      ['the chair', await flow.token('district_chair', D), 403, 'FORBIDDEN'],
      ['the province', province, 403, 'FORBIDDEN'],
      ['a commune officer', await flow.token('commune_officer', UNIT), 403, 'FORBIDDEN'],
      ["another district's secretary", await flow.token('district_secretary', OTHER), 403, 'FORBIDDEN'],
      ['no token', undefined, 401, 'UNAUTHENTICATED'],
    ];
    for (const [what, token, status, code] of refused) {
      const r = await api.get(usersPath(D), token);
      expect({ what, status: r.status }).toEqual({ what, status });
      expectError(r, status, code);
      expect(JSON.stringify(r.body), what).not.toContain('@');
    }
    expectError(
      await api.get(`/api/cycles/1999/assignments/${D}/users`, await flow.token('district_secretary', D)),
      404,
      'NOT_FOUND',
    );
  });

  it('dev sign-in: an e-mail that is no user of that role and unit → 400, no token', async () => {
    const all = await directory();
    const other = all.find((u) => u.role === 'district_appraiser' && u.unitId === OTHER)!;
    for (const body of [
      { role: 'district_appraiser', unitId: D, email: other.email },
      { role: 'district_secretary', unitId: OTHER, email: other.email },
      { role: 'district_appraiser', unitId: OTHER, email: 'khong-co-ai@example.vn' },
    ]) {
      const r = await devToken(body);
      expectError(r, 400, 'VALIDATION');
      expect(r.body.token).toBeUndefined();
    }
  });
});
