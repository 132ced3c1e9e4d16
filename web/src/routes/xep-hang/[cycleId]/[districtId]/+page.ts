import { error } from '@sveltejs/kit';
import { load as fetchOrFail } from '$lib/cycles';
import { ensureFramework } from '$lib/frameworks';

export async function load({ params }) {
  const [ranking, cycles] = await Promise.all([
    fetchOrFail('getRanking', { cycleId: params.cycleId, districtId: params.districtId }),
    fetchOrFail('listCycles', {}),
  ]);
  const cycle = cycles.find((c) => c.id === params.cycleId);
  if (!cycle) error(404, 'Không tìm thấy kỳ đánh giá.');
  await ensureFramework(cycle.frameworkId);
  return { ranking, cycle, cycles };
}
