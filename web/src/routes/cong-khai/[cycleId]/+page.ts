import { error } from '@sveltejs/kit';
import { ApiError, enc, publicGet } from '$lib/api';
import type { Consolidated, PublicCycle } from '$lib/results';

/** Public: one cycle's published results (the API leaves out every district not yet published). */
export async function load({ params }) {
  try {
    const [results, cycles] = await Promise.all([
      publicGet<Consolidated>(`/cycles/${enc(params.cycleId)}/results`),
      publicGet<PublicCycle[]>('/public/cycles'),
    ]);
    return { results, cycles };
  } catch (e) {
    if (e instanceof ApiError) error(e.status || 503, e.message);
    throw e;
  }
}
