import { load as fetchOrFail } from '$lib/cycles';
import { ensureFramework } from '$lib/frameworks';

export async function load({ params }) {
  const ids = { cycleId: params.cycleId, unitId: params.unitId };
  const [assessment, audit] = await Promise.all([fetchOrFail('getAssessment', ids), fetchOrFail('getAudit', ids)]);
  await ensureFramework(assessment.frameworkId);
  return { assessment, audit };
}
