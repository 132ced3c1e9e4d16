/** The commune's self-assessment: list, read, save scores, submit, and the audit trail. */
import { applySelf, applyStep, toAssessmentResponse, toAssessmentSummary, toRowSaveResponse } from '../shared/assessment.js';
import { ownScope, permits } from '../shared/permissions.js';
import { saveSelfRequest, versionRequest } from '../shared/schemas.js';
import { assertBeforeDeadline } from '../shared/deadlines.js';
import { allow, assessmentOf, cycleOrFail, frameworksOf, lifecycle, store, target, unitsOf } from './lib/context.js';
import { createApi, json, parse } from './lib/http.js';

export const handler = createApi('manage-self-assessment', {
  listAssessments: async (req) => {
    if (!req.principal) allow(req, 'assessment.read');
    const cycle = await cycleOrFail(req.params.cycleId ?? '');
    const units = await unitsOf(cycle);
    const principal = allow(req, 'assessment.read', {}, units);
    const fw = frameworksOf(cycle);
    // Only the caller's district is read; authorise() then decides each assessment.
    const own = ownScope(principal);
    const districtId = own.unitId === undefined ? own.districtId : units.communes.get(own.unitId)?.districtId;
    const list = await store.listSummaries(cycle.id, units.communesOf(districtId));
    const directory = units.directory(true);
    return json(
      list
        .filter((a) => permits(principal, 'assessment.read', { units: directory, unitId: a.unitId }))
        .map((a) => toAssessmentSummary(fw(a.unitKind), a)),
    );
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
    const rows = Object.keys(input.items);
    const { next } = await store.update(
      t.cycle.id,
      t.commune.districtId,
      t.commune.id,
      (a) => {
        assertBeforeDeadline(t.cycle, a, req.now);
        return applySelf(t.framework, a, input, { principal: t.principal, now: req.now });
      },
      // Only the rows it names are read whole (with every row's points, for the totals).
      { rows },
    );
    // The rows it named and the new totals: the client holds the rest.
    return json(toRowSaveResponse(t.framework, next, rows));
  },

  submitAssessment: async (req) => {
    const t = await target(req, 'self.submit');
    const input = parse(versionRequest, req.body());
    const { next } = await store.update(t.cycle.id, t.commune.districtId, t.commune.id, (a) => {
      assertBeforeDeadline(t.cycle, a, req.now);
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
