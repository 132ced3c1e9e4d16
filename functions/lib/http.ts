/**
 * The common middy chain of every API function: the error mapper wraps everything; the handler then
 * dispatches on API Gateway's routeKey to small route functions that parse, authorise, call the
 * domain, save and answer.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { DomainError, httpStatusOf, InvalidInput, NotAuthenticated, NotFound } from '../../shared/errors.js';
import { ROLES, type Principal, type Role } from '../../shared/permissions.js';
import { routeKeyOf, type EndpointDef, type FunctionName, type ResponseOf } from '../../shared/api/endpoint.js';
import type { Endpoints, NamesOf } from '../../shared/api/index.js';
import { ROUTE_TABLE, type RouteFacts } from '../../shared/api/route-table.js';
import { Logger } from './logger.js';
import { runInvocation, settle } from './invocation.js';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
/** How long before the function's timeout middy answers "timed out" (its default). */
const TIMEOUT_EARLY_MS = 5;
export type ApiResult = APIGatewayProxyStructuredResultV2;

export interface Request {
  event: ApiEvent;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Present on routes behind the JWT authorizer. */
  principal: Principal | undefined;
  now: string;
  body(): unknown;
  /** The body's bytes as sent (a binary upload: base64-decoded). */
  bytes(): Buffer;
}

export interface Reply<B = unknown> {
  /** Default: the endpoint's success status in shared/api. */
  status?: number;
  body?: B;
  headers?: Record<string, string>;
  /** A file (spreadsheet): sent base64-encoded, as API Gateway expects binary bodies. */
  file?: Buffer;
}
export type FileReply = Reply<undefined> & { file: Buffer };

/** What a route of endpoint E answers: a file, nothing (204), or exactly its response schema's type. */
export type ReplyOf<E extends EndpointDef> = E extends { file: string }
  ? FileReply
  : E extends { response: unknown }
    ? Reply<ResponseOf<E>> & { body: ResponseOf<E> }
    : Reply<undefined>;

export type Route<E extends EndpointDef = EndpointDef> = (req: Request) => Promise<ReplyOf<E>>;
/** Exactly the endpoints of one Lambda, by name: a missing or an extra one does not compile. */
export type RoutesOf<G extends FunctionName> = { [N in NamesOf<G>]: Route<Endpoints[N]> };

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json<B>(body: B, status?: number): Reply<B> & { body: B } {
  return status === undefined ? { body } : { status, body };
}

function toResult(r: Reply, success: number): ApiResult {
  if (r.file)
    return {
      statusCode: r.status ?? success,
      headers: { 'cache-control': 'no-store', ...r.headers },
      body: r.file.toString('base64'),
      isBase64Encoded: true,
    };
  if (r.body === undefined) return { statusCode: r.status ?? success, headers: { ...JSON_HEADERS, ...r.headers } };
  return { statusCode: r.status ?? success, headers: { ...JSON_HEADERS, ...r.headers }, body: JSON.stringify(r.body) };
}

export function errorResult(e: DomainError): ApiResult {
  return {
    statusCode: httpStatusOf[e.code],
    headers: JSON_HEADERS,
    body: JSON.stringify({
      error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) },
    }),
  };
}

/** API Gateway flattens array claims to "[a b]"; Cognito names custom attributes "custom:x". */
function claimList(v: unknown): string[] | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return v.map(String);
  const s = String(v).trim();
  if (s.startsWith('[') && s.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      /* "[II VI]" is not JSON */
    }
    return s
      .slice(1, -1)
      .split(/[\s,]+/)
      .filter(Boolean);
  }
  return s.split(/[\s,]+/).filter(Boolean);
}

export function principalOf(event: ApiEvent): Principal | undefined {
  const claims = event.requestContext.authorizer?.jwt?.claims as Record<string, unknown> | undefined;
  if (!claims) return undefined;
  const role = (claims.role ?? claimList(claims['cognito:groups'])?.[0]) as string | undefined;
  const unitId = (claims.unitId ?? claims['custom:unitId']) as string | undefined;
  const sub = claims.sub as string | undefined;
  if (!role || !ROLES.includes(role as Role) || !unitId || !sub)
    throw new NotAuthenticated('Phiên đăng nhập thiếu vai trò hoặc đơn vị.');
  const areas = claimList(claims.areas ?? claims['custom:areas']);
  const email = typeof claims.email === 'string' && claims.email ? claims.email : undefined;
  return {
    sub,
    name: String(claims.name ?? claims.email ?? claims['cognito:username'] ?? sub),
    role: role as Role,
    unitId,
    ...(email ? { email } : {}),
    ...(areas && areas.length > 0 ? { areas } : {}),
  };
}

