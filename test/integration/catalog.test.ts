/**
 * Health, units, frameworks, cycles and local sign-in, through the local router against dynalite.
 */
import { frameworkResponse } from '../../shared/frameworks/wire.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../local/jwt.js';
import { LOCAL_ONLY_ROUTES, ROUTES } from '../../functions/routes.js';
import { openApiDocument } from '../../shared/api/openapi.js';
import {
  assessmentListResponse,
  cycle as cycleSchema,
  cyclesResponse,
  unitsResponse,
  type UnitsResponse,
} from '../../shared/schemas.js';
import {
  Api,
  assessmentPath,
  expectError,
  expectField,
  expectUnchanged,
  seededCycleId,
  snapshot,
  startTestStack,
  flattenNodes,
} from '../support/api.js';

const FW = 'thai-nguyen-4203-2021';
let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let province: string;

beforeAll(async () => {
  env = await startTestStack();
  api = env.api;
  province = await api.token('province');
});
afterAll(async () => {
  await env?.stop();
});

const flatten = flattenNodes;

describe('GET /api/health', () => {
  it('answers 200 without a token', async () => {
    const r = await api.get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok' });
  });
});

describe('GET /api/openapi.json', () => {
  it('serves the generated OpenAPI 3.1 document without a token: every route of the table, the token route marked local', async () => {
    const r = await api.call('getOpenApi', {});
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    const paths = r.body.paths as Record<string, Record<string, { 'x-local-only'?: boolean }>>;
    const served = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(served.sort()).toEqual([...ROUTES.map((x) => x.routeKey), ...LOCAL_ONLY_ROUTES].sort());
    expect(paths['/api/dev/token']!.post!['x-local-only']).toBe(true);
  });

  it('?format=3.0: the same operations in OpenAPI 3.0 for the reference page, no keyword of 3.1 left; another format → 400', async () => {
    const v31 = (await api.get('/api/openapi.json')).body as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const r = await api.get('/api/openapi.json?format=3.0');
    expect(r.status).toBe(200);
    const v30 = r.body as typeof v31 & { openapi: string };
    expect(v30.openapi).toBe('3.0.3');
    // Every operation with the same id, summary, area and responses.
    const ops = (d: typeof v31) =>
      Object.entries(d.paths).flatMap(([p, o]) =>
        Object.entries(o).map(([m, op]) => [
          `${m} ${p}`,
          op.operationId,
          op.summary,
          op.tags,
          Object.keys(op.responses as object),
        ]),
      );
    expect(ops(v30)).toEqual(ops(v31));
    // JSON Schema 2020-12 only: `const`, a list of types (null among them), contentMediaType, $schema.
    const found: string[] = [];
    const walk = (x: unknown, at: string) => {
      if (Array.isArray(x)) return x.forEach((y, i) => walk(y, `${at}/${i}`));
      if (!x || typeof x !== 'object') return;
      for (const [k, v] of Object.entries(x)) {
        if (k === 'const' || k === 'contentMediaType' || k === '$schema' || (k === 'type' && Array.isArray(v)))
          found.push(`${at}/${k}`);
        walk(v, `${at}/${k}`);
      }
    };
    walk(v30, '');
    expect(found).toEqual([]);
    // The 3.1 document does use them (so the walk can find them), and 3.0 says nullable instead.
    found.length = 0;
    walk(v31, '');
    expect(found.length).toBeGreaterThan(0);
    expect(JSON.stringify(v30)).toContain('"nullable":true');

    for (const bad of ['2.0', '3', 'yaml', '']) expectError(await api.get(`/api/openapi.json?format=${bad}`), 400, 'VALIDATION');
  });
});

