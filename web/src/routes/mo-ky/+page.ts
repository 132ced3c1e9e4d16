import { load as fetchOrFail, loadUnits } from '$lib/cycles';

/** The cycles (to propose the next year and to refuse one already opened) and the organisations a cycle may open on. */
export async function load() {
  const [cycles, units, frameworks] = await Promise.all([
    fetchOrFail('listCycles', {}),
    loadUnits(),
    fetchOrFail('listFrameworks', {}),
  ]);
  return { cycles, units, frameworks };
}
