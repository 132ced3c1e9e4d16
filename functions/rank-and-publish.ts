/**
 * Ranking, approval, publication and the report to the province (Điều 6.3–6.6, Điều 8, Điều 10);
 * the province's consolidated results; the public results. (The spreadsheets: export-reports.ts.)
 *
 * A ranking step is two kinds of write: the district's ranking item (one conditional write, the step's
 * record), then each commune's assessment moves to the same status (which completes its lifecycle
 * wait). A crash between them is finished by the next read of the ranking or the results
 * (`settle`), so the assessments never lag behind their ranking for longer than that.
 */
import { consolidate, policyNote, rankAssessments, type RankingRow } from '../shared/analysis.js';
import { applyStep, type Assessment } from '../shared/assessment.js';
import { NotFound, StaleVersion } from '../shared/errors.js';
import { toPoints, type Framework } from '../shared/framework.js';
import { rankingStatusLabel, rankingTransition, statusLabel, type RankingStatus } from '../shared/lifecycle.js';
import { ownScope, type Principal } from '../shared/permissions.js';
import { aheadOf, assertMayApprove, settleAction, settledAt, stepsTaken, type RankingStep } from '../shared/ranking.js';
import { hasReached, rankingStatusesFrom } from '../shared/status-order.js';
import * as z from 'zod';
import { allow, cycleOrFail, frameworkOf, lifecycle, store, units } from './lib/context.js';
import { createApi, json, parse, type Request } from './lib/http.js';
import type { RankingRecord } from './lib/store.js';
import type { Cycle } from '../shared/schemas.js';

const R = '/api/cycles/{cycleId}/rankings/{districtId}';
const PUBLIC = rankingStatusesFrom('PUBLISHED');
/** Reads again while a step taken between reading a ranking and its communes shows them out of step. */
const READ_ATTEMPTS = 5;
const stepRequest = z.strictObject({ version: z.number().int().min(0).optional() }).optional();

const pointsOf = (r: RankingRow) => ({
  rank: r.rank,
  unitId: r.unitId,
  unitName: r.unitName,
  unitKind: r.unitKind,
  status: r.status,
  statusLabel: statusLabel[r.status],
  late: r.late,
  self: { points: toPoints(r.self.points), index: toPoints(r.self.index) },
  appraised: { points: toPoints(r.appraised.points), index: toPoints(r.appraised.index) },
  class: r.class,
});

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
  fw: Framework,
  ranking: RankingRecord,
  list: Assessment[],
  principal: Principal,
  now: string,
): Promise<Assessment[]> {
  const steps = stepsTaken(ranking.status);
  const out: Assessment[] = [];
  for (const a of list) {
    let cur = a;
    for (const event of steps) {
      if (settleAction(cur.status, event) === 'skip') continue;
      cur = (
        await store.update(cycle.id, a.districtId, a.unitId, (x) =>
          settleAction(x.status, event) === 'move' ? applyStep(fw, x, event, { principal, now }) : { next: x, audit: [] },
        )
      ).next;
    }
    if (cur !== a) await lifecycle.sync(cur, cycle);
    out.push(cur);
  }
  return out;
}

async function districtView(req: Request, cycleId: string, districtId: string) {
  const cycle = await cycleOrFail(cycleId);
  const fw = frameworkOf(cycle);
  const district = units.district(districtId);
  let ranking: RankingRecord;
  let list: Assessment[];
  for (let attempt = 0; ; attempt++) {
    ranking = (await store.getRanking(cycle.id, districtId)) ?? openRanking(cycle.id, districtId);
    list = await store.listAssessments(cycle.id, districtId);
    if (ranking.status !== 'OPEN') list = await settle(cycle, fw, ranking, list, systemFor(ranking), req.now);
    if (attempt >= READ_ATTEMPTS || !list.some((a) => aheadOf(a.status, ranking.status))) break;
  }
  return { cycle, fw, district, ranking, list, rows: rankAssessments(fw, list) };
}

/** Whoever took the ranking's last step is recorded as the author of a finished (settled) step. */
function systemFor(r: RankingRecord): Principal {
  const last = r.history[r.history.length - 1];
  return { sub: 'settle', name: last?.by ?? 'Hệ thống', role: 'district_chair', unitId: r.districtId };
}

