import { error } from '@sveltejs/kit';
import { ApiError, call } from '$lib/api';

/** Public: the cycles with published results (no token, even when someone is signed in). */
export async function load() {
  try {
    return { cycles: await call('listPublicCycles', {}) };
  } catch (e) {
    if (e instanceof ApiError) error(e.status || 503, e.message);
    throw e;
  }
}
