import { redirect } from '@sveltejs/kit';
import { call, callUnits, enc } from '$lib/api';
import { loadAssessment } from '$lib/cycles';
import { namesUser } from '$shared/assignments';
import { levelOf } from '$shared/permissions';

export async function load({ params, parent }) {
  const { user } = await parent();
  if (user && levelOf(user.role) === 'commune') redirect(307, `/danh-gia/${enc(params.cycleId)}/${enc(params.unitId)}`);
  const { assessment, cycle } = await loadAssessment(params.cycleId, params.unitId);
  // An appraiser's stored assignment wins over the token's `areas` claim (as on the server).
  let assigned: string[] | undefined;
  let assignedCommunes: string[] | undefined;
  if (user?.role === 'district_appraiser' || user?.role === 'province_appraiser') {
    const a = await call('getAssignments', { cycleId: cycle.id, districtId: assessment.appraisingUnitId }).catch(() => undefined);
    const mine = a?.appraisers.find((x) => namesUser(x, user));
    assigned = mine?.areas;
    assignedCommunes = mine?.communes;
  }
  // Only for naming the appraising council: the page works without it.
  const units = await callUnits(cycle.id).catch(() => undefined);
  return { assessment, cycle, assigned, assignedCommunes, units };
}
