import { load as fetchOrFail, loadUnits } from '$lib/cycles';

/**
 * The cycles (to propose the next year, to refuse one already opened, to list which framework each
 * runs), the organisations a cycle may open on, and the frameworks (the picker offers the active ones).
 */
export async function load() {
  const [cycles, units, frameworks] = await Promise.all([
    fetchOrFail('listCycles', {}),
    loadUnits(),
    fetchOrFail('listFrameworks', {}),
  ]);
  return { cycles, units, frameworks };
}
