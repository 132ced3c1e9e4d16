/**
 * Each cycle's framework, read once per cycle per container and registered (shared/framework-registry.ts)
 * before any route reads the cycle: the snapshot stored when it opened. A cycle stored before frameworks
 * were data has none: on first use it gets its framework's stored document (Decision 4203, seeded on
 * first read), written as its snapshot, so every figure stays what it was.
 */
import { registerFramework } from '../../shared/framework-registry.js';
import type { Cycle } from '../../shared/schemas.js';
import { getCycleFramework, getFrameworkDoc, putCycleFrameworkIfAbsent } from './store/frameworks.js';
import type { Table } from './store/table.js';

const ensured = new Map<string, Promise<void>>();

export function ensureCycleFramework(t: Table, cycle: Pick<Cycle, 'id' | 'frameworkId'>): Promise<void> {
  let hit = ensured.get(cycle.id);
  if (!hit) {
    hit = (async () => {
      let doc = await getCycleFramework(t, cycle.id);
      if (!doc) {
        const stored = await getFrameworkDoc(t, cycle.frameworkId);
        if (!stored) throw new Error(`cycle ${cycle.id}: framework ${cycle.frameworkId} is not stored`);
        doc = await putCycleFrameworkIfAbsent(t, cycle.id, stored.doc);
      }
      registerFramework(doc);
    })();
    hit.catch(() => ensured.delete(cycle.id));
    ensured.set(cycle.id, hit);
  }
  return hit;
}

/** A cold start (the local stack's restart). */
export function forgetCycleFrameworks(): void {
  ensured.clear();
}
