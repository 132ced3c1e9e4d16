/**
 * The district's appraisal (Điều 6.2, Điều 7): appraised scores and comments, return for
 * clarification, complete; deadlines (extend one commune, or take a late one into appraisal as it
 * stands); which appraiser appraises which areas.
 */
import { applyAppraisal, applyDeadline, applyStep, toAssessmentResponse, type Change } from '../shared/assessment.js';
import { assignmentsBody } from '../shared/api/appraisal.js';
import { NotPermitted, StaleVersion } from '../shared/errors.js';
import type { LifecycleEvent } from '../shared/lifecycle.js';
import type { Principal } from '../shared/permissions.js';
import { assignmentsRequest, deadlineRequest, returnRequest, saveAppraisalRequest, versionRequest } from '../shared/schemas.js';
import {
  cycleOrFail,
  lifecycle,
  mayReadDistrict,
  store,
  target,
  units,
  withAssignedAreas,
  type AssessmentTarget,
} from './lib/context.js';
import { authorize, createApi, json, parse, requirePrincipal, type Request } from './lib/http.js';

/** Commits a change to the assessment, lets the lifecycle follow, answers the new assessment. */
async function commit(t: AssessmentTarget, decide: (a: Parameters<typeof applyStep>[1]) => Change) {
  const { next } = await store.update(t.cycle.id, t.commune.districtId, t.commune.id, decide);
  await lifecycle.sync(next, t.cycle);
  return json(toAssessmentResponse(t.framework, next));
}

function step(event: LifecycleEvent, action: 'appraisal.return' | 'appraisal.complete' | 'deadline.manage') {
  return async (req: Request) => {
    const t = await target(req, action);
    const input = parse(event === 'return' ? returnRequest : versionRequest, req.body()) as { version: number; reason?: string };
    return commit(t, (a) => {
      const change = applyStep(
        t.framework,
        a,
        event,
        { principal: t.principal, now: req.now },
        { version: input.version, ...(input.reason ? { reason: input.reason } : {}) },
      );
      return event === 'return' ? withoutSelfDeadline(change, t.principal, req.now) : change;
    });
  };
}

/**
 * A returned assessment has no deadline unless the secretary gives its response one (POST …/deadline),
 * as for the cycle's deadline (lib/lifecycle.ts effectiveDeadline). The commune's own deadline for its
 * self-assessment (an extension) has served its purpose; kept, a passed one would lock the response at once.
 */
function withoutSelfDeadline(change: Change, principal: Principal, now: string): Change {
  const { deadline, ...next } = change.next;
  if (deadline === undefined) return change;
  return {
    next,
    audit: [...change.audit, { at: now, by: principal.name, role: principal.role, action: 'deadline', from: deadline, to: null }],
  };
}

export const handler = createApi('appraise-assessment', {
  saveAppraisal: async (req) => {
    const t = await target(req, 'appraisal.edit');
    const input = parse(saveAppraisalRequest, req.body());
    const principal = await withAssignedAreas(t.principal, t.cycle.id);
    return commit(t, (a) => applyAppraisal(t.framework, a, input, { principal, now: req.now }));
  },

  returnAssessment: step('return', 'appraisal.return'),
  completeAppraisal: step('complete', 'appraisal.complete'),
  acceptLate: step('acceptLate', 'deadline.manage'),

  setDeadline: async (req) => {
    const t = await target(req, 'deadline.manage');
    const input = parse(deadlineRequest, req.body());
    return commit(t, (a) =>
      applyDeadline(a, input.deadline, {
        principal: t.principal,
        now: req.now,
        ...(input.version === undefined ? {} : { version: input.version }),
      }),
    );
  },

  getAssignments: async (req) => {
    const p = requirePrincipal(req);
    const districtId = req.params.districtId ?? '';
    units.district(districtId);
    if (!mayReadDistrict(p, districtId)) throw new NotPermitted('Bạn không có quyền xem phân công của đơn vị này.');
    const cycle = await cycleOrFail(req.params.cycleId ?? '');
    const a = await store.getAssignments(cycle.id, districtId);
    return json(
      assignmentsBody({
        cycleId: cycle.id,
        districtId,
        version: a?.version ?? 0,
        appraisers: a?.appraisers ?? [],
        history: a?.history ?? [],
      }),
    );
  },

  putAssignments: async (req) => {
    const p = authorize(req, 'appraisal.assign');
    const districtId = req.params.districtId ?? '';
    units.district(districtId);
    if (p.unitId !== districtId) throw new NotPermitted('Bạn chỉ phân công thẩm định trong đơn vị của mình.');
    const cycle = await cycleOrFail(req.params.cycleId ?? '');
    const input = parse(assignmentsRequest, req.body());
    const current = await store.getAssignments(cycle.id, districtId);
    const currentVersion = current?.version ?? 0;
    if (input.version !== currentVersion)
      throw new StaleVersion('Phân công đã được người khác thay đổi; vui lòng tải lại.', {
        version: currentVersion,
        appraisers: current?.appraisers ?? [],
      });
    const before = new Map((current?.appraisers ?? []).map((x) => [x.id, x]));
    const after = new Map(input.appraisers.map((x) => [x.id, x]));
    const history = [...(current?.history ?? [])];
    const at = req.now;
    for (const id of new Set([...before.keys(), ...after.keys()])) {
      const from = before.get(id)?.areas ?? [];
      const to = after.get(id)?.areas ?? [];
      if (from.join() !== to.join())
        history.push({
          at,
          by: p.name,
          role: p.role,
          action: 'assignment',
          code: after.get(id)?.name ?? before.get(id)?.name ?? id,
          from,
          to,
        });
    }
    const next = { cycleId: cycle.id, districtId, version: currentVersion + 1, appraisers: input.appraisers, history };
    if (!(await store.putAssignments(next, currentVersion)))
      throw new StaleVersion('Phân công đã được người khác thay đổi; vui lòng tải lại.');
    return json(assignmentsBody(next));
  },
});
