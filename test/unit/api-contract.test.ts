/**
 * The contract (shared/api/): every route of the table is in the OpenAPI document with its request,
 * success and error bodies; every Lambda entry serves exactly its group's endpoints.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ENTRIES, LOCAL_ONLY_ROUTES, ROUTES, type FunctionName } from '../../functions/routes.js';
import type { RoutesOf } from '../../functions/lib/http.js';
import { ENDPOINTS, LOCAL_ENDPOINTS, pathOf, routeKeyOf, type EndpointDef } from '../../shared/api/index.js';
import { openApiDocument } from '../../shared/api/openapi.js';
import { httpStatusOf } from '../../shared/errors.js';
import { expectConforms } from '../support/api.js';

type Json = Record<string, any>;
const doc = openApiDocument() as Json;
const table = { ...ENDPOINTS, ...LOCAL_ENDPOINTS } as Record<string, EndpointDef>;
const operations = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ routeKey: `${method.toUpperCase()} ${path}`, op })),
);

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with one operation per route of the table, and no other', () => {
    expect(doc.openapi).toBe('3.1.0');
    const keys = [...ROUTES.map((r) => r.routeKey), ...LOCAL_ONLY_ROUTES].sort();
    expect(operations.map((o) => o.routeKey).sort()).toEqual(keys);
    for (const [name, e] of Object.entries(table))
      expect(operations.find((o) => o.routeKey === routeKeyOf(e))?.op.operationId, routeKeyOf(e)).toBe(name);
  });

  it.each(Object.entries(table))('%s: path parameters, request body, success response, error responses', (name, e) => {
    const op = operations.find((o) => o.op.operationId === name)!.op;
    const params = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    expect((op.parameters ?? []).map((p: Json) => [p.name, p.in, p.required])).toEqual(params.map((p) => [p, 'path', true]));
    if (e.request) expect(op.requestBody.content['application/json'].schema.$ref).toMatch(/^#\/components\/schemas\//);
    else expect(op.requestBody).toBeUndefined();
    const success = op.responses[String(e.status)];
    if (e.file) expect(Object.keys(success.content)).toEqual([e.file]);
    else if (e.status === 204) expect(success.content).toBeUndefined();
    else expect(success.content['application/json'].schema.$ref).toMatch(/^#\/components\/schemas\//);
    for (const code of e.errors) {
      const r = op.responses[String(httpStatusOf[code])];
      expect(r?.description, `${name}: ${code}`).toContain(code);
      expect(r.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    }
    expect(op.responses.default.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    expect(op.security === undefined, `${name}: security follows auth`).toBe(e.auth);
  });

  it('marks the local-only token route, and only it', () => {
    const local = operations.filter((o) => o.op['x-local-only']).map((o) => o.routeKey);
    expect(local).toEqual([...LOCAL_ONLY_ROUTES]);
    expect(operations.find((o) => o.routeKey === 'POST /api/dev/token')?.op.description).toMatch(/LOCAL ONLY/);
  });

  it('every $ref resolves inside the document', () => {
    const refs = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref') refs.add(String(x));
          else walk(x);
        }
    };
    walk(doc);
    expect(refs.size).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^#\/components\/schemas\/[A-Za-z_]+$/);
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
    }
  });

  it("answers the row saves with RowSaveResponse: AssessmentResponse's head, row and totals shapes, without the unit's details", () => {
    for (const name of ['saveSelf', 'saveAppraisal']) {
      const op = operations.find((o) => o.op.operationId === name)!.op;
      expect(op.responses['200'].content['application/json'].schema, name).toEqual({
        $ref: '#/components/schemas/RowSaveResponse',
      });
    }
    const save = doc.components.schemas.RowSaveResponse;
    const whole = doc.components.schemas.AssessmentResponse;
    expect(save.properties.items).toEqual(whole.properties.items);
    expect(save.properties.totals).toEqual(whole.properties.totals);
    for (const [k, v] of Object.entries(save.properties)) expect(v, k).toEqual(whole.properties[k]);
    expect(Object.keys(save.properties).sort()).toEqual(
      [
        'cycleId',
        'unitId',
        'status',
        'selfLocked',
        'version',
        'returnReason',
        'submittedAt',
        'deadline',
        'late',
        'items',
        'totals',
      ].sort(),
    );
    expect([...save.required].sort()).toEqual(['cycleId', 'unitId', 'status', 'selfLocked', 'version', 'items', 'totals'].sort());
  });

  it('describes the error body with its code enum', () => {
    const e = doc.components.schemas.ErrorBody.properties.error;
    expect(e.required).toEqual(['code', 'message']);
    expect(e.properties.code.enum).toEqual([...Object.keys(httpStatusOf), 'INTERNAL']);
  });
});

describe('the route table', () => {
  it('has unique names and route keys, camelCase names, gateway-style paths', () => {
    const keys = Object.values(table).map(routeKeyOf);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [name, e] of Object.entries(table)) {
      expect(name).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(e.path).toMatch(/^\/api(\/([a-z0-9.-]+|\{[a-zA-Z]+\}))+$/);
    }
  });

  it('builds concrete paths with every parameter URL-encoded', () => {
    expect(pathOf(ENDPOINTS.getRanking.path, { cycleId: '2026', districtId: 'a/b c' })).toBe(
      '/api/cycles/2026/rankings/a%2Fb%20c',
    );
    expect(() => pathOf(ENDPOINTS.getRanking.path, { cycleId: '2026' })).toThrow(/districtId/);
  });

  describe('every Lambda entry serves exactly its group', () => {
    beforeAll(() => {
      // Module-level clients are made from the environment; nothing is called.
      Object.assign(process.env, { TABLE_NAME: 't', BUCKET_NAME: 'b', PROVINCE_ID: 'thai-nguyen', AWS_REGION: 'local' });
    });
    it.each(Object.keys(FUNCTION_ENTRIES) as FunctionName[])('%s', async (fn) => {
      const entry = new URL(`../../${FUNCTION_ENTRIES[fn]}`, import.meta.url).href;
      const { handler } = (await import(/* @vite-ignore */ entry)) as {
        handler: { endpoints: string[] };
      };
      const names = Object.entries(ENDPOINTS)
        .filter(([, e]) => e.group === fn)
        .map(([n]) => n);
      expect([...handler.endpoints].sort()).toEqual(names.sort());
      expect(
        ROUTES.filter((r) => r.fn === fn)
          .map((r) => r.routeKey)
          .sort(),
      ).toEqual(names.map((n) => routeKeyOf(table[n]!)).sort());
    });
  });

  it('the types refuse a missing or an extra endpoint', () => {
    const stub = (async () => ({ body: undefined })) as never;
    // @ts-expect-error getOpenApi is missing
    const missing: RoutesOf<'manage-cycles'> = {
      getHealth: stub,
      listUnits: stub,
      getFramework: stub,
      listCycles: stub,
      openCycle: stub,
    };
    const extra: Partial<RoutesOf<'manage-cycles'>> = {
      getHealth: stub,
      // @ts-expect-error getRanking belongs to rank-and-publish
      getRanking: stub,
    };
    // @ts-expect-error the health body is { status: 'ok' }
    const wrongBody: Partial<RoutesOf<'manage-cycles'>> = { getHealth: async () => ({ body: { status: 'up' } }) };
    expect([missing, extra, wrongBody].length).toBe(3);
  });
});