function rankingStep(event: RankingStep) {
  return async (req: Request) => {
    const districtId = req.params.districtId ?? '';
    const p = allow(req, 'ranking.decide', { districtId });
    const input = parse(stepRequest, req.event.body ? req.body() : undefined);
    const { cycle, fw, ranking, list } = await districtView(req, req.params.cycleId ?? '', districtId);
    if (input?.version !== undefined && input.version !== ranking.version)
      throw new StaleVersion('Bảng xếp hạng đã thay đổi; vui lòng tải lại.', { version: ranking.version });
    const to = rankingTransition(ranking.status, event);
    if (event === 'approve') assertMayApprove(list);
    const next: RankingRecord = {
      ...ranking,
      status: to,
      version: ranking.version + 1,
      history: [...ranking.history, { at: req.now, by: p.name, role: p.role, action: event, from: ranking.status, to }],
    };
    if (!(await store.putRanking(next, ranking.version)))
      throw new StaleVersion('Bảng xếp hạng vừa được người khác thay đổi; vui lòng tải lại.');
    const settled = await settle(cycle, fw, next, list, p, req.now);
    // A later step may already have moved them further (a quick next request), never less far.
    if (
      !settledAt(
        settled.map((a) => a.status),
        event,
      )
    )
      throw new Error(`ranking ${districtId} settled unevenly`);
    return json(rankingBody(next, rankAssessments(fw, settled), fw));
  };
}

const rankingBody = (r: RankingRecord, rows: RankingRow[], fw: Framework) => ({
  cycleId: r.cycleId,
  districtId: r.districtId,
  districtName: units.district(r.districtId).name,
  status: r.status,
  statusLabel: rankingStatusLabel[r.status],
  version: r.version,
  notApplicablePolicy: fw.notApplicablePolicy,
  policyNote: policyNote(fw),
  rows: rows.map(pointsOf),
  history: r.history,
});

/** The consolidated results of one cycle: all of it for the province, or the published part only. */
async function results(cycle: Cycle, onlyPublished: boolean, now: string, districtId?: string) {
  const fw = frameworkOf(cycle);
  let rankings: Map<string, RankingStatus>;
  let list: Assessment[];
  for (let attempt = 0; ; attempt++) {
    const records = await store.listRankings(cycle.id);
    rankings = new Map(records.map((r) => [r.districtId, r.status]));
    list = await store.listAssessments(cycle.id, districtId);
    // A step interrupted between its ranking's write and its communes' moves is finished here as well,
    // so the results never show a district's ranking ahead of its communes (published but with no rows).
    for (const r of records) {
      if (r.status === 'OPEN' || (districtId !== undefined && r.districtId !== districtId)) continue;
      const mine = list.filter((a) => a.districtId === r.districtId);
      if (mine.every((a) => a.status === r.status)) continue;
      const settled = await settle(cycle, fw, r, mine, systemFor(r), now);
      list = list.map((a) => (a.districtId === r.districtId ? settled.find((x) => x.unitId === a.unitId)! : a));
    }
    const seen = rankings;
    if (attempt >= READ_ATTEMPTS || !list.some((a) => aheadOf(a.status, seen.get(a.districtId) ?? 'OPEN'))) break;
  }
  const statusOf = (d: string): RankingStatus => rankings.get(d) ?? 'OPEN';
  if (onlyPublished) list = list.filter((a) => PUBLIC.includes(statusOf(a.districtId)) && hasReached(a.status, 'PUBLISHED'));
  const c = consolidate(fw, list, statusOf);
  const name = (d: string) => units.district(d).name;
  const allDistricts = districtId ? [units.district(districtId)] : units.province.districts;
  return {
    cycleId: cycle.id,
    year: cycle.year,
    frameworkId: cycle.frameworkId,
    notApplicablePolicy: fw.notApplicablePolicy,
    policyNote: policyNote(fw),
    published: onlyPublished,
    districts: allDistricts
      .filter((d) => !onlyPublished || PUBLIC.includes(statusOf(d.id)))
      .map((d) => {
        const progress = c.progress.find((x) => x.districtId === d.id);
        return {
          id: d.id,
          name: d.name,
          rankingStatus: statusOf(d.id),
          communes: progress?.communes ?? 0,
          submitted: progress?.submitted ?? 0,
          appraised: progress?.appraised ?? 0,
          approved: progress?.approved ?? 0,
          published: progress?.published ?? 0,
          reported: progress?.reported ?? 0,
          averageIndex: toPoints(c.averageIndex.byDistrict[d.id] ?? 0),
        };
      }),
    rows: c.rows.map((r) => ({
      ...pointsOf(r),
      districtRank: r.districtRank,
      districtId: r.districtId,
      districtName: name(r.districtId),
    })),
    classCounts: c.classCounts,
    areaAchievement: {
      total: mapPoints(c.areaAchievement.total),
      byDistrict: Object.fromEntries(Object.entries(c.areaAchievement.byDistrict).map(([d, o]) => [d, mapPoints(o)])),
    },
    weaknesses: {
      total: c.weaknesses.total.map((w) => weaknessBody(fw, w)),
      byDistrict: Object.fromEntries(
        Object.entries(c.weaknesses.byDistrict).map(([d, ws]) => [d, ws.map((w) => weaknessBody(fw, w))]),
      ),
    },
    averageIndex: toPoints(c.averageIndex.total),
  };
}

