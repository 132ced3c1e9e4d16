/**
 * Ranking, approval, publication and the report to the province (Điều 6.3–6.6, Điều 8, Điều 10);
 * the province's consolidated results; the public results. (The spreadsheets: export-reports.ts.)
 *
 * A ranking step is two kinds of write: the district's ranking item (one conditional write, the step's
 * record), then each commune's assessment moves to the same status (which completes its lifecycle
 * wait). A crash between them is finished by the next read of the ranking or the results
 * (`settle`), so the assessments never lag behind their ranking for longer than that.
 */
import { consolidate, rankAssessments, weaknessesAmong, type Consolidated } from '../shared/analysis.js';
import {
  rankingBody,
  weaknessBody,
  type EarlierResults,
  type RankingContext,
  approveRankingRequest,
  rankingStepRequest,
  resultsBody,
  yearPointOf,
  type PublicCycle,
  type YearPoint,
} from '../shared/api/rankings.js';
import { applyStep, surveyRowsMissing, type AssessmentFigures } from '../shared/assessment.js';
import { Incomplete, InvalidInput, NotFound, StaleVersion } from '../shared/errors.js';
import { toPoints, type Framework, type UnitKind } from '../shared/framework.js';
import { yearOverYear } from '../shared/organisation.js';
import { finalAssessmentStatus, finalRankingStatus, rankingTransition, type RankingStatus } from '../shared/lifecycle.js';
import { ownScope, type Principal } from '../shared/permissions.js';
import {
  aheadOf,
  assertMayApprove,
  decisionDateProblem,
  settleAction,
  settledAt,
  stepsTaken,
  type RankingStep,
} from '../shared/ranking.js';
import { hasReached, rankingStatusesFrom } from '../shared/status-order.js';
import {
  allow,
  cycleOrFail,
  frameworkOf,
  frameworksOf,
  lifecycle,
  organisationsWith,
  store,
  unitsOf,
  withOrganisation,
} from './lib/context.js';
import type { Units } from './lib/units.js';
import { createApi, json, parse, type Request } from './lib/http.js';
import type { RankingRecord } from './lib/store.js';
import type { Cycle } from '../shared/schemas.js';
import type * as z from 'zod';

const PUBLIC = rankingStatusesFrom('PUBLISHED');
/** Reads again while a step taken between reading a ranking and its communes shows them out of step. */
const READ_ATTEMPTS = 5;

const openRanking = (cycleId: string, districtId: string): RankingRecord => ({
  cycleId,
  districtId,
  status: 'OPEN',
  version: 0,
  history: [],
});

/**
 * Moves every assessment of the district to the status its ranking has reached. Idempotent, and safe
 * beside a concurrent settler (another read, or the step itself): each move is decided again on the
 * stored assessment, and one already moved is left as it is, so a step never fails because a read is
 * finishing it, nor a read because a step is.
 */
async function settle(
  cycle: Cycle,
  ranking: RankingRecord,
  list: AssessmentFigures[],
  principal: Principal,
  now: string,
): Promise<AssessmentFigures[]> {
  const steps = stepsTaken(ranking.status);
  const out: AssessmentFigures[] = [];
  for (const a of list) {
    let cur = a;
    for (const event of steps) {
      if (settleAction(cur.status, event) === 'skip') continue;
      cur = (
        await store.update(cycle.id, a.districtId, a.unitId, (x) =>
          settleAction(x.status, event) === 'move'
            ? applyStep(frameworkOf(cycle, x.unitKind), x, event, { principal, now })
            : { next: x, audit: [] },
        )
      ).next;
    }
    if (cur !== a) await lifecycle.sync(cur, cycle);
    out.push(cur);
  }
  return out;
}

const contextOf = (units: Units, districtId: string): RankingContext => ({
  name: units.district(districtId).name,
  level: units.appraisingLevel,
  blocks: units.org.rankingBlocks,
});

