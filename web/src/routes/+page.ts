import { cycleFor, load as fetchOrFail, loadUnits } from '$lib/cycles';
import { levelOf } from '$shared/permissions';

export async function load({ parent }) {
  const { user } = await parent();
  if (!user || user.role === 'operator') return { kind: 'none' as const };
  const cycles = await fetchOrFail('listCycles', {});
  const cycle = cycleFor(user.role, cycles);
  if (!cycle) return { kind: 'no-cycle' as const };
  if (levelOf(user.role) === 'commune') {
    const [assessment, units] = await Promise.all([
      fetchOrFail('getAssessment', { cycleId: cycle.id, unitId: user.unitId }),
      loadUnits(cycle.id),
    ]);
    return { kind: 'commune' as const, cycle, assessment, units };
  }
  const [list, units] = await Promise.all([fetchOrFail('listAssessments', { cycleId: cycle.id }), loadUnits(cycle.id)]);
  return { kind: 'list' as const, cycle, cycles, list, units };
}