describe('authentication', () => {
  const protectedRoutes = ROUTES.filter((r) => r.auth).map((r) => {
    const [method, path] = r.routeKey.split(' ') as [string, string];
    return {
      method,
      path: path
        .replace('{cycleId}', seededCycleId())
        .replace('{unitId}', 'phuc-xuan')
        .replace('{frameworkId}', FW)
        .replace('{districtId}', 'tp-thai-nguyen')
        .replace('{evidenceId}', '00000000-0000-0000-0000-000000000000'),
    };
  });

  it.each(protectedRoutes)('$method $path without a token → 401 UNAUTHENTICATED, nothing changed', async ({ method, path }) => {
    const before = await snapshot(api, province, seededCycleId(), 'phuc-xuan');
    const cyclesBefore = (await api.get('/api/cycles', province)).body;
    const body = path.endsWith('/self')
      ? { version: 0, items: { '1.1.1': { score: 1 } } }
      : path.endsWith('/evidence')
        ? { code: '1.1.1', fileName: 'a.pdf', contentType: 'application/pdf', size: 10 }
        : path === '/api/cycles'
          ? { year: 2035, frameworkId: FW, selfAssessmentDeadline: '2035-06-30T17:00:00+07:00' }
          : { version: 0 };
    const r = await api.request(method, path, method === 'GET' || method === 'DELETE' ? {} : { body });
    expectError(r, 401, 'UNAUTHENTICATED');
    await expectUnchanged(api, province, before);
    expect((await api.get('/api/cycles', province)).body).toEqual(cyclesBefore);
  });

  it('refuses a forged, an expired, a malformed and a role-less token with 401', async () => {
    const claims = { sub: 'x', name: 'X', role: 'province', unitId: 'thai-nguyen' };
    const forged = signJwt(claims, 'not-the-stack-secret');
    const expired = signJwt(claims, env.stack.jwtSecret, -60);
    const roleless = signJwt({ sub: 'x', name: 'X', unitId: 'thai-nguyen' }, env.stack.jwtSecret);
    const unknownRole = signJwt({ ...claims, role: 'admin' }, env.stack.jwtSecret);
    for (const token of [forged, expired, 'abc.def', 'not-a-jwt', roleless, unknownRole]) {
      const r = await api.get('/api/cycles', token);
      expectError(r, 401, 'UNAUTHENTICATED');
    }
    // The same claims, properly signed, pass.
    expect((await api.get('/api/cycles', signJwt(claims, env.stack.jwtSecret))).status).toBe(200);
  });

  it('answers 404 NOT_FOUND for a path that is no route', async () => {
    expectError(await api.get('/api/nothing-here', province), 404, 'NOT_FOUND');
  });
});

describe('POST /api/dev/token (local only)', () => {
  it('refuses an unknown role, a unit of the wrong level and an unknown unit with 400', async () => {
    expectError(await api.request('POST', '/api/dev/token', { body: { role: 'admin' } }), 400, 'VALIDATION');
    expectError(
      await api.request('POST', '/api/dev/token', { body: { role: 'commune_officer', unitId: 'tp-thai-nguyen' } }),
      400,
      'VALIDATION',
    );
    expectError(
      await api.request('POST', '/api/dev/token', { body: { role: 'district_secretary', unitId: 'phuc-xuan' } }),
      400,
      'VALIDATION',
    );
    expectError(
      await api.request('POST', '/api/dev/token', { body: { role: 'commune_chair', unitId: 'no-such-commune' } }),
      400,
      'VALIDATION',
    );
    expectError(await api.request('POST', '/api/dev/token', { raw: '{oops' }), 400, 'VALIDATION');
  });
});