const mapPoints = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toPoints(v)]));
const weaknessBody = (
  fw: Framework,
  w: { code: string; area: string; communes: number; averageLost: number; lostPct: number },
) => ({
  code: w.code,
  title: fw.byCode.get(w.code)!.title,
  area: w.area,
  max: toPoints(fw.byCode.get(w.code)!.max),
  communes: w.communes,
  averageLost: toPoints(w.averageLost),
  lostPct: toPoints(w.lostPct),
});

/** Earlier cycles' averages, for the year-over-year view. */
async function history(current: Cycle, now: string, districtId?: string) {
  const out = [];
  for (const c of (await store.listCycles()).filter((x) => x.year < current.year).sort((a, b) => a.year - b.year)) {
    const r = await results(c, false, now, districtId);
    out.push({
      cycleId: c.id,
      year: c.year,
      averageIndex: r.averageIndex,
      byDistrict: Object.fromEntries(r.districts.map((d) => [d.id, d.averageIndex])),
    });
  }
  return out;
}

export const handler = createApi('rank-and-publish', {
  [`GET ${R}`]: async (req) => {
    const districtId = req.params.districtId ?? '';
    allow(req, 'ranking.read', { districtId });
    const { ranking, rows, fw } = await districtView(req, req.params.cycleId ?? '', districtId);
    return json(rankingBody(ranking, rows, fw));
  },
  [`POST ${R}/approve`]: rankingStep('approve'),
  [`POST ${R}/publish`]: rankingStep('publish'),
  [`POST ${R}/report`]: rankingStep('report'),

  /** Signed-in consolidated results: the province sees everything, district staff their district. */
  'GET /api/cycles/{cycleId}/consolidated': async (req) => {
    const p = allow(req, 'results.read', ownScope);
    const cycle = await cycleOrFail(req.params.cycleId ?? '');
    const { districtId } = ownScope(p);
    return json({ ...(await results(cycle, false, req.now, districtId)), history: await history(cycle, req.now, districtId) });
  },

  /** Public (no sign-in): published rankings only; nothing unpublished ever leaves here. */
  'GET /api/cycles/{cycleId}/results': async (req) => {
    allow(req, 'public.read');
    const cycle = await store.getCycle(req.params.cycleId ?? '');
    if (!cycle) throw new NotFound('Không có kỳ đánh giá này.');
    return json(await results(cycle, true, req.now));
  },

  'GET /api/public/cycles': async (req) => {
    allow(req, 'public.read');
    const out = [];
    for (const c of await store.listCycles()) {
      const published = (await store.listRankings(c.id)).filter((r) => PUBLIC.includes(r.status)).length;
      if (published > 0) out.push({ id: c.id, year: c.year, publishedDistricts: published });
    }
    return json(out);
  },
});
