import { assessmentPath } from '$lib/api';
import { load as fetchOrFail } from '$lib/cycles';
import type { AssessmentResponse, AuditEntry } from '$shared/schemas';

export async function load({ params }) {
  const path = assessmentPath(params.cycleId, params.unitId);
  const [assessment, audit] = await Promise.all([
    fetchOrFail<AssessmentResponse>(path),
    fetchOrFail<AuditEntry[]>(`${path}/audit`),
  ]);
  return { assessment, audit };
}
