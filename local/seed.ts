/** The demo province's first start: an open cycle for the current year with a DRAFT for every commune. */
import { openCycle } from '../functions/lib/cycles.js';
import type { Lifecycle } from '../functions/lib/lifecycle.js';
import type { Store } from '../functions/lib/store.js';
import type { Units } from '../functions/lib/units.js';

export async function seedDemo(store: Store, units: Units, lifecycle: Lifecycle, now = new Date()): Promise<void> {
  if (await store.getMeta('SEED')) return;
  const year = now.getUTCFullYear();
  // Deadline: 30 days after the first start, 17:00 Hà Nội time.
  const day = new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  await openCycle(
    store,
    units,
    { year, frameworkId: units.province.frameworkId, selfAssessmentDeadline: `${day}T17:00:00+07:00` },
    {
      principal: { sub: 'seed', name: 'Khởi tạo dữ liệu mẫu', role: 'province', unitId: units.province.id },
      now: now.toISOString(),
    },
    lifecycle,
  );
  await store.putMeta('SEED', { at: now.toISOString(), year });
}
