import { callUnits } from '$lib/api';
import { load as fetchOrFail, loadCyclesForAccount } from '$lib/cycles';

export async function load({ params, parent }) {
  const { user } = await parent();
  const [results, cycles, units] = await Promise.all([
    fetchOrFail('getConsolidated', { cycleId: params.cycleId }),
    fetchOrFail('listCycles', {}),
    callUnits(params.cycleId).catch(() => undefined),
  ]);
  // A province-level cycle has one appraising unit: its charts go by the former districts, named from
  // the units of the earlier organisations (one cycle of each is enough to list them).
  const formerDistricts: Record<string, string> = {};
  if (results.appraisingLevel === 'province') {
    const earlier = new Map<string, string>();
    for (const c of cycles)
      if (c.appraisingLevel === 'district' && !earlier.has(c.organisationId)) earlier.set(c.organisationId, c.id);
    const lists = await Promise.all([...earlier.values()].map((id) => callUnits(id).catch(() => undefined)));
    for (const u of lists) for (const d of u?.districts ?? []) formerDistricts[d.id] ??= d.name;
  }
  // The picker offers only the cycles this account may open (a district's role none of the province's).
  const pickable = user ? (await loadCyclesForAccount(user, cycles)).cycles : cycles;
  return { results, cycles: pickable, units, formerDistricts };
}
