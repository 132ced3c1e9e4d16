import { load as fetchOrFail } from '$lib/cycles';
import { can } from '$shared/permissions';

/** Every framework of the province, and the cycles (to name the years that run each). */
export async function load({ parent }) {
  const { user } = await parent();
  if (!user || !can(user, 'framework.manage')) return { frameworks: [], cycles: [] };
  const [frameworks, cycles] = await Promise.all([fetchOrFail('listFrameworks', {}), fetchOrFail('listCycles', {})]);
  return { frameworks, cycles };
}