async function districtView(req: Request, cycle: Cycle, units: Units, districtId: string) {
  const fw = frameworkOf(cycle);
  const district = units.district(districtId);
  let ranking: RankingRecord;
  let list: AssessmentFigures[];
  for (let attempt = 0; ; attempt++) {
    ranking = (await store.getRanking(cycle.id, districtId)) ?? openRanking(cycle.id, districtId);
    list = await store.listSummaries(cycle.id, units.communesOf(districtId));
    if (ranking.status !== 'OPEN') list = await settle(cycle, ranking, list, systemFor(ranking, cycle), req.now);
    if (attempt >= READ_ATTEMPTS || !list.some((a) => aheadOf(a.status, ranking.status))) break;
  }
  return { cycle, fw, district, ranking, list, rows: rankAssessments(frameworksOf(cycle), list, units.blocks()) };
}

/** Whoever took the ranking's last step is recorded as the author of a finished (settled) step. */
function systemFor(r: RankingRecord, cycle: Cycle): Principal {
  const last = r.history[r.history.length - 1];
  const role = cycle.appraisingLevel === 'province' ? 'province_chair' : 'district_chair';
  return { sub: 'settle', name: last?.by ?? 'Hệ thống', role, unitId: r.districtId };
}

/** The cycle and its units, the caller allowed on one appraising unit of it (401 before the cycle is read). */
async function onUnit(req: Request, action: 'ranking.read' | 'ranking.decide') {
  const districtId = req.params.districtId ?? '';
  if (!req.principal) allow(req, action);
  const cycle = await cycleOrFail(req.params.cycleId ?? '');
  const units = await unitsOf(cycle);
  const p = allow(req, action, { districtId }, units);
  return { p, cycle, units, districtId };
}

function rankingStep(event: RankingStep) {
  return async (req: Request) => {
    const { p, cycle, units, districtId } = await onUnit(req, 'ranking.decide');
    const raw = req.event.body ? req.body() : undefined;
    // Only the approval takes the decision's number and date; the other steps refuse them (400).
    const input: z.infer<typeof approveRankingRequest> =
      event === 'approve' ? parse(approveRankingRequest, raw) : parse(rankingStepRequest, raw);
    const dateProblem = input?.decisionDate && decisionDateProblem(input.decisionDate, cycle.year, req.now);
    if (dateProblem) throw new InvalidInput(dateProblem, [{ field: 'decisionDate', message: dateProblem }]);
    const { fw, ranking, list } = await districtView(req, cycle, units, districtId);
    if (input?.version !== undefined && input.version !== ranking.version)
      throw new StaleVersion('Bảng xếp hạng đã thay đổi; vui lòng tải lại.', { version: ranking.version });
    const to = rankingTransition(ranking.status, event, units.appraisingLevel);
    if (event === 'approve') {
      assertMayApprove(list);
      // Survey rows take their points from the survey (by hand until survey rounds): none may be empty.
      const missing = list.flatMap((a) =>
        surveyRowsMissing(frameworkOf(cycle, a.unitKind), a).map((code) => ({ unitId: a.unitId, unitName: a.unitName, code })),
      );
      if (missing.length > 0)
        throw new Incomplete(
          `Chưa thể phê duyệt: ${new Set(missing.map((m) => m.unitId)).size} đơn vị còn dòng điều tra xã hội học chưa có điểm (${missing
            .slice(0, 3)
            .map((m) => `${m.unitName}: ${m.code}`)
            .join('; ')}${missing.length > 3 ? '; …' : ''}).`,
          { missing },
        );
    }
    const decision = {
      ...(input?.decisionNumber ? { number: input.decisionNumber } : {}),
      ...(input?.decisionDate ? { date: input.decisionDate } : {}),
    };
    const next: RankingRecord = {
      ...ranking,
      // Recorded with the approval only; the later steps keep it as it is.
      ...(Object.keys(decision).length > 0 ? { decision } : {}),
      status: to,
      version: ranking.version + 1,
      history: [...ranking.history, { at: req.now, by: p.name, role: p.role, action: event, from: ranking.status, to }],
    };
    if (!(await store.putRanking(next, ranking.version)))
      throw new StaleVersion('Bảng xếp hạng vừa được người khác thay đổi; vui lòng tải lại.');
    const settled = await settle(cycle, next, list, p, req.now);
    // A later step may already have moved them further (a quick next request), never less far.
    if (
      !settledAt(
        settled.map((a) => a.status),
        event,
      )
    )
      throw new Error(`ranking ${districtId} settled unevenly`);
    return json(
      rankingBody(next, contextOf(units, districtId), rankAssessments(frameworksOf(cycle), settled, units.blocks()), fw),
    );
  };
}

