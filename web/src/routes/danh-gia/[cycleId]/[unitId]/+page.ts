import { error } from '@sveltejs/kit';
import { assessmentPath } from '$lib/api';
import { load as fetchOrFail } from '$lib/cycles';
import type { AssessmentResponse, Cycle } from '$shared/schemas';

export async function load({ params }) {
  const [assessment, cycles] = await Promise.all([
    fetchOrFail<AssessmentResponse>(assessmentPath(params.cycleId, params.unitId)),
    fetchOrFail<Cycle[]>('/cycles'),
  ]);
  const cycle = cycles.find((c) => c.id === params.cycleId);
  if (!cycle) error(404, 'Không tìm thấy kỳ đánh giá.');
  return { assessment, cycle };
}
