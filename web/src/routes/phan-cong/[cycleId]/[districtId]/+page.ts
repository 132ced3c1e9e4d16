import { error } from '@sveltejs/kit';
import { call } from '$lib/api';
import { loadConfig } from '$lib/auth';
import { isSecretaryRole } from '$lib/appraising';
import { load as fetchOrFail, loadUnits } from '$lib/cycles';
import { ensureFramework } from '$lib/frameworks';

export async function load({ params, parent }) {
  const { user } = await parent();
  // Only the unit's secretary assigns, and only they may list the users to pick from.
  const mayAssign = !!user && isSecretaryRole(user.role) && user.unitId === params.districtId;
  const [assignments, units, cycles, config, users] = await Promise.all([
    fetchOrFail('getAssignments', { cycleId: params.cycleId, districtId: params.districtId }),
    loadUnits(params.cycleId),
    fetchOrFail('listCycles', {}),
    loadConfig().catch(() => undefined),
    mayAssign
      ? call('listAssignableUsers', { cycleId: params.cycleId, districtId: params.districtId }).then(
          (r) => ({ list: r.users, error: '' }),
          // The form still takes a typed e-mail; the server checks it.
          (e: Error) => ({ list: [], error: e.message }),
        )
      : { list: [], error: '' },
  ]);
  // The appraising unit: a district, or the province itself in a province-level cycle.
  const district = units.appraisingUnits.find((d) => d.id === params.districtId);
  const cycle = cycles.find((c) => c.id === params.cycleId);
  if (!district || !cycle) error(404, 'Không tìm thấy đơn vị hoặc kỳ đánh giá.');
  await ensureFramework(cycle.frameworkId);
  return { assignments, district, cycle, local: config?.auth === 'local', users };
}
