/**
 * Issue 21 item 29: what the API reference page (/tai-lieu-api) reads from the OpenAPI 3.1 document:
 * the areas in the document's order, every operation under its area with its Vietnamese and English
 * summaries, who may call it, its success and error statuses with their codes, local-only ones marked,
 * and its schemas by component name.
 */
import { expect, it } from 'vitest';
import { areasOf, ERROR_VI, refsIn, type OpenApiDoc } from '../../src/lib/api-docs';
import type { EndpointDef } from '$shared/api/endpoint';
import { ENDPOINTS, LOCAL_ENDPOINTS } from '$shared/api/index';
import { openApiDocument } from '$shared/api/openapi';
import { httpStatusOf, type ErrorCode } from '$shared/errors';

const doc = openApiDocument('3.1') as unknown as OpenApiDoc;
const areas = areasOf(doc);
const ops = areas.flatMap((a) => a.operations);

it('lists the areas in the document order, every operation once, under its tag', () => {
  expect(areas.map((a) => a.name)).toEqual(doc.tags!.map((t) => t.name));
  const all = [...Object.entries(ENDPOINTS), ...Object.entries(LOCAL_ENDPOINTS)] as [string, EndpointDef][];
  expect(ops).toHaveLength(all.length);
  for (const [name, e] of all) {
    const op = ops.find((o) => o.id === name)!;
    expect(op, name).toBeDefined();
    expect({ method: op.method, path: op.path, vi: op.summaryVi, en: op.summaryEn, who: op.who, auth: op.auth }).toEqual({
      method: e.method,
      path: e.path,
      vi: e.summaryVi,
      en: e.summary,
      who: e.who.replace(/\.$/, ''),
      auth: e.auth,
    });
    expect(op.localOnly).toBe(name in LOCAL_ENDPOINTS);
    expect(op.success.status).toBe(String(e.status));
    const codes = op.errors.flatMap((x) => x.codes.map((c) => [x.status, c]));
    expect(codes.sort()).toEqual(e.errors.map((c) => [String(httpStatusOf[c]), c]).sort());
    expect(!!op.request).toBe(!!e.request);
    expect(!!op.response).toBe(!!e.response);
  }
});

it('names every error code in Vietnamese and resolves schemas by component name', () => {
  for (const op of ops) for (const e of op.errors) for (const c of e.codes) expect(ERROR_VI[c as ErrorCode], c).toBeTruthy();
  const components = doc.components!.schemas!;
  for (const op of ops) {
    for (const name of [op.request?.schema, op.response].filter((n): n is string => !!n)) {
      expect(components[name], name).toBeDefined();
      for (const r of refsIn(components[name])) expect(components[r], r).toBeDefined();
    }
  }
});
