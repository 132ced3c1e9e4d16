/**
 * A tiny client for the integration tests: local sign-in, JSON requests, and the "nothing changed"
 * snapshot (the assessment as GET shows it, and its audit trail) taken before and after a refused request.
 *
 * Every answer of the API is checked against the contract (shared/api/): the success body with its
 * endpoint's response schema (no key missing, none extra) and status, every error with the error body
 * and one of the endpoint's listed codes. So every integration test is also a conformance test.
 */
import { frameworkResponse, type WireNode } from '../../shared/frameworks/wire.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import type { Role } from '../../shared/permissions.js';
import { httpStatusOf } from '../../shared/errors.js';
import {
  ENDPOINTS,
  LOCAL_ENDPOINTS,
  pathOf,
  type AllEndpoints,
  type ErrorBody,
  type EndpointDef,
  type ParamsOf,
  type RequestOf,
  type ResponseOf,
} from '../../shared/api/index.js';
import {
  assessmentResponse,
  auditResponse,
  errorBody,
  type AssessmentResponse,
  type AuditEntry,
  type RowSaveResponse,
} from '../../shared/schemas.js';

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  /** JSON-encoded unless `raw` is set. */
  body?: unknown;
  /** Sent as is (invalid JSON, an empty body…). */
  raw?: string;
  headers?: Record<string, string>;
}

const CONTRACT = Object.values({ ...ENDPOINTS, ...LOCAL_ENDPOINTS } as Record<string, EndpointDef>).map((e) => ({
  e,
  pattern: new RegExp('^' + e.path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+') + '$'),
}));

/** The endpoint a request goes to, as the router matches it. */
export function endpointOf(method: string, path: string): EndpointDef | undefined {
  const pathname = new URL(path, 'http://x').pathname;
  return CONTRACT.find((c) => c.e.method === method && c.pattern.test(pathname))?.e;
}

/** Throws when an answer breaks the contract. */
export function expectConforms(method: string, path: string, r: Reply) {
  const where = `${method} ${path} → ${r.status}`;
  const e = endpointOf(method, path);
  const isJson = (r.headers.get('content-type') ?? '').includes('json');
  if (r.status >= 400) {
    if (!isJson && r.status >= 500) return;
    expect(isJson, `${where}: an error answers JSON`).toBe(true);
    const parsed = errorBody.safeParse(r.body);
    expect(parsed.success, `${where}: error body ${JSON.stringify(r.body)} ${parsed.error?.message ?? ''}`).toBe(true);
    expect(parsed.data, `${where}: error body has only the contract's keys`).toEqual(r.body);
    const code = parsed.data!.error.code;
    if (code === 'INTERNAL') return;
    expect(httpStatusOf[code], `${where}: status of ${code}`).toBe(r.status);
    // Any path may be unknown; only a matched endpoint promises its list.
    if (e) expect(e.errors as readonly string[], `${where}: ${code} is not among the endpoint's errors`).toContain(code);
    return;
  }
  if (!e) return;
  expect(r.status, `${where}: success status`).toBe(e.status);
  if (e.file) {
    expect(r.headers.get('content-type'), where).toBe(e.file);
    return;
  }
  if (!e.response) {
    expect(r.body, `${where}: no body`).toBe('');
    return;
  }
  const parsed = e.response.safeParse(r.body);
  expect(parsed.success, `${where}: ${parsed.error?.message ?? ''}`).toBe(true);
  expect(parsed.data, `${where}: body has only the contract's keys`).toEqual(r.body);
}

type Name = keyof AllEndpoints;
const ALL = { ...ENDPOINTS, ...LOCAL_ENDPOINTS } as AllEndpoints;

export class Api {
  constructor(public url: string) {}

  async token(role: Role, unitId?: string, areas?: string[], name?: string): Promise<string> {
    const r = await this.request('POST', '/api/dev/token', {
      body: { role, ...(unitId ? { unitId } : {}), ...(areas ? { areas } : {}), ...(name ? { name } : {}) },
    });
    if (r.status !== 200) throw new Error(`dev token ${role}/${unitId}: ${r.status} ${JSON.stringify(r.body)}`);
    return (r.body as ResponseOf<AllEndpoints['issueDevToken']>).token;
  }

  /** A request to an endpoint of the table by name; the body is typed by its response schema. */
  call<N extends Name>(
    name: N,
    params: ParamsOf<AllEndpoints[N]>,
    opts: Omit<RequestOptions, 'body'> & { body?: RequestOf<AllEndpoints[N]> | unknown; query?: string } = {},
  ): Promise<Reply<ResponseOf<AllEndpoints[N]>>> {
    const e = ALL[name] as EndpointDef;
    return this.request(e.method, pathOf(e.path, params) + (opts.query ?? ''), opts);
  }

  async request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(this.url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text !== '') parsed = JSON.parse(text);
    const reply = { status: res.status, headers: res.headers, body: parsed as T };
    if (path.startsWith('/api/')) expectConforms(method, path, reply);
    return reply;
  }

  get<T = any>(path: string, token?: string) {
    return this.request<T>('GET', path, { token });
  }
}

