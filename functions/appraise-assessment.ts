/**
 * The district's appraisal (Điều 6.2, Điều 7): appraised scores and comments, return for
 * clarification, complete; deadlines (extend one commune, or take a late one into appraisal as it
 * stands); which appraiser appraises which areas.
 */
import {
  applyAppraisal,
  applyDeadline,
  applyStep,
  applySurvey,
  toAssessmentResponse,
  toRowSaveResponse,
  type Assessment,
  type Change,
} from '../shared/assessment.js';
import { assignmentsBody } from '../shared/api/appraisal.js';
import { nextAssignments } from '../shared/assignments.js';
import { assertFutureDeadline, withoutSelfDeadline, withResponseDeadline } from '../shared/deadlines.js';
import type { LifecycleEvent } from '../shared/lifecycle.js';
import {
  assignmentsRequest,
  deadlineRequest,
  returnRequest,
  saveAppraisalRequest,
  saveSurveyRequest,
  versionRequest,
} from '../shared/schemas.js';
import { InvalidInput, StaleVersion } from '../shared/errors.js';
import {
  allow,
  allowAs,
  cycleOrFail,
  frameworkOf,
  lifecycle,
  store,
  target,
  unitsOf,
  withAssignedAreas,
  type AssessmentTarget,
} from './lib/context.js';
import { createApi, json, parse, type Request } from './lib/http.js';
import { userDirectory } from './lib/users.js';
import { appraiserRole } from '../shared/permissions.js';
import { sameEmail } from '../shared/users.js';
import type { AssignmentsRequest } from '../shared/schemas.js';
import type { Units } from './lib/units.js';

/**
 * The appraisers an assignment names that are no appraiser of the unit in the users directory: an id
 * that names nobody would never take effect (the form asked for a login the token does not carry).
 */
async function unknownAppraisers(appraisers: AssignmentsRequest['appraisers'], districtId: string, units: Units) {
  const role = appraiserRole(units.appraisingLevel);
  // One listing of the unit's users answers for most ids (a council may name dozens: one lookup each
  // would be as many Cognito calls); only the others are looked up one by one.
  const unit = await userDirectory().appraisersOf(districtId, role);
  const inUnit = (id: string) => unit.find((u) => u.sub === id || (u.email !== undefined && sameEmail(u.email, id)));
  const found = await Promise.all(appraisers.map((a) => inUnit(a.id) ?? userDirectory().find(a.id)));
  return appraisers.flatMap((a, i) => {
    const u = found[i];
    // Cognito gives no role (it is a group): there the unit decides.
    return u && u.unitId === districtId && (u.role === undefined || u.role === role)
      ? []
      : [{ field: `appraisers.${i}.id`, value: a.id }];
  });
}

/** Commits a change to the assessment and lets the lifecycle follow; answers the new assessment as stored. */
async function write(
  t: AssessmentTarget,
  decide: (a: Assessment) => Change,
  opts?: { rows?: readonly string[] },
): Promise<Assessment> {
  const { next } = await store.update(t.cycle.id, t.commune.districtId, t.commune.id, decide, opts);
  await lifecycle.sync(next, t.cycle);
  return next;
}

/** Commits a change (see write) and answers the whole new assessment. */
async function commit(t: AssessmentTarget, decide: (a: Assessment) => Change) {
  return json(toAssessmentResponse(t.framework, await write(t, decide)));
}

function step(event: LifecycleEvent, action: 'appraisal.return' | 'appraisal.complete' | 'deadline.manage') {
  return async (req: Request) => {
    const t = await target(req, action);
    const input = parse(event === 'return' ? returnRequest : versionRequest, req.body()) as {
      version: number;
      reason?: string;
      deadline?: string;
    };
    // A malformed or past deadline is refused before anything is written.
    if (input.deadline !== undefined) assertFutureDeadline(input.deadline, req.now);
    return commit(t, (a) => {
      const change = applyStep(
        t.framework,
        a,
        event,
        { principal: t.principal, now: req.now },
        { version: input.version, ...(input.reason ? { reason: input.reason } : {}) },
      );
      if (event !== 'return') return change;
      return withResponseDeadline(withoutSelfDeadline(change, t.principal, req.now), input.deadline, t.principal, req.now);
    });
  };
}

