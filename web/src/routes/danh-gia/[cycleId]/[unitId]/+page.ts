import { loadAssessment } from '$lib/cycles';

export async function load({ params }) {
  return loadAssessment(params.cycleId, params.unitId);
}
