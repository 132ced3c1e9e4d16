import { load as fetchOrFail } from '$lib/cycles';

export async function load({ params }) {
  const [results, cycles] = await Promise.all([
    fetchOrFail('getConsolidated', { cycleId: params.cycleId }),
    fetchOrFail('listCycles', {}),
  ]);
  return { results, cycles };
}
