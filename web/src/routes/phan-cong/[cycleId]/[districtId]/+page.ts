import { error } from '@sveltejs/kit';
import { enc } from '$lib/api';
import { loadConfig } from '$lib/auth';
import { load as fetchOrFail } from '$lib/cycles';
import type { AssignmentsResponse, AuditEntry, Cycle, UnitsResponse } from '$shared/schemas';

export type Assignments = AssignmentsResponse & { history?: AuditEntry[] };

export async function load({ params }) {
  const [assignments, units, cycles, config] = await Promise.all([
    fetchOrFail<Assignments>(`/cycles/${enc(params.cycleId)}/assignments/${enc(params.districtId)}`),
    fetchOrFail<UnitsResponse>('/units'),
    fetchOrFail<Cycle[]>('/cycles'),
    loadConfig().catch(() => undefined),
  ]);
  const district = units.districts.find((d) => d.id === params.districtId);
  const cycle = cycles.find((c) => c.id === params.cycleId);
  if (!district || !cycle) error(404, 'Không tìm thấy đơn vị hoặc kỳ đánh giá.');
  return { assignments, district, cycle, local: config?.auth === 'local' };
}
