/**
 * The OpenAPI 3.1 document of the API, generated from the table with zod's own JSON Schema output
 * (OpenAPI 3.1's schemas are JSON Schema 2020-12). Request bodies are described as zod accepts them,
 * responses as the handlers produce them.
 */
import * as z from 'zod';
import { httpStatusOf, type ErrorCode } from '../errors.js';
import * as schemas from '../schemas.js';
import * as wire from '../frameworks/wire.js';
import { wireNode } from '../frameworks/wire.js';
import * as catalog from './catalog.js';
import type { openApiResponse } from './catalog.js';
import type { EndpointDef } from './endpoint.js';
import { errorBody } from './error.js';
import * as evidence from './evidence.js';
import { ENDPOINTS, LOCAL_ENDPOINTS } from './index.js';
import * as local from './local.js';
import * as rankings from './rankings.js';
import { appraisal } from './appraisal.js';
import { assessments } from './assessments.js';
import { reports } from './reports.js';
import { frameworks } from './frameworks.js';

/**
 * The reference's groups: the areas of the work, one per file of the table (not the Lambdas that
 * serve them), in the order an official meets them; each named in Vietnamese with the English beside.
 */
const AREAS: { name: string; description: string; endpoints: Record<string, EndpointDef> }[] = [
  {
    name: 'Danh mục (Catalog)',
    description: 'Đơn vị, kỳ đánh giá, tài liệu này. Units, cycles, this document.',
    endpoints: catalog.catalog,
  },
  {
    name: 'Bộ tiêu chí (Frameworks)',
    description:
      'Bộ tiêu chí của tỉnh: soạn, sao chép, nhập và xuất Excel, đưa vào sử dụng, ngừng; điểm điều tra xã hội học. Frameworks as data; survey rows by hand.',
    endpoints: frameworks,
  },
  {
    name: 'Tự đánh giá (Self-assessment)',
    description: 'Hồ sơ tự đánh giá của đơn vị cấp xã, nộp hồ sơ, nhật ký. Self-assessment, submission, audit trail.',
    endpoints: assessments,
  },
  {
    name: 'Tài liệu kiểm chứng (Evidence)',
    description: 'Tải lên, kiểm tra, tải về, gỡ tệp kiểm chứng. Evidence files.',
    endpoints: evidence.evidenceEndpoints,
  },
  {
    name: 'Thẩm định (Appraisal)',
    description: 'Chấm điểm thẩm định, trả lại, hoàn thành, gia hạn, phân công. Appraisal, returns, deadlines, assignments.',
    endpoints: appraisal,
  },
  {
    name: 'Xếp hạng và kết quả (Rankings and results)',
    description: 'Xếp hạng, phê duyệt, công bố, báo cáo; kết quả tổng hợp và công khai. Rankings, their steps, results.',
    endpoints: rankings.rankings,
  },
  {
    name: 'Phụ lục, báo cáo (Reports)',
    description: 'Phụ lục I, Phụ lục II, bảng tổng hợp của tỉnh (Excel). Spreadsheets.',
    endpoints: reports,
  },
  {
    name: 'Chạy trên máy (Local only)',
    description: 'Chỉ có ở bản chạy trên máy, không triển khai. Served by the local stack only, never deployed.',
    endpoints: local.localEndpoints,
  },
];
const areaOf = new Map(AREAS.flatMap((a) => Object.values(a.endpoints).map((e) => [e, a.name] as const)));

type Json = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;
const pascal = (s: string) => s[0]!.toUpperCase() + s.slice(1);
/** For a schema no module exports by name. */
const fallbackId = (e: EndpointDef, kind: 'Request' | 'Response') =>
  `${pascal(e.method.toLowerCase())}${e.path.replace(/\W+/g, '_')}${kind}`;

/** Components are named after their export (`assessmentResponse` → `AssessmentResponse`). */
const NAMES = new Map<z.ZodType, string>();
const wireBodies = {
  frameworkResponse: wire.frameworkResponse,
  frameworkListResponse: wire.frameworkListResponse,
  copyFrameworkRequest: wire.copyFrameworkRequest,
  putFrameworkRequest: wire.putFrameworkRequest,
  frameworkStepRequest: wire.frameworkStepRequest,
};
for (const mod of [schemas, catalog, evidence, rankings, local, wireBodies] as Record<string, unknown>[])
  for (const [name, v] of Object.entries(mod)) if (v instanceof z.ZodType && !NAMES.has(v)) NAMES.set(v, pascal(name));

const ERROR_TEXT: Record<ErrorCode, string> = {
  VALIDATION: 'The body or a parameter is malformed; `details` names each field.',
  UNAUTHENTICATED: 'No valid token.',
  FORBIDDEN: "The caller's role or unit may not do this.",
  NOT_FOUND: 'No such cycle, unit, framework, file or route.',
  CONFLICT: 'Stale version, or it already exists; `details` may carry the current version.',
  LIFECYCLE: 'Not allowed at the current step of the lifecycle (or after the deadline).',
  INCOMPLETE: 'Not every required row is filled in.',
  TOO_LARGE: 'The file or the body is too large.',
};

/**
 * Which OpenAPI the document is written in: 3.1 (JSON Schema 2020-12) is the contract; 3.0 (zod's
 * `openapi-3.0` target: `nullable`, no `const`) says the same for viewers that are slow on 3.1.
 * Swagger UI 5 runs a 3.1 document through ApiDOM, which took 6–8 s for this one in its viewer,
 * against under 1 s for the same document in 3.0 (issue 21 item 29).
 */
