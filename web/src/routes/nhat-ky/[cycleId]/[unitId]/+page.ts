import { load as fetchOrFail } from '$lib/cycles';

export async function load({ params }) {
  const ids = { cycleId: params.cycleId, unitId: params.unitId };
  const [assessment, audit] = await Promise.all([fetchOrFail('getAssessment', ids), fetchOrFail('getAudit', ids)]);
  return { assessment, audit };
}