/** The consolidated results of one cycle: all of it for the province, or the published part only. */
async function results(cycle: Cycle, onlyPublished: boolean, now: string, districtId?: string) {
  return (await analyse(cycle, onlyPublished, now, districtId)).body;
}

/** Said beside the results of a cycle whose units are scored on several criteria sets. */
const SETS_NOTE =
  'Bộ tiêu chí có bộ tiêu chí riêng theo loại đơn vị: mỗi đơn vị được chấm, xếp loại và xếp hạng theo bộ của loại mình; tỷ lệ đạt theo lĩnh vực và các tiêu chí yếu chỉ tính các đơn vị chấm theo bộ tiêu chí của xã.';

async function analyse(cycle: Cycle, onlyPublished: boolean, now: string, districtId?: string) {
  const fw = frameworkOf(cycle);
  const units = await unitsOf(cycle);
  let rankings: Map<string, RankingStatus>;
  let decisions: Map<string, RankingRecord['decision']>;
  let list: AssessmentFigures[];
  for (let attempt = 0; ; attempt++) {
    // Read together: a step landing between the two reads leaves either the ranking ahead of its
    // communes (finished below) or the communes ahead of their ranking (read again), never unnoticed.
    const [records, summaries] = await Promise.all([
      store.listRankings(cycle.id),
      store.listSummaries(cycle.id, units.communesOf(districtId)),
    ]);
    rankings = new Map(records.map((r) => [r.districtId, r.status]));
    decisions = new Map(records.map((r) => [r.districtId, r.decision]));
    list = summaries;
    // A step interrupted between its ranking's write and its communes' moves is finished here as well,
    // so the results never show a district's ranking ahead of its communes (published but with no rows).
    const byDistrict = new Map<string, AssessmentFigures[]>();
    for (const a of list) {
      const mine = byDistrict.get(a.districtId);
      if (mine) mine.push(a);
      else byDistrict.set(a.districtId, [a]);
    }
    for (const r of records) {
      if (r.status === 'OPEN' || (districtId !== undefined && r.districtId !== districtId)) continue;
      const mine = byDistrict.get(r.districtId) ?? [];
      if (mine.every((a) => a.status === r.status)) continue;
      const settled = await settle(cycle, r, mine, systemFor(r, cycle), now);
      list = list.map((a) => (a.districtId === r.districtId ? settled.find((x) => x.unitId === a.unitId)! : a));
    }
    const seen = rankings;
    if (attempt >= READ_ATTEMPTS || !list.some((a) => aheadOf(a.status, seen.get(a.districtId) ?? 'OPEN'))) break;
  }
  const statusOf = (d: string): RankingStatus => rankings.get(d) ?? 'OPEN';
  if (onlyPublished) list = list.filter((a) => PUBLIC.includes(statusOf(a.districtId)) && hasReached(a.status, 'PUBLISHED'));
  const c = consolidate(fw, list, statusOf, { blocks: units.blocks(), frameworkFor: frameworksOf(cycle) });
  const allDistricts = districtId ? [units.district(districtId)] : units.appraisingUnits;
  const body = resultsBody(cycle, fw, c, {
    districts: allDistricts.filter((d) => !onlyPublished || PUBLIC.includes(statusOf(d.id))),
    districtName: (d) => units.district(d).name,
    statusOf,
    decisionOf: (d) => decisions.get(d),
    published: onlyPublished,
    organisationId: units.org.id,
    level: units.appraisingLevel,
    blocks: units.org.rankingBlocks,
    formerDistrictOf: (id) => units.communes.get(id)?.formerDistrictId,
  });
  // Several criteria sets among this organisation's units: the screen says which ones the row analysis covers.
  const kinds = new Set([...units.communes.values()].map((u) => u.kind));
  if ([...kinds].some((k) => frameworkOf(cycle, k) !== fw)) body.policyNote = `${body.policyNote} ${SETS_NOTE}`;
  return { body, c, units, list, fw, frameworkFor: frameworksOf(cycle) };
}

