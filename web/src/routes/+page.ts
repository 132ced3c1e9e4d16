import { currentCycle, load as fetchOrFail } from '$lib/cycles';
import { levelOf } from '$shared/permissions';

export async function load({ parent }) {
  const { user } = await parent();
  if (!user || user.role === 'operator') return { kind: 'none' as const };
  const cycles = await fetchOrFail('listCycles', {});
  const cycle = currentCycle(cycles);
  if (!cycle) return { kind: 'no-cycle' as const };
  if (levelOf(user.role) === 'commune') {
    const assessment = await fetchOrFail('getAssessment', { cycleId: cycle.id, unitId: user.unitId });
    return { kind: 'commune' as const, cycle, assessment };
  }
  const [list, units] = await Promise.all([fetchOrFail('listAssessments', { cycleId: cycle.id }), fetchOrFail('listUnits', {})]);
  return { kind: 'list' as const, cycle, cycles, list, units };
}