describe('the integration tests check every answer against the contract', () => {
  const reply = (status: number, body: unknown, type = 'application/json') => ({
    status,
    headers: new Headers({ 'content-type': type }),
    body,
  });
  it('accepts a conforming answer', () => {
    expectConforms('GET', '/api/health', reply(200, { status: 'ok' }));
    expectConforms('GET', '/api/units', reply(401, { error: { code: 'UNAUTHENTICATED', message: 'x' } }));
  });
  it.each([
    ['an extra key', 'GET', '/api/health', reply(200, { status: 'ok', uptime: 1 })],
    ['a wrong value', 'GET', '/api/health', reply(200, { status: 'up' })],
    ['another success status', 'GET', '/api/health', reply(201, { status: 'ok' })],
    ['an unlisted error code', 'GET', '/api/health', reply(404, { error: { code: 'NOT_FOUND', message: 'x' } })],
    ['a code with another status', 'GET', '/api/units', reply(403, { error: { code: 'UNAUTHENTICATED', message: 'x' } })],
    ['an unknown code', 'GET', '/api/nowhere', reply(404, { error: { code: 'GONE', message: 'x' } })],
    ['a spreadsheet as JSON', 'GET', '/api/cycles/2026/consolidated.xlsx', reply(200, {})],
  ])('refuses %s', (_what, method, path, r) => {
    expect(() => expectConforms(method, path, r)).toThrow();
  });
});
