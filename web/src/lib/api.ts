/**
 * The one API client: base `/api`, Bearer token from the session, JSON in and out. Every failure is an
 * ApiError carrying the server's Vietnamese message and machine-readable code.
 */
import { getToken } from './session';

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

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = (path: string) => api<void>('DELETE', path);
/** The public routes: never a token, even when someone is signed in in this tab. */
export const publicGet = <T>(path: string) => api<T>('GET', path, undefined, '');

export const enc = encodeURIComponent;
/** `/cycles/{cycleId}/assessments/{unitId}` */
export const assessmentPath = (cycleId: string, unitId: string) => `/cycles/${enc(cycleId)}/assessments/${enc(unitId)}`;
