/**
 * The API reference page (/tai-lieu-api) reads the OpenAPI 3.1 document (GET /api/openapi.json, the
 * contract) and shows it by area: the document's tags in order, each with its operations. This turns
 * the document into what the page lists; no schema library, the components are shown as they are.
 */
import type { ErrorCode } from '$shared/errors';

type Json = Record<string, unknown>;

export interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Json> };
}

interface OpenApiOperation {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Json }> }>;
  'x-local-only'?: boolean;
}

export interface DocError {
  status: string;
  codes: string[];
}

export interface DocOperation {
  id: string;
  method: string;
  path: string;
  summaryVi: string;
  summaryEn: string;
  who: string;
  /** false: callable without a token. */
  auth: boolean;
  localOnly: boolean;
  params: string[];
  success: { status: string; description: string; media?: string };
  errors: DocError[];
  /** Component names ($ref) of the JSON bodies. */
  request?: { schema: string; required: boolean };
  response?: string;
}

export interface DocArea {
  name: string;
  description: string;
  operations: DocOperation[];
}

/** The Vietnamese words for the API's error codes (shared/errors.ts). */
export const ERROR_VI: Record<ErrorCode, string> = {
  VALIDATION: 'dữ liệu hoặc tham số không hợp lệ',
  UNAUTHENTICATED: 'chưa đăng nhập hoặc mã đăng nhập hết hạn',
  FORBIDDEN: 'vai trò hoặc đơn vị không được phép',
  NOT_FOUND: 'không tìm thấy',
  CONFLICT: 'phiên bản cũ hoặc đã tồn tại',
  LIFECYCLE: 'không đúng bước của quy trình (hoặc quá hạn)',
  INCOMPLETE: 'chưa điền đủ các dòng bắt buộc',
  TOO_LARGE: 'tệp hoặc nội dung quá lớn',
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const REF_PREFIX = '#/components/schemas/';

/** `#/components/schemas/X` → `X`. */
export const refName = (schema: Json | undefined): string | undefined =>
  typeof schema?.$ref === 'string' && schema.$ref.startsWith(REF_PREFIX) ? schema.$ref.slice(REF_PREFIX.length) : undefined;

/** The document's description is "English summary\n\nWho: …. [LOCAL ONLY: …]". */
function splitDescription(d: string): { en: string; who: string } {
  const [en = '', rest = ''] = d.split(/\n\nWho: /);
  const who = rest.replace(/\s*LOCAL ONLY:.*$/s, '').replace(/\.$/, '');
  return { en: en.trim(), who: who.trim() };
}

function toOperation(path: string, method: string, op: OpenApiOperation): DocOperation {
  const { en, who } = splitDescription(op.description ?? '');
  const statuses = Object.keys(op.responses).filter((s) => s !== 'default');
  const okStatus = statuses.find((s) => s.startsWith('2')) ?? '200';
  const ok = op.responses[okStatus] ?? {};
  const okMedia = Object.keys(ok.content ?? {})[0];
  const reqMedia = op.requestBody?.content?.['application/json'];
  const reqName = refName(reqMedia?.schema);
  const resName = refName(ok.content?.['application/json']?.schema);
  return {
    id: op.operationId,
    method: method.toUpperCase(),
    path,
    summaryVi: op.summary ?? '',
    summaryEn: en,
    who,
    auth: !(Array.isArray(op.security) && op.security.length === 0),
    localOnly: op['x-local-only'] === true,
    params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
    success: { status: okStatus, description: ok.description ?? '', ...(okMedia ? { media: okMedia } : {}) },
    errors: statuses
      .filter((s) => /^[45]/.test(s))
      .map((s) => ({
        status: s,
        codes: [...(op.responses[s]!.description ?? '').matchAll(/\b([A-Z][A-Z_]+):/g)].map((m) => m[1]!),
      })),
    ...(reqName ? { request: { schema: reqName, required: op.requestBody?.required ?? false } } : {}),
    ...(resName ? { response: resName } : {}),
  };
}

/** The areas (the document's tags, in its order), each with its operations in the document's order. */
export function areasOf(doc: OpenApiDoc): DocArea[] {
  const areas: DocArea[] = (doc.tags ?? []).map((t) => ({ name: t.name, description: t.description ?? '', operations: [] }));
  const byName = new Map(areas.map((a) => [a.name, a]));
  for (const [path, item] of Object.entries(doc.paths))
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Khác (Other)';
      let area = byName.get(tag);
      if (!area) {
        area = { name: tag, description: '', operations: [] };
        byName.set(tag, area);
        areas.push(area);
      }
      area.operations.push(toOperation(path, method, op));
    }
  return areas;
}

/** The component names a schema refers to, in order of first mention. */
export function refsIn(schema: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const name = refName(v as Json);
      if (name) out.add(name);
      Object.values(v).forEach(walk);
    }
  };
  walk(schema);
  return [...out];
}