export type OpenApiVersion = '3.1' | '3.0';

function componentsOf(list: EndpointDef[], version: OpenApiVersion): Record<string, Json> {
  const out: Record<string, Json> = {};
  const collect = (io: 'input' | 'output', kind: 'Request' | 'Response', pick: (e: EndpointDef) => z.ZodType | undefined) => {
    const registry = z.registry<{ id: string }>();
    const add = (s: z.ZodType, fallback: string) => {
      if (registry.has(s)) return;
      registry.add(s, { id: NAMES.get(s) ?? fallback });
    };
    for (const e of list) {
      const s = pick(e);
      if (s) add(s, fallbackId(e, kind));
    }
    if (io === 'output') add(errorBody, 'ErrorBody');
    // Recursive (answered by the GET, sent in a PUT): one component that refers to itself.
    add(wireNode, io === 'output' ? 'FrameworkNode' : 'FrameworkNodeRequest');
    const { schemas: defs } = z.toJSONSchema(registry, {
      io,
      uri: REF,
      unrepresentable: 'any',
      target: version === '3.0' ? 'openapi-3.0' : 'draft-2020-12',
    });
    for (const [id, def] of Object.entries(defs)) {
      const { $schema: _s, $id: _i, ...rest } = def as Json;
      if (out[id]) throw new Error(`component ${id} named twice`);
      out[id] = rest;
    }
  };
  collect('input', 'Request', (e) => e.request);
  collect('output', 'Response', (e) => e.response);
  return out;
}

const refOf = (s: z.ZodType, fallback: string): Json => ({ $ref: REF(NAMES.get(s) ?? fallback) });

function operation(name: string, e: EndpointDef, localOnly: boolean, version: OpenApiVersion): Json {
  const params = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const success: Json = e.file
    ? {
        description: 'The file, as an attachment (content-disposition names it).',
        content: {
          [e.file]: {
            schema: version === '3.0' ? { type: 'string', format: 'binary' } : { type: 'string', contentMediaType: e.file },
          },
        },
      }
    : e.response
      ? { description: 'Success.', content: { 'application/json': { schema: refOf(e.response, fallbackId(e, 'Response')) } } }
      : { description: 'Done; no body.' };
  const errorContent = { 'application/json': { schema: { $ref: REF('ErrorBody') } } };
  const errors: Record<string, Json> = {};
  for (const code of e.errors) {
    const status = String(httpStatusOf[code]);
    const prev = errors[status]?.description as string | undefined;
    errors[status] = {
      description: prev ? `${prev} ${code}: ${ERROR_TEXT[code]}` : `${code}: ${ERROR_TEXT[code]}`,
      content: errorContent,
    };
  }
  return {
    operationId: name,
    summary: e.summaryVi,
    description: `${e.summary}\n\nWho: ${e.who}.${localOnly ? ' LOCAL ONLY: served by the local stack (npm start), never deployed.' : ''}`,
    tags: [areaOf.get(e) ?? 'Khác (Other)'],
    'x-lambda': e.group,
    ...(e.auth ? {} : { security: [] }),
    ...(params.length ? { parameters: params } : {}),
    ...(e.request
      ? {
          requestBody: {
            // The ranking steps take an optional body (`{ version }` or nothing).
            required: !e.request.safeParse(undefined).success,
            content: { 'application/json': { schema: refOf(e.request, fallbackId(e, 'Request')) } },
          },
        }
      : {}),
    responses: {
      [String(e.status)]: success,
      ...errors,
      default: { description: 'INTERNAL: an unexpected failure (never expected).', content: errorContent },
    },
    ...(localOnly ? { 'x-local-only': true } : {}),
  };
}

/** The whole document; the local-only token route is in it, marked `x-local-only`. */
export function openApiDocument(version: OpenApiVersion = '3.1'): z.output<typeof openApiResponse> {
  const all = [
    ...Object.entries(ENDPOINTS).map(([n, e]) => [n, e as EndpointDef, false] as const),
    ...Object.entries(LOCAL_ENDPOINTS).map(([n, e]) => [n, e as EndpointDef, true] as const),
  ];
  const paths: Record<string, Record<string, Json>> = {};
  for (const [name, e, localOnly] of all) (paths[e.path] ??= {})[e.method.toLowerCase()] = operation(name, e, localOnly, version);
  return {
    openapi: version === '3.0' ? '3.0.3' : '3.1.0',
    info: {
      title: 'CCHC Index API',
      version: '1',
      description:
        'API của hệ thống Chỉ số CCHC cấp xã (Quyết định 4203/QĐ-UBND), theo nhóm nghiệp vụ. Điểm là số có tối đa hai chữ số thập phân. Mọi lỗi trả lời `{ error: { code, message, details? } }` với thông báo tiếng Việt.\n\nThe API of the commune-level PAR index, by area of work. Points are numbers with at most two decimals. Every error answers `{ error: { code, message, details? } }` with a Vietnamese message.',
    },
    tags: AREAS.map((a) => ({ name: a.name, description: a.description })),
    servers: [{ url: '/' }],
    components: {
      schemas: componentsOf(
        all.map(([, e]) => e),
        version,
      ),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
