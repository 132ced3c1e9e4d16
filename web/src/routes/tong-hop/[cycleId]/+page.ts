import { enc } from '$lib/api';
import { load as fetchOrFail } from '$lib/cycles';
import type { Consolidated } from '$lib/results';
import type { Cycle } from '$shared/schemas';

export async function load({ params }) {
  const [results, cycles] = await Promise.all([
    fetchOrFail<Consolidated>(`/cycles/${enc(params.cycleId)}/consolidated`),
    fetchOrFail<Cycle[]>('/cycles'),
  ]);
  return { results, cycles };
}