export const handler = createApi('appraise-assessment', {
  saveAppraisal: async (req) => {
    const t = await target(req, 'appraisal.edit');
    const input = parse(saveAppraisalRequest, req.body());
    const principal = await withAssignedAreas(t.principal, t.cycle.id);
    // The stored assignment may limit the appraiser to some communes.
    allowAs(principal, 'appraisal.edit', { unitId: t.commune.id }, t.units);
    // The rows it named and the new totals: the client holds the rest.
    const rows = Object.keys(input.items);
    const next = await write(t, (a) => applyAppraisal(t.framework, a, input, { principal, now: req.now }), { rows });
    return json(toRowSaveResponse(t.framework, next, rows));
  },

  saveSurveyScores: async (req) => {
    const t = await target(req, 'survey.enter');
    const input = parse(saveSurveyRequest, req.body());
    return commit(t, (a) => applySurvey(t.framework, a, input, { principal: t.principal, now: req.now }));
  },

  returnAssessment: step('return', 'appraisal.return'),
  completeAppraisal: step('complete', 'appraisal.complete'),
  acceptLate: step('acceptLate', 'deadline.manage'),

  setDeadline: async (req) => {
    const t = await target(req, 'deadline.manage');
    const input = parse(deadlineRequest, req.body());
    return commit(t, (a) =>
      applyDeadline(
        a,
        input.deadline,
        {
          principal: t.principal,
          now: req.now,
          ...(input.version === undefined ? {} : { version: input.version }),
          ...(input.shorten === undefined ? {} : { shorten: input.shorten }),
        },
        t.cycle,
      ),
    );
  },

  getAssignments: async (req) => {
    const districtId = req.params.districtId ?? '';
    if (!req.principal) allow(req, 'assignments.read');
    const cycle = await cycleOrFail(req.params.cycleId ?? '');
    allow(req, 'assignments.read', { districtId }, await unitsOf(cycle));
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
    const districtId = req.params.districtId ?? '';
    if (!req.principal) allow(req, 'appraisal.assign');
    const cycle = await cycleOrFail(req.params.cycleId ?? '');
    const units = await unitsOf(cycle);
    const p = allow(req, 'appraisal.assign', { districtId }, units);
    const input = parse(assignmentsRequest, req.body());
    const mine = new Set(units.district(districtId).communes.map((c) => c.id));
    const strangers = input.appraisers.flatMap((a, i) =>
      (a.communes ?? []).flatMap((c, j) => (mine.has(c) ? [] : [{ field: `appraisers.${i}.communes.${j}`, value: c }])),
    );
    if (strangers.length) throw new InvalidInput('Đơn vị được giao không thuộc đơn vị thẩm định này', strangers);
    // The areas are the cycle's framework's (its main areas, and its bonus and penalty groups), in the
    // set of any kind of this unit's communes (a framework may score each kind on its own set).
    const kinds = new Set(units.district(districtId).communes.map((c) => c.kind));
    const areas = new Set([...kinds, 'xa' as const].flatMap((k) => frameworkOf(cycle, k).areas.map((a) => a.code)));
    const unknownAreas = input.appraisers.flatMap((a, i) =>
      a.areas.flatMap((code, j) => (areas.has(code) ? [] : [{ field: `appraisers.${i}.areas.${j}`, value: code }])),
    );
    if (unknownAreas.length)
      throw new InvalidInput(
        `Bộ tiêu chí của kỳ này không có lĩnh vực ${unknownAreas.map((x) => `"${x.value}"`).join(', ')}`,
        unknownAreas,
      );
    const nobody = await unknownAppraisers(input.appraisers, districtId, units);
    if (nobody.length)
      throw new InvalidInput(
        `Không có thành viên Tổ giúp việc nào của đơn vị này có email hoặc mã người dùng: ${nobody.map((x) => `"${x.value}"`).join(', ')}. Hãy chọn trong danh sách người dùng.`,
        nobody,
      );
    const current = await store.getAssignments(cycle.id, districtId);
    const currentVersion = current?.version ?? 0;
    if (input.version !== currentVersion)
      throw new StaleVersion('Phân công đã được người khác thay đổi; vui lòng tải lại.', {
        version: currentVersion,
        appraisers: current?.appraisers ?? [],
      });
    const next = nextAssignments(current, { cycleId: cycle.id, districtId }, input.appraisers, { principal: p, now: req.now });
    if (!(await store.putAssignments(next, currentVersion)))
      throw new StaleVersion('Phân công đã được người khác thay đổi; vui lòng tải lại.');
    return json(assignmentsBody(next));
  },

  listAssignableUsers: async (req) => {
    const districtId = req.params.districtId ?? '';
    if (!req.principal) allow(req, 'appraisal.assign');
    const cycle = await cycleOrFail(req.params.cycleId ?? '');
    const units = await unitsOf(cycle);
    allow(req, 'appraisal.assign', { districtId }, units);
    const users = await userDirectory().appraisersOf(districtId, appraiserRole(units.appraisingLevel));
    return json({ users: users.map((u) => ({ id: u.id, name: u.name, email: u.email ?? u.id })) });
  },
});
