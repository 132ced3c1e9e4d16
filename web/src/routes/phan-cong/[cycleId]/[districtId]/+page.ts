import { error } from '@sveltejs/kit';
import { loadConfig } from '$lib/auth';
import { load as fetchOrFail } from '$lib/cycles';

export async function load({ params }) {
  const [assignments, units, cycles, config] = await Promise.all([
    fetchOrFail('getAssignments', { cycleId: params.cycleId, districtId: params.districtId }),
    fetchOrFail('listUnits', {}),
    fetchOrFail('listCycles', {}),
    loadConfig().catch(() => undefined),
  ]);
  const district = units.districts.find((d) => d.id === params.districtId);
  const cycle = cycles.find((c) => c.id === params.cycleId);
  if (!district || !cycle) error(404, 'Không tìm thấy đơn vị hoặc kỳ đánh giá.');
  return { assignments, district, cycle, local: config?.auth === 'local' };
}
