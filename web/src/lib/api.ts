/**
 * The one API client: base `/api`, Bearer token from the session, JSON in and out. Every failure is an
 * ApiError carrying the server's Vietnamese message and machine-readable code.
 */
import { getToken } from './session';
import { pathOf, type ParamsOf, type RequestOf, type ResponseOf } from '$shared/api/endpoint';
import type { EndpointName, Endpoints } from '$shared/api/index';
import type { ZodType } from 'zod';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const GENERIC: Record<number, string> = {
  401: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  403: 'Bạn không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy dữ liệu yêu cầu.',
};

/** Called when the server says the token is no longer good (the layout sends the user to sign in). */
let onUnauthenticated: (() => void) | undefined;
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

export async function api<T>(method: string, path: string, body?: unknown, token = getToken()): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    const e = new ApiError(
      res.status,
      err?.code ?? (res.status === 401 ? 'UNAUTHENTICATED' : 'HTTP_' + res.status),
      err?.message ?? GENERIC[res.status] ?? `Máy chủ báo lỗi (${res.status}). Vui lòng thử lại sau.`,
      err?.details,
    );
    if (res.status === 401 && token) onUnauthenticated?.();
    throw e;
  }
  return data as T;
}

export const enc = encodeURIComponent;
/** `/cycles/{cycleId}/assessments/{unitId}` */
export const assessmentPath = (cycleId: string, unitId: string) => `/cycles/${enc(cycleId)}/assessments/${enc(unitId)}`;

/** Each endpoint's method, path and whether it takes a token: inlined from shared/api by vite.config.ts. */
declare const __API_ROUTES__: { [N in EndpointName]: [Endpoints[N]['method'], Endpoints[N]['path'], boolean] };

/** Spreadsheets are downloads (download.ts), not JSON calls. */
export type JsonEndpoint = { [N in EndpointName]: Endpoints[N] extends { file: string } ? never : N }[EndpointName];
type Params<N extends EndpointName> = ParamsOf<Endpoints[N]>;
export type Args<N extends EndpointName> = Endpoints[N] extends { request: ZodType }
  ? undefined extends RequestOf<Endpoints[N]>
    ? [params: Params<N>, body?: RequestOf<Endpoints[N]>]
    : [params: Params<N>, body: RequestOf<Endpoints[N]>]
  : [params: Params<N>];

/**
 * A request to an endpoint of the contract (shared/api/) by name: the path is built from its template
 * with every parameter URL-encoded, the body is typed by its request schema, the answer by its response
 * schema. Public endpoints are called without a token, even when someone is signed in in this tab.
 */
export function call<N extends JsonEndpoint>(endpoint: N, ...[params, body]: Args<N>): Promise<ResponseOf<Endpoints[N]>> {
  return callAs(endpoint, undefined, params, body);
}

/** `call` with a token of its own (the local sign-in asks for units with a token it was just given). */
export function callAs<N extends JsonEndpoint>(
  endpoint: N,
  token: string | undefined,
  params: Params<N>,
  body?: RequestOf<Endpoints[N]>,
  query?: Record<string, string | undefined>,
): Promise<ResponseOf<Endpoints[N]>> {
  const [method, template, auth] = __API_ROUTES__[endpoint];
  const q = new URLSearchParams(Object.entries(query ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
  const qs = q.toString();
  const path = pathOf(template, params).replace(/^\/api/, '') + (qs ? `?${qs}` : '');
  return api<ResponseOf<Endpoints[N]>>(
    method,
    path,
    method === 'GET' || method === 'DELETE' ? undefined : (body ?? {}),
    auth ? (token ?? getToken()) : '',
  );
}

/** The units of a cycle's organisation (`GET /api/units?cycleId=`); without a cycle, the current one. */
export function callUnits(cycleId?: string, token?: string) {
  return callAs('listUnits', token, {}, undefined, { cycleId });
}
