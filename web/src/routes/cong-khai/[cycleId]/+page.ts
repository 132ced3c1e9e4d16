import { error } from '@sveltejs/kit';
import { ApiError, call } from '$lib/api';

/** Public: one cycle's published results (the API leaves out every district not yet published). */
export async function load({ params }) {
  try {
    const [results, cycles] = await Promise.all([call('getResults', { cycleId: params.cycleId }), call('listPublicCycles', {})]);
    return { results, cycles };
  } catch (e) {
    if (e instanceof ApiError) error(e.status || 503, e.message);
    throw e;
  }
}
