import { cycleFor, load as fetchOrFail, loadCyclesForAccount, loadUnits } from '$lib/cycles';
import { levelOf } from '$shared/permissions';
import { ensureFramework } from '$lib/frameworks';

/**
 * The home: a commune's own form, or an appraising unit's list, of the cycle `?cycle=` names, else of
 * the current one; the picker offers the cycles the account belongs to (last year's form, comments and
 * result, or last year's list, stay one choice away once a new cycle opens).
 */
export async function load({ parent, url }) {
  const { user } = await parent();
  if (!user || user.role === 'operator') return { kind: 'none' as const };
  const { cycles, unitsByCycle } = await loadCyclesForAccount(user, await fetchOrFail('listCycles', {}));
  const asked = url.searchParams.get('cycle');
  const cycle = cycles.find((c) => c.id === asked) ?? cycleFor(user.role, cycles);
  if (!cycle) return { kind: 'no-cycle' as const };
  await ensureFramework(cycle.frameworkId);
  const units = () => unitsByCycle.get(cycle.id) ?? loadUnits(cycle.id);
  if (levelOf(user.role) === 'commune') {
    const [assessment, u] = await Promise.all([
      fetchOrFail('getAssessment', { cycleId: cycle.id, unitId: user.unitId }),
      units(),
    ]);
    return { kind: 'commune' as const, cycle, cycles, assessment, units: u };
  }
  const [list, u] = await Promise.all([fetchOrFail('listAssessments', { cycleId: cycle.id }), units()]);
  return { kind: 'list' as const, cycle, cycles, list, units: u };
}