/**
 * Earlier cycles' averages, for the year-over-year view, and each commune of the current cycle beside
 * the units it was formed from in each earlier cycle (each one's appraised index, and their mean).
 */
async function history(current: Cycle, now: string, districtId?: string) {
  const out: YearPoint[] = [];
  const currentUnits = await unitsOf(current);
  const mine = districtId ? currentUnits.district(districtId).communes : currentUnits.org.communes;
  for (const stored of (await store.listCycles()).filter((x) => x.year < current.year).sort((a, b) => a.year - b.year)) {
    const c = await withOrganisation(stored);
    const earlierUnits = await unitsOf(c);
    // A district of the current organisation that the earlier one did not have: no history of its own.
    const scope = districtId && earlierUnits.levelOf(districtId) === 'district' ? districtId : undefined;
    if (districtId && !scope) continue;
    const key = `${current.id}|${c.id}|${districtId ?? ''}`;
    const closed = isClosed(await store.listRankings(c.id), earlierUnits, scope);
    const kept = closed ? closedPoints.get(key) : undefined;
    if (kept) {
      out.push(kept);
      continue;
    }
    const earlierCycle = await analyse(c, false, now, scope);
    const point = yearPointOf(earlierCycle.body, byUnit(currentUnits, earlierUnits, mine, earlierCycle));
    const last = finalAssessmentStatus(earlierUnits.appraisingLevel);
    if (closed && earlierCycle.list.every((a) => a.status === last)) keep(key, point);
    out.push(point);
  }
  return out;
}

/**
 * An earlier cycle's year point, per current cycle, earlier cycle and scope, kept by this container
 * once the earlier cycle is closed: every appraising unit's ranking (of the scope) has taken its last
 * step and every assessment has followed it. Nothing changes a closed cycle's figures: no step leads
 * out of an assessment's last status (a score is saved only before appraisal ends), a ranking only
 * moves forward, and a cycle gets its assessments before it exists (functions/lib/cycles.ts). So the
 * consolidated view stops analysing every earlier cycle on every load; it still reads the rankings.
 */
const closedPoints = new Map<string, YearPoint>();
/** Far more than a province has cycles and districts; bounds a long-lived container's memory. */
const CLOSED_POINTS_KEPT = 256;

function keep(key: string, point: YearPoint) {
  if (closedPoints.size >= CLOSED_POINTS_KEPT) closedPoints.delete(closedPoints.keys().next().value!);
  closedPoints.set(key, point);
}

function isClosed(records: readonly RankingRecord[], units: Units, scope?: string): boolean {
  const last = finalRankingStatus(units.appraisingLevel);
  const status = new Map(records.map((r) => [r.districtId, r.status]));
  const unitsOfScope = units.appraisingUnits.filter((u) => scope === undefined || u.id === scope);
  return unitsOfScope.length > 0 && unitsOfScope.every((u) => status.get(u.id) === last);
}

/** The weakest rows of the earlier units a commune was formed from, taken together (its own weakness history). */
const EARLIER_WEAKNESSES = 3;

