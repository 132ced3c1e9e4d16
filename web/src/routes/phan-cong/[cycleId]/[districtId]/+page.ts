import { error } from '@sveltejs/kit';
import { loadConfig } from '$lib/auth';
import { load as fetchOrFail, loadUnits } from '$lib/cycles';

export async function load({ params }) {
  const [assignments, units, cycles, config] = await Promise.all([
    fetchOrFail('getAssignments', { cycleId: params.cycleId, districtId: params.districtId }),
    loadUnits(params.cycleId),
    fetchOrFail('listCycles', {}),
    loadConfig().catch(() => undefined),
  ]);
  // The appraising unit: a district, or the province itself in a province-level cycle.
  const district = units.appraisingUnits.find((d) => d.id === params.districtId);
  const cycle = cycles.find((c) => c.id === params.cycleId);
  if (!district || !cycle) error(404, 'Không tìm thấy đơn vị hoặc kỳ đánh giá.');
  return { assignments, district, cycle, local: config?.auth === 'local' };
}
