import { error } from '@sveltejs/kit';
import { ApiError, publicGet } from '$lib/api';
import type { PublicCycle } from '$lib/results';

/** Public: the cycles with published results (no token, even when someone is signed in). */
export async function load() {
  try {
    return { cycles: await publicGet<PublicCycle[]>('/public/cycles') };
  } catch (e) {
    if (e instanceof ApiError) error(e.status || 503, e.message);
    throw e;
  }
}
