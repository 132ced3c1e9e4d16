/**
 * The lifecycle state machine's tasks (functions/lifecycle/definition.ts): read the stored status,
 * compute the self-assessment timeout, lock at the deadline, and register a waiting task's token.
 */
import middy from '@middy/core';
import { applyStep } from '../shared/assessment.js';
import { LifecycleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/permissions.js';
import type { TaskPayload, TaskResult } from './lifecycle/definition.js';
import { cycleOrFail, frameworkOf, lifecycle, store, unitsOf } from './lib/context.js';
import { effectiveDeadline } from '../shared/deadlines.js';
import { Logger } from './lib/logger.js';

const logger = new Logger('run-lifecycle-task');

const system = (provinceId: string): Principal => ({
  sub: 'lifecycle',
  name: 'Hệ thống (khóa khi hết hạn tự đánh giá)',
  role: 'operator',
  unitId: provinceId,
});

export async function runTask(p: TaskPayload, now = new Date()): Promise<TaskResult | { registered: true }> {
  const cycle = await cycleOrFail(p.cycleId);
  const commune = (await unitsOf(cycle)).commune(p.unitId);
  const read = async () => {
    const a = await store.getAssessment(cycle.id, commune.districtId, commune.id);
    if (!a) throw new Error(`assessment ${cycle.id}/${commune.id} missing`);
    return a;
  };
  logger.debug('task', { action: p.action, step: p.step, cycleId: p.cycleId, unitId: p.unitId });
  switch (p.action) {
    case 'status':
    case 'prepare':
      return lifecycle.resultOf(await read(), cycle, now);
    case 'lock': {
      const a = await read();
      const deadline = effectiveDeadline(cycle, a);
      // Only a deadline that really passed locks (it may have been extended while the timer ran).
      if (deadline && Date.parse(deadline) <= now.getTime()) {
        try {
          const { next } = await store.update(cycle.id, commune.districtId, commune.id, (cur) =>
            applyStep(frameworkOf(cycle, cur.unitKind), cur, 'deadlinePassed', {
              principal: system(commune.provinceId),
              now: now.toISOString(),
            }),
          );
          return lifecycle.resultOf(next, cycle, now);
        } catch (e) {
          if (!(e instanceof LifecycleViolation)) throw e;
        }
      }
      return lifecycle.resultOf(await read(), cycle, now);
    }
    case 'await':
      if (!p.step || !p.token) throw new Error('await needs step and token');
      await lifecycle.register(cycle, commune.districtId, commune.id, p.step, p.token, now, p.secondsLeft);
      return { registered: true };
  }
}

export const handler = middy(async (event: TaskPayload) => runTask(event));