function byUnit(
  current: Units,
  earlier: Units,
  communes: readonly { id: string }[],
  cycle: { c: Consolidated; list: AssessmentFigures[]; fw: Framework; frameworkFor: (kind: UnitKind) => Framework },
): Record<string, EarlierResults> {
  const analysis = cycle.c;
  const appraised = new Map(cycle.list.filter((a) => hasReached(a.status, 'APPRAISED')).map((a) => [a.unitId, a] as const));
  const indexByUnit = Object.fromEntries(analysis.rows.map((r) => [r.unitId, r.appraised.index]));
  const orgs = organisationsWith([current, earlier]);
  const out: Record<string, EarlierResults> = {};
  for (const commune of communes) {
    let y;
    try {
      y = yearOverYear(
        orgs,
        { organisationId: current.org.id, unitId: commune.id },
        { organisationId: earlier.org.id, indexByUnit },
      );
    } catch {
      // No lineage between the two organisations (e.g. another province's): nothing to compare.
      continue;
    }
    out[commune.id] = {
      organisationId: y.organisationId,
      units: y.units.map((u) => ({
        unitId: u.unit.id,
        unitName: earlier.communes.get(u.unit.id)?.name ?? u.unit.name,
        index: u.index === null ? null : toPoints(u.index),
      })),
      mean: y.mean === null ? null : toPoints(y.mean),
      // The rows' weaknesses are of the earlier cycle's xã set: units scored on another set are left out.
      weaknesses: weaknessesOf(
        cycle.fw,
        y.units.flatMap((u) => appraised.get(u.unit.id) ?? []).filter((a) => cycle.frameworkFor(a.unitKind) === cycle.fw),
      ),
    };
  }
  return out;
}

function weaknessesOf(fw: Framework, list: AssessmentFigures[]) {
  if (!list.length) return [];
  return weaknessesAmong(fw, list, EARLIER_WEAKNESSES).map((w) => weaknessBody(fw, w));
}

export const handler = createApi('rank-and-publish', {
  getRanking: async (req) => {
    const { cycle, units, districtId } = await onUnit(req, 'ranking.read');
    const { ranking, rows, fw } = await districtView(req, cycle, units, districtId);
    return json(rankingBody(ranking, contextOf(units, districtId), rows, fw));
  },
  approveRanking: rankingStep('approve'),
  publishRanking: rankingStep('publish'),
  reportRanking: rankingStep('report'),

  /** Signed-in consolidated results: the province sees everything, district staff their district. */
  getConsolidated: async (req) => {
    if (!req.principal) allow(req, 'results.read');
    const cycle = await cycleOrFail(req.params.cycleId ?? '');
    const p = allow(req, 'results.read', ownScope, await unitsOf(cycle));
    const { districtId } = ownScope(p);
    const [body, earlier] = await Promise.all([results(cycle, false, req.now, districtId), history(cycle, req.now, districtId)]);
    return json({ ...body, history: earlier });
  },

  /** Public (no sign-in): published rankings only; nothing unpublished ever leaves here. */
  getResults: async (req) => {
    allow(req, 'public.read');
    const stored = await store.getCycle(req.params.cycleId ?? '');
    if (!stored) throw new NotFound('Không có kỳ đánh giá này.');
    return json(await results(await withOrganisation(stored), true, req.now));
  },

  listPublicCycles: async (req) => {
    allow(req, 'public.read');
    const out: PublicCycle[] = [];
    for (const c of await store.listCycles()) {
      const published = (await store.listRankings(c.id)).filter((r) => PUBLIC.includes(r.status)).length;
      // The index page names who published (districts, or the province): the cycle's own level.
      if (published > 0)
        out.push({
          id: c.id,
          year: c.year,
          appraisingLevel: (await withOrganisation(c)).appraisingLevel!,
          publishedDistricts: published,
        });
    }
    return json(out);
  },
});
