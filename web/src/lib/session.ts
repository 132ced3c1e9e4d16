/**
 * Who is signed in: the Bearer token (a JWT, from the local stack or Cognito's id token) kept in
 * sessionStorage for the tab's lifetime, and the claims the app reads from it.
 */
import type { Role } from '$shared/permissions';

const KEY = 'cchc.token';

export interface Claims {
  sub: string;
  name: string;
  role: Role;
  unitId: string;
  /** What an appraiser assignment names (shared/assignments.ts namesUser). */
  email?: string;
  areas?: string[];
  exp?: number;
}

function base64UrlDecode(s: string): string {
  const b64 = s
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(s.length / 4) * 4, '=');
  const bin = atob(b64);
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The claims of a JWT (not verified: the server does that on every request). Cognito's custom attributes are read too. */
export function decodeClaims(token: string): Claims | undefined {
  try {
    const p = JSON.parse(base64UrlDecode(token.split('.')[1] ?? '')) as Record<string, unknown>;
    const role = (p.role ?? p['custom:role'] ?? (p['cognito:groups'] as string[] | undefined)?.[0]) as Role | undefined;
    const unitId = (p.unitId ?? p['custom:unitId']) as string | undefined;
    if (!role) return undefined;
    const areasRaw = p.areas ?? p['custom:areas'];
    const areas = Array.isArray(areasRaw)
      ? (areasRaw as string[])
      : typeof areasRaw === 'string' && areasRaw
        ? areasRaw.split(',')
        : undefined;
    return {
      sub: String(p.sub ?? ''),
      name: String(p.name ?? p.email ?? p['cognito:username'] ?? ''),
      role,
      unitId: unitId ?? '',
      ...(typeof p.email === 'string' && p.email ? { email: p.email } : {}),
      ...(areas ? { areas } : {}),
      ...(typeof p.exp === 'number' ? { exp: p.exp } : {}),
    };
  } catch {
    return undefined;
  }
}

export function getToken(): string | undefined {
  if (typeof sessionStorage === 'undefined') return undefined;
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function setToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}

/** The signed-in user, or undefined when there is no token or it has expired. */
export function currentUser(now = Date.now()): Claims | undefined {
  const t = getToken();
  if (!t) return undefined;
  const c = decodeClaims(t);
  if (!c || (c.exp !== undefined && c.exp * 1000 <= now)) {
    clearToken();
    return undefined;
  }
  return c;
}
