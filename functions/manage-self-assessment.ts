/** The commune's self-assessment: list, read, save scores, submit, and the audit trail. */
import { applySelf, applyStep, toAssessmentResponse, toAssessmentSummary } from '../shared/assessment.js';
import { canSeeUnit, levelOf } from '../shared/permissions.js';
import { saveSelfRequest, versionRequest } from '../shared/schemas.js';
import { assertBeforeDeadline, assessmentOf, cycleOrFail, frameworkOf, lifecycle, store, target, units } from './lib/context.js';
import { authorize, createApi, json, parse } from './lib/http.js';

export const handler = createApi('manage-self-assessment', {
  listAssessments: async (req) => {
    const principal = authorize(req, 'assessment.read');
    const cycle = await cycleOrFail(req.params.cycleId ?? '');
    const fw = frameworkOf(cycle);
    const level = levelOf(principal.role);
    const districtId =
      level === 'district'
        ? principal.unitId
        : level === 'commune'
          ? units.communes.get(principal.unitId)?.districtId
          : undefined;
    if (level !== 'province' && !districtId) return json([]);
    const list = await store.listAssessments(cycle.id, districtId);
    return json(list.filter((a) => canSeeUnit(principal, a)).map((a) => toAssessmentSummary(fw, a)));
  },

  getAssessment: async (req) => {
    const t = await target(req, 'assessment.read');
    const a = await assessmentOf(t);
    // Repairs a lifecycle callback that a crash or a failed call left unsent.
    await lifecycle.sync(a, t.cycle);
    return json(toAssessmentResponse(t.framework, a));
  },

  saveSelf: async (req) => {
    const t = await target(req, 'self.edit');
    const input = parse(saveSelfRequest, req.body());
    const { next } = await store.update(t.cycle.id, t.commune.districtId, t.commune.id, (a) => {
      assertBeforeDeadline(t, a, req.now);
      return applySelf(t.framework, a, input, { principal: t.principal, now: req.now });
    });
    return json(toAssessmentResponse(t.framework, next));
  },

  submitAssessment: async (req) => {
    const t = await target(req, 'self.submit');
    const input = parse(versionRequest, req.body());
    const { next } = await store.update(t.cycle.id, t.commune.districtId, t.commune.id, (a) => {
      assertBeforeDeadline(t, a, req.now);
      return applyStep(t.framework, a, 'submit', { principal: t.principal, now: req.now }, { version: input.version });
    });
    await lifecycle.sync(next, t.cycle);
    return json(toAssessmentResponse(t.framework, next));
  },

  getAudit: async (req) => {
    const t = await target(req, 'assessment.read');
    await assessmentOf(t);
    return json(await store.audit(t.cycle.id, t.commune.districtId, t.commune.id));
  },
});