describe('GET /api/units', () => {
  it('lists the province, its districts and communes with their kind', async () => {
    const r = await api.get('/api/units', await api.token('commune_officer', 'phuc-xuan'));
    expect(r.status).toBe(200);
    const units = unitsResponse.parse(r.body);
    expect(units.province).toEqual({ id: 'thai-nguyen', name: 'Tỉnh Thái Nguyên' });
    expect(units.districts).toHaveLength(9);
    const tp = units.districts.find((d) => d.id === 'tp-thai-nguyen');
    expect(tp?.communes).toContainEqual({ id: 'phuc-xuan', name: 'Xã Phúc Xuân', kind: 'xa' });
    expect(tp?.communes).toContainEqual({ id: 'hoang-van-thu', name: 'Phường Hoàng Văn Thụ', kind: 'phuong' });
    const sc = units.districts.find((d) => d.id === 'tp-song-cong');
    expect(sc?.communes).toContainEqual({ id: 'mo-che', name: 'Phường Mỏ Chè', kind: 'phuong' });
    const ids = units.districts.flatMap((d) => d.communes.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('GET /api/frameworks/{frameworkId}', () => {
  it("serves Decision 4203's catalog: 155 rows, 119 scored leaves, areas I..VIII totalling 100", async () => {
    const r = await api.get(`/api/frameworks/${FW}`, await api.token('district_appraiser', 'tp-thai-nguyen'));
    expect(r.status).toBe(200);
    const fw = frameworkResponse.parse(r.body);
    expect(fw.id).toBe(FW);
    expect(fw.totalPoints).toBe(100);
    expect(fw.notApplicablePolicy).toBe('rescale');
    expect(fw.items.map((i) => [i.code, i.maxPoints])).toEqual([
      ['I', 10],
      ['II', 7],
      ['III', 20],
      ['IV', 20],
      ['V', 10],
      ['VI', 5],
      ['VII', 12],
      ['VIII', 16],
    ]);
    const rows = flatten(fw.items);
    expect(rows).toHaveLength(155);
    const leaves = rows.filter((i) => i.children.length === 0);
    expect(leaves).toHaveLength(119);
    expect(new Set(rows.map((i) => i.code)).size).toBe(155);
    // Every parent's maximum is the sum of its children's; maxima are in quarter points.
    for (const row of rows) {
      expect(Number.isInteger(row.maxPoints * 4), row.code).toBe(true);
      if (row.children.length > 0)
        expect(
          row.children.reduce((s, c) => s + c.maxPoints * 100, 0),
          row.code,
        ).toBe(row.maxPoints * 100);
    }
    // Codes as the decision writes them: 1.1 under I, 1.1.1 under 1.1; 3.2 runs to 3.2.22.
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(fw.items[0]!.children.map((c) => c.code)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8']);
    expect(byCode.get('1.1')?.children.map((c) => c.code)).toEqual(['1.1.1', '1.1.2']);
    expect(byCode.get('3.2')?.children).toHaveLength(22);
    expect(byCode.get('3.2')?.maxPoints).toBe(17);
    expect(byCode.get('4.2.6')?.maxPoints).toBe(3.5);
    expect(byCode.get('1.1.1')?.maxPoints).toBe(1);
    expect(byCode.get('1.2.1')?.maxPoints).toBe(0.5);
    // "(nếu có)" rows may be not applicable; ordinary rows may not.
    expect(leaves.filter((l) => l.notApplicableAllowed).map((l) => l.code)).toEqual(['1.8.1', '1.8.2', '8.5.1', '8.5.2']);
    expect(byCode.get('1.8')?.maxPoints).toBe(1);
    // 8.3.1 means something different for a xã than for a phường / thị trấn.
    const r831 = byCode.get('8.3.1');
    expect(r831?.titleByUnitKind?.xa).toBeTruthy();
    expect(r831?.titleByUnitKind?.phuong).toBeTruthy();
    expect(r831?.titleByUnitKind?.xa).not.toBe(r831?.titleByUnitKind?.phuong);
    expect(fw.classBands.map((b) => [b.class, b.minIndex])).toEqual([
      ['xuat-sac', 90],
      ['tot', 80],
      ['kha', 70],
      ['trung-binh', 50],
      ['yeu', 0],
    ]);
  });

  it('answers 404 NOT_FOUND for an unknown framework', async () => {
    expectError(await api.get('/api/frameworks/no-such-framework', province), 404, 'NOT_FOUND');
  });
});

describe('cycles', () => {
  const deadline = '2031-06-30T17:00:00+07:00';

  it('GET /api/cycles lists the seeded cycle of the current year', async () => {
    const r = await api.get('/api/cycles', await api.token('commune_officer', 'mo-che'));
    expect(r.status).toBe(200);
    const cycles = cyclesResponse.parse(r.body);
    const seeded = cycles.find((c) => c.id === seededCycleId());
    expect(seeded).toMatchObject({ id: seededCycleId(), year: Number(seededCycleId()), frameworkId: FW, status: 'OPEN' });
  });

  it('POST /api/cycles by the province → 201 and a DRAFT assessment for every commune; the same year again → 409', async () => {
    const units = unitsResponse.parse((await api.get('/api/units', province)).body) as UnitsResponse;
    const communes = units.districts.flatMap((d) => d.communes.map((c) => ({ ...c, districtId: d.id })));

    const r = await api.request('POST', '/api/cycles', {
      token: province,
      body: { year: 2031, frameworkId: FW, selfAssessmentDeadline: deadline },
    });
    expect(r.status).toBe(201);
    expect(cycleSchema.parse(r.body)).toEqual({
      id: '2031',
      year: 2031,
      frameworkId: FW,
      selfAssessmentDeadline: deadline,
      status: 'OPEN',
      organisationId: 'tn-legacy',
      appraisingLevel: 'district',
    });

    const list = await api.get('/api/cycles', province);
    expect(cyclesResponse.parse(list.body).map((c) => c.id)).toContain('2031');

    const assessments = assessmentListResponse.parse((await api.get('/api/cycles/2031/assessments', province)).body);
    expect(assessments.map((a) => a.unitId).sort()).toEqual(communes.map((c) => c.id).sort());
    for (const a of assessments) {
      const c = communes.find((x) => x.id === a.unitId)!;
      expect(a).toMatchObject({
        unitName: c.name,
        unitKind: c.kind,
        districtId: c.districtId,
        status: 'DRAFT',
        version: 0,
        progress: { scored: 0, applicable: 119 },
        self: { points: 0, index: 0, class: 'yeu' },
      });
    }
    const one = await snapshot(api, province, '2031', 'hoang-van-thu');
    expect(one.assessment).toMatchObject({
      cycleId: '2031',
      unitId: 'hoang-van-thu',
      status: 'DRAFT',
      version: 0,
      unitKind: 'phuong',
    });
    expect(one.audit).toHaveLength(1);
    expect(one.audit[0]).toMatchObject({ role: 'province', action: 'open', to: 'DRAFT' });

    // The same year again: refused, and the cycle and its assessments are as they were.
    const again = await api.request('POST', '/api/cycles', {
      token: province,
      body: { year: 2031, frameworkId: FW, selfAssessmentDeadline: '2031-12-31T17:00:00+07:00' },
    });
    expectError(again, 409, 'CONFLICT');
    const cyclesAfter = cyclesResponse.parse((await api.get('/api/cycles', province)).body);
    expect(cyclesAfter.filter((c) => c.id === '2031')).toEqual([
      {
        id: '2031',
        year: 2031,
        frameworkId: FW,
        selfAssessmentDeadline: deadline,
        status: 'OPEN',
        organisationId: 'tn-legacy',
        appraisingLevel: 'district',
      },
    ]);
    expect((await snapshot(api, province, '2031', 'hoang-van-thu')).audit).toHaveLength(1);
  });

  it('two provinces officers opening the same year at once: one 201, one 409, one cycle', async () => {
    const body = { year: 2034, frameworkId: FW, selfAssessmentDeadline: '2034-06-30T17:00:00+07:00' };
    const other = await api.token('province', undefined, undefined, 'Cán bộ Sở Nội vụ 2');
    const replies = await Promise.all([
      api.request('POST', '/api/cycles', { token: province, body }),
      api.request('POST', '/api/cycles', { token: other, body }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    const cycles = cyclesResponse.parse((await api.get('/api/cycles', province)).body);
    expect(cycles.filter((c) => c.id === '2034')).toHaveLength(1);
    const one = await snapshot(api, province, '2034', 'mo-che');
    expect(one.assessment).toMatchObject({ status: 'DRAFT', version: 0 });
    expect(one.audit).toHaveLength(1);
  });

  it('refuses malformed cycle requests with 400 naming the field, and opens nothing', async () => {
    const before = (await api.get('/api/cycles', province)).body;
    const cases: { raw?: string; body?: unknown; field: string }[] = [
      { raw: '', field: '(body)' },
      { raw: '{"year": 2032,', field: '(body)' },
      { body: { year: 2032, frameworkId: 'no-such-framework', selfAssessmentDeadline: deadline }, field: 'frameworkId' },
      { body: { year: '2032', frameworkId: FW, selfAssessmentDeadline: deadline }, field: 'year' },
      { body: { year: 2032.5, frameworkId: FW, selfAssessmentDeadline: deadline }, field: 'year' },
      { body: { year: 1999, frameworkId: FW, selfAssessmentDeadline: deadline }, field: 'year' },
      { body: { year: 2032, frameworkId: FW, selfAssessmentDeadline: '30/06/2032' }, field: 'selfAssessmentDeadline' },
      { body: { year: 2032, frameworkId: FW }, field: 'selfAssessmentDeadline' },
      { body: [2032], field: '(body)' },
    ];
    for (const c of cases) {
      const r = await api.request('POST', '/api/cycles', {
        token: province,
        ...(c.raw !== undefined ? { raw: c.raw } : { body: c.body }),
      });
      const e = expectError(r, 400, 'VALIDATION');
      expectField(e.details, c.field);
    }
    expect((await api.get('/api/cycles', province)).body).toEqual(before);
    expectError(await api.get('/api/cycles/2032/assessments', province), 404, 'NOT_FOUND');
  });

  it('refuses an extra key with 400 whose details name that key', async () => {
    const before = (await api.get('/api/cycles', province)).body;
    const r = await api.request('POST', '/api/cycles', {
      token: province,
      body: { year: 2032, frameworkId: FW, selfAssessmentDeadline: deadline, status: 'CLOSED' },
    });
    const e = expectError(r, 400, 'VALIDATION');
    expectField(e.details, 'status');
    expect((await api.get('/api/cycles', province)).body).toEqual(before);
  });

  it('refuses every role but the province with 403, and opens nothing', async () => {
    const before = (await api.get('/api/cycles', province)).body;
    const callers = [
      await api.token('commune_officer', 'phuc-xuan'),
      await api.token('commune_chair', 'phuc-xuan'),
      await api.token('district_appraiser', 'tp-thai-nguyen'),
      await api.token('district_secretary', 'tp-thai-nguyen'),
      await api.token('district_chair', 'tp-thai-nguyen'),
      await api.token('operator'),
    ];
    for (const token of callers) {
      const r = await api.request('POST', '/api/cycles', {
        token,
        body: { year: 2033, frameworkId: FW, selfAssessmentDeadline: deadline },
      });
      expectError(r, 403, 'FORBIDDEN');
    }
    expect((await api.get('/api/cycles', province)).body).toEqual(before);
    expectError(await api.get('/api/cycles/2033/assessments', province), 404, 'NOT_FOUND');
  });

  it('answers 404 for assessments of a cycle that does not exist', async () => {
    expectError(await api.get(assessmentPath('1999', 'phuc-xuan'), province), 404, 'NOT_FOUND');
  });
});