/** Longer than any id of a cycle, unit, framework or file; DynamoDB refuses keys much longer. */
const MAX_PATH_PARAM = 200;

/**
 * A path parameter as sent: a malformed escape (%ZZ, a lone %E0) or an id longer than any id is the
 * client's error, never a 500.
 */
export function decodePathParam(v: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(v);
  } catch {
    throw new InvalidInput('Đường dẫn chứa ký tự mã hóa không hợp lệ.', [{ field: '(path)' }]);
  }
  if (decoded.length > MAX_PATH_PARAM)
    throw new InvalidInput('Đường dẫn chứa mã quá dài.', [{ field: '(path)', max: MAX_PATH_PARAM }]);
  return decoded;
}

/** Parses with a zod schema; the 400 names every offending field. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  // An unknown key is named as a field of its own, so the client sees exactly what to remove.
  const details = r.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ field: [...i.path, k].join('.'), message: i.message }))
      : [{ field: i.path.join('.') || '(body)', message: i.message }],
  );
  throw new InvalidInput(`Dữ liệu không hợp lệ: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, details);
}

export function createApi<G extends FunctionName>(service: G, routes: RoutesOf<NoInfer<G>>) {
  const logger = new Logger(service);
  const byKey = new Map<string, { route: Route; status: number }>();
  for (const [name, e] of Object.entries(ROUTE_TABLE) as unknown as [keyof RoutesOf<G>, RouteFacts][])
    if (e.group === service) byKey.set(routeKeyOf(e), { route: routes[name] as Route, status: e.status });
  // The types already demand exactly these names; this catches a cast around them.
  const extra = Object.keys(routes).filter((n) => (ROUTE_TABLE as Record<string, RouteFacts>)[n]?.group !== service);
  const missing = [...byKey].filter(([, r]) => typeof r.route !== 'function').map(([k]) => k);
  if (extra.length || missing.length)
    throw new Error(`${service}: not in its route group: [${extra.join(', ')}]; not implemented: [${missing.join(', ')}]`);
  const errors: middy.MiddlewareObj<ApiEvent, ApiResult> = {
    onError: async (request) => {
      const e = request.error;
      if (e instanceof DomainError) {
        if (e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED') logger.warn('refused', { code: e.code, message: e.message });
        request.response = errorResult(e);
        return;
      }
      logger.error('unhandled error', {
        error: e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e),
      });
      request.response = {
        statusCode: 500,
        headers: JSON_HEADERS,
        body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Lỗi hệ thống; vui lòng thử lại sau.' } }),
      };
    },
  };
  const handler = middy<ApiEvent, ApiResult, Error, Context>({ timeoutEarlyInMillis: TIMEOUT_EARLY_MS })
    .use(errors)
    .handler(async (event, context) => {
      logger.resetKeys();
      logger.appendKeys({ route: event.routeKey, requestId: context?.awsRequestId, ...event.pathParameters });
      const found = byKey.get(event.routeKey);
      if (!found) throw new NotFound('Không có đường dẫn này.');
      let parsed: unknown;
      let bodyRead = false;
      const req: Request = {
        event,
        params: Object.fromEntries(Object.entries(event.pathParameters ?? {}).map(([k, v]) => [k, decodePathParam(v ?? '')])),
        query: Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).map(([k, v]) => [k, v ?? ''])),
        principal: principalOf(event),
        now: new Date().toISOString(),
        bytes() {
          return event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
        },
        body() {
          if (bodyRead) return parsed;
          bodyRead = true;
          const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
          if (raw.trim() === '') throw new InvalidInput('Thiếu nội dung yêu cầu (JSON).', [{ field: '(body)' }]);
          try {
            parsed = JSON.parse(raw);
          } catch {
            throw new InvalidInput('Nội dung yêu cầu không phải JSON hợp lệ.', [{ field: '(body)' }]);
          }
          return parsed;
        },
      };
      if (req.principal) logger.appendKeys({ role: req.principal.role, unit: req.principal.unitId });
      return toResult(await found.route(req), found.status);
    });
  // middy answers "timed out" TIMEOUT_EARLY_MS before the remaining time ends; the invocation's AWS
  // calls stop then too (invocation.ts). No answer leaves before the invocation's pending writes land.
  const invoke = (event: ApiEvent, context: Context) =>
    runInvocation(
      typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() - TIMEOUT_EARLY_MS : undefined,
      async () => {
        try {
          return await handler(event, context);
        } finally {
          await settle();
        }
      },
    );
  /** The endpoint names it serves (test/unit checks them against the table). */
  return Object.assign(invoke, { endpoints: Object.keys(routes) as NamesOf<G>[] });
}
