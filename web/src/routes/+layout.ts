import { redirect } from '@sveltejs/kit';
import { currentUser } from '$lib/session';

// A single-page app: everything renders in the browser; the server answers unknown paths with 200.html.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';

/** The published results and the API reference need no sign-in. */
const isPublic = (path: string) => ['/cong-khai', '/tai-lieu-api'].some((p) => path === p || path.startsWith(p + '/'));

export function load({ url }) {
  const user = currentUser();
  if (!user && !url.pathname.startsWith('/dang-nhap') && !isPublic(url.pathname)) {
    const next = url.pathname + url.search;
    redirect(307, next === '/' ? '/dang-nhap' : `/dang-nhap?next=${encodeURIComponent(next)}`);
  }
  return { user };
}
