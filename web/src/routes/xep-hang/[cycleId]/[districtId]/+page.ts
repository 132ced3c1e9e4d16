import { error } from '@sveltejs/kit';
import { enc } from '$lib/api';
import { load as fetchOrFail } from '$lib/cycles';
import type { RankingBody } from '$lib/results';
import type { Cycle } from '$shared/schemas';

export async function load({ params }) {
  const [ranking, cycles] = await Promise.all([
    fetchOrFail<RankingBody>(`/cycles/${enc(params.cycleId)}/rankings/${enc(params.districtId)}`),
    fetchOrFail<Cycle[]>('/cycles'),
  ]);
  const cycle = cycles.find((c) => c.id === params.cycleId);
  if (!cycle) error(404, 'Không tìm thấy kỳ đánh giá.');
  return { ranking, cycle, cycles };
}
