/**
 * Sign-in. The app first reads `/config.json`: `{"auth":"local"}` on the local stack (pick a role and a
 * unit, the stack signs a token) or `{"auth":"cognito",…}` in AWS (Cognito's hosted UI with the
 * authorization-code flow and PKCE; the id token is the Bearer token).
 */
import type { DevTokenResponse, DevUsersResponse } from '$shared/api/local';
import { api, callAs, callUnits } from './api';
import { clearToken, setToken } from './session';
import type { Role } from '$shared/permissions';
import { SIGN_IN_CALLBACK_PATH, SIGN_IN_PATH } from '$shared/auth-paths';
import type { UnitsResponse } from '$shared/schemas';

export type AuthConfig =
  { auth: 'local' } | { auth: 'cognito'; region: string; userPoolId: string; clientId: string; cognitoDomain: string };

let configPromise: Promise<AuthConfig> | undefined;

export function loadConfig(): Promise<AuthConfig> {
  configPromise ??= fetch('/config.json', { headers: { accept: 'application/json' } })
    .then((r) => {
      if (!r.ok) throw new Error(String(r.status));
      return r.json() as Promise<AuthConfig>;
    })
    .catch((e: unknown) => {
      configPromise = undefined;
      throw new Error(`Không tải được cấu hình ứng dụng (${(e as Error).message}).`);
    });
  return configPromise;
}

// ---- local stack ----

/**
 * Units for the local sign-in page: a short-lived operator token is enough to list them. The current
 * organisation's communes; when it appraises at province level (no districts), the districts of the
 * newest district-level cycle too, so that district staff can still sign in to its results.
 */
export async function localUnits(): Promise<{ current: UnitsResponse; districts: UnitsResponse['districts'] }> {
  const { token } = await api<DevTokenResponse>('POST', '/dev/token', { role: 'operator' });
  const current = await callUnits(undefined, token);
  if (current.districts.length > 0) return { current, districts: current.districts };
  const cycles = await callAs('listCycles', token, {});
  const earlier = [...cycles].filter((c) => c.appraisingLevel === 'district').sort((a, b) => b.year - a.year)[0];
  const districts = earlier ? (await callUnits(earlier.id, token)).districts : [];
  return { current, districts };
}

/** The local stack's directory of users (local/users.ts): who the sign-in page offers for a role and unit. */
export async function localUsers(): Promise<DevUsersResponse['users']> {
  return (await api<DevUsersResponse>('GET', '/dev/users', undefined, '')).users;
}

/** A user of the directory (by `email`: the token then carries it, as Cognito's does) or a typed name. */
export async function localSignIn(role: Role, unitId: string | undefined, name: string, email = ''): Promise<void> {
  const body: { role: Role; unitId?: string; name?: string; email?: string } = { role };
  if (unitId) body.unitId = unitId;
  if (email) body.email = email;
  else if (name.trim()) body.name = name.trim();
  const { token } = await api<DevTokenResponse>('POST', '/dev/token', body);
  setToken(token);
}

// ---- Cognito hosted UI, authorization code + PKCE ----

const PKCE_KEY = 'cchc.pkce';
export const CALLBACK_PATH = SIGN_IN_CALLBACK_PATH;

function domainUrl(cfg: Extract<AuthConfig, { auth: 'cognito' }>): string {
  const d = cfg.cognitoDomain.replace(/\/+$/, '');
  return d.startsWith('https://') ? d : `https://${d}`;
}

function base64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function cognitoSignIn(cfg: Extract<AuthConfig, { auth: 'cognito' }>, returnTo = '/'): Promise<void> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, returnTo }));
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: location.origin + CALLBACK_PATH,
    scope: 'openid email profile',
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
    lang: 'vi',
  });
  location.assign(`${domainUrl(cfg)}/oauth2/authorize?${q}`);
}

/** On the callback page: checks `state`, exchanges the code for tokens, keeps the id token. Returns where to go next. */
export async function cognitoCallback(cfg: Extract<AuthConfig, { auth: 'cognito' }>, url: URL): Promise<string> {
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PKCE_KEY);
  const err = url.searchParams.get('error');
  if (err) throw new Error(`Đăng nhập không thành công (${url.searchParams.get('error_description') ?? err}).`);
  const code = url.searchParams.get('code');
  if (!code || !saved || url.searchParams.get('state') !== saved.state)
    throw new Error('Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.');
  const res = await fetch(`${domainUrl(cfg)}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: cfg.clientId,
      code,
      redirect_uri: location.origin + CALLBACK_PATH,
      code_verifier: saved.verifier,
    }),
  });
  if (!res.ok) throw new Error(`Không lấy được mã đăng nhập từ máy chủ xác thực (${res.status}).`);
  const tokens = (await res.json()) as { id_token?: string };
  if (!tokens.id_token) throw new Error('Máy chủ xác thực không trả về mã định danh.');
  setToken(tokens.id_token);
  return saved.returnTo.startsWith('/') ? saved.returnTo : '/';
}

/** Forgets the token; in Cognito mode also ends the hosted-UI session. */
export async function signOut(): Promise<void> {
  clearToken();
  let cfg: AuthConfig | undefined;
  try {
    cfg = await loadConfig();
  } catch {
    cfg = undefined;
  }
  if (cfg?.auth === 'cognito') {
    const q = new URLSearchParams({ client_id: cfg.clientId, logout_uri: location.origin + SIGN_IN_PATH });
    location.assign(`${domainUrl(cfg)}/logout?${q}`);
  }
}
