import { callUnits } from '$lib/api';
import { ensureFramework } from '$lib/frameworks';
import { load as fetchOrFail, loadCyclesForAccount } from '$lib/cycles';

export async function load({ params, parent }) {
  const { user } = await parent();
  const [results, cycles, units] = await Promise.all([
    fetchOrFail('getConsolidated', { cycleId: params.cycleId }),
    fetchOrFail('listCycles', {}),
    callUnits(params.cycleId).catch(() => undefined),
  ]);
  await ensureFramework(results.frameworkId);
  // Earlier cycles on another framework: read theirs, to say where per-area figures do not compare.
  const historyFrameworks: Record<string, string> = {};
  for (const h of results.history ?? []) {
    const fwId = cycles.find((c) => c.id === h.cycleId)?.frameworkId;
    if (fwId) historyFrameworks[h.cycleId] = fwId;
  }
  await Promise.all(
    [...new Set(Object.values(historyFrameworks))]
      .filter((id) => id !== results.frameworkId)
      .map((id) => ensureFramework(id).catch(() => undefined)),
  );
  // A province-level cycle has one appraising unit: its charts go by the former districts, named from
  // the organisation data (Bắc Kạn's districts too, whose organisation no cycle ran on).
  const formerDistricts: Record<string, string> = Object.fromEntries(
    (units?.formerDistricts ?? []).map((d) => [d.id, d.name] as const),
  );
  // The picker offers only the cycles this account may open (a district's role none of the province's).
  const pickable = user ? (await loadCyclesForAccount(user, cycles)).cycles : cycles;
  return { results, cycles: pickable, units, formerDistricts, historyFrameworks };
}
