import { assessmentPath } from '$lib/api';
import { currentCycle, load as fetchOrFail } from '$lib/cycles';
import { levelOf } from '$shared/permissions';
import type { AssessmentResponse, AssessmentSummary, Cycle, UnitsResponse } from '$shared/schemas';

export async function load({ parent }) {
  const { user } = await parent();
  if (!user || user.role === 'operator') return { kind: 'none' as const };
  const cycles = await fetchOrFail<Cycle[]>('/cycles');
  const cycle = currentCycle(cycles);
  if (!cycle) return { kind: 'no-cycle' as const };
  if (levelOf(user.role) === 'commune') {
    const assessment = await fetchOrFail<AssessmentResponse>(assessmentPath(cycle.id, user.unitId));
    return { kind: 'commune' as const, cycle, assessment };
  }
  const [list, units] = await Promise.all([
    fetchOrFail<AssessmentSummary[]>(`/cycles/${encodeURIComponent(cycle.id)}/assessments`),
    fetchOrFail<UnitsResponse>('/units'),
  ]);
  return { kind: 'list' as const, cycle, cycles, list, units };
}