/** A local stack on a fresh temporary data directory; `stop()` also removes the directory. */
export async function startTestStack(
  opts: { webDir?: string; functionTimeoutMs?: number } = {},
): Promise<{ stack: LocalStack; api: Api; dataDir: string; stop(): Promise<void> }> {
  const { startLocalStack } = await import('../../local/stack.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-it-'));
  const stack = await startLocalStack({ port: 0, dataDir, seed: true, ...opts });
  return {
    stack,
    api: new Api(stack.url),
    dataDir,
    async stop() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The store the stack's handlers use: the same module instance, imported after the stack set the environment. */
export const handlersStore = async () => (await import('../../functions/lib/context.js')).store;

/** The cycle the demo seed opens: the current (UTC) year. */
export const seededCycleId = () => String(new Date().getUTCFullYear());

export const assessmentPath = (cycleId: string, unitId: string) => `/api/cycles/${cycleId}/assessments/${unitId}`;

/** Asserts an error reply: status, code, the error body's shape, and a Vietnamese message. */
export function expectError(r: Reply, status: number, code: string): ErrorBody['error'] & { details?: any } {
  expect({ status: r.status, body: r.body }).toMatchObject({ status, body: { error: { code } } });
  const e = errorBody.parse(r.body).error;
  expect(e.message.length).toBeGreaterThan(0);
  // `details` differs by error (fields, codes, waiting communes): the tests read what they assert.
  return e as ErrorBody['error'] & { details?: any };
}

/** `details` of a VALIDATION error names `field` (exactly, as a dotted path). */
export function expectField(details: unknown, field: string) {
  expect(Array.isArray(details), `details should be a list, got ${JSON.stringify(details)}`).toBe(true);
  expect((details as { field?: string }[]).map((d) => d.field)).toContain(field);
}

export interface Snapshot {
  assessment: AssessmentResponse;
  audit: AuditEntry[];
}

/** The assessment and its audit trail, read with a token that may see them (province by default). */
export async function snapshot(api: Api, token: string, cycleId: string, unitId: string): Promise<Snapshot> {
  const a = await api.get(assessmentPath(cycleId, unitId), token);
  expect(a.status).toBe(200);
  const audit = await api.get(`${assessmentPath(cycleId, unitId)}/audit`, token);
  expect(audit.status).toBe(200);
  return { assessment: assessmentResponse.parse(a.body), audit: auditResponse.parse(audit.body) };
}

/** A refused request changed nothing: same assessment (deep), same audit trail (same length, same entries). */
export async function expectUnchanged(api: Api, token: string, before: Snapshot) {
  const after = await snapshot(api, token, before.assessment.cycleId, before.assessment.unitId);
  expect(after.assessment).toEqual(before.assessment);
  expect(after.audit.length).toBe(before.audit.length);
  expect(after.audit).toEqual(before.audit);
}

/**
 * What a row save (PUT …/self or …/appraisal) should have answered, from the whole assessment a GET
 * shows right after it: its head, its totals, and of its rows exactly those the save named.
 */
export function saveAnswerOf(whole: AssessmentResponse, codes: string[]): RowSaveResponse {
  const { unitName: _n, unitKind: _k, appraisingUnitId: _a, districtId: _d, frameworkId: _f, items, ...head } = whole;
  return { ...head, items: Object.fromEntries(codes.map((c) => [c, items[c]!])) };
}

/** A minimal valid PDF (the server judges the type by its first bytes). */
export function pdfBytes(text = 'CCHC'): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

/** The 8-byte PNG signature and an IHDR chunk start: a PNG by its first bytes. */
export function pngBytes(): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
  ]);
}

/** The scored rows (leaves) of a framework as the API serves it: code, maximum, whether N/A is allowed, its area (I..VIII). */
export async function leavesOf(api: Api, token: string, frameworkId = 'thai-nguyen-4203-2021') {
  const fw = frameworkResponse.parse((await api.get(`/api/frameworks/${frameworkId}`, token)).body);
  type Item = (typeof fw.items)[number];
  const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.children)]);
  return fw.items.flatMap((area) =>
    flat([area])
      .filter((i) => i.children.length === 0)
      .map((i) => ({ code: i.code, max: i.maxPoints, naAllowed: i.notApplicableAllowed, area: area.code })),
  );
}

/** Every scored row at its maximum: the body's `items` for a complete self-assessment. */
export function fullScores(leaves: { code: string; max: number }[]): Record<string, { score: number }> {
  return Object.fromEntries(leaves.map((l) => [l.code, { score: l.max }]));
}

/** Every node of a framework's tree (as the API answers it), parents before children. */
export const flattenNodes = (items: WireNode[]): WireNode[] => items.flatMap((i) => [i, ...flattenNodes(i.children)]);

/** A token per role and unit, asked of the stack once per test file (`api()`: the file's client once started). */
export function tokenCache(api: () => Api): (role: Role, unitId?: string) => Promise<string> {
  const tokens = new Map<string, Promise<string>>();
  return (role, unitId) => {
    const key = `${role}/${unitId ?? ''}`;
    if (!tokens.has(key)) tokens.set(key, api().token(role, unitId));
    return tokens.get(key)!;
  };
}
