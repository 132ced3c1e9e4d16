/**
 * Rankings and results: a district's ranking and its steps (approve, publish, report), the signed-in
 * consolidated view, the public results and the cycles that have any. Numbers are points (two
 * decimals), converted from shared/'s hundredths by the mappers below.
 */
import * as z from 'zod';
import { policyNote, type Consolidated as Analysis, type RankingRow as DomainRankingRow } from '../analysis.js';
import { toPoints, type Framework } from '../framework.js';
import { finalRankingStatus, rankingStatusLabel, statusLabel, type RankingStatus } from '../lifecycle.js';
import { rankRule, type RankingDecision } from '../ranking.js';
import {
  appraisingLevel,
  assessmentStatus,
  classCode,
  rankingBlock,
  rankingStatus,
  unitKind,
  version,
  type AuditEntry,
  type Cycle,
  type RankingBlockBody,
} from '../schemas.js';
import { endpoint } from './endpoint.js';

const notApplicablePolicy = z.enum(['rescale', 'full']);

/** What a results screen needs of the cycle's framework: its scale, its classes and its groups' caps. */
export const frameworkScale = z.object({
  id: z.string(),
  title: z.string(),
  /** Results published as points (the index on `totalPoints`) or as percent: ranks and classes follow it. */
  display: z.enum(['points', 'percent']),
  totalPoints: z.number(),
  classBands: z.array(z.object({ class: classCode, label: z.string(), minIndex: z.number() })),
  /** The caps of the bonus and the penalty group; null: the framework has no such group. */
  bonusCap: z.number().nullable(),
  penaltyCap: z.number().nullable(),
});
export type FrameworkScale = z.infer<typeof frameworkScale>;
export const scaleOf = (fw: Framework): FrameworkScale => ({
  id: fw.id,
  title: fw.title,
  display: fw.display ?? 'points',
  totalPoints: toPoints(fw.total),
  classBands: fw.classBands.map((b) => ({ class: b.class, label: b.label, minIndex: b.minIndex })),
  bonusCap: fw.bonusCap === undefined ? null : toPoints(fw.bonusCap),
  penaltyCap: fw.penaltyCap === undefined ? null : toPoints(fw.penaltyCap),
});
/** One side in a ranking row: `points` and `index` as before, and the parts (API.md, "Frameworks as data"). */
export const score = z.object({
  points: z.number(),
  index: z.number(),
  main: z.number(),
  bonus: z.number(),
  penalty: z.number(),
  percent: z.number(),
});

/** Points, or null where there is nothing to average: no commune appraised. */
const average = z
  .number()
  .nullable()
  .describe('Mean appraised index of the appraised communes; null while none is appraised (not 0).');

export const rankingRow = z.object({
  /** Rank within the row's block, ties shared inside the block. */
  rank: z.number().nullable().describe('Null while the commune is not appraised: it takes no place in the ranking.'),
  /** The ranking block's id (`all` when the organisation ranks every kind together). */
  block: z.string(),
  /** The district (district-level cycle) or the province (province-level cycle) that appraised it. */
  appraisingUnitId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitKind,
  status: assessmentStatus,
  statusLabel: z.string(),
  late: z.boolean(),
  self: score,
  /** What the council has entered so far; final once the status is APPRAISED or later. */
  appraised: score,
  class: classCode.nullable().describe('Null while the commune is not appraised: a partial appraisal has no class.'),
});

export const rankingStepAction = z.enum(['approve', 'publish', 'report']);
export const rankingStep = z.object({
  at: z.string(),
  by: z.string(),
  role: z.string(),
  action: rankingStepAction,
  from: rankingStatus,
  to: rankingStatus,
});

export const rankingResponse = z.object({
  cycleId: z.string(),
  /** The appraising unit: a district, or the province in a province-level cycle. */
  appraisingUnitId: z.string(),
  appraisingLevel,
  /** Same as appraisingUnitId (kept for district-level clients). */
  districtId: z.string(),
  /** The appraising unit's name. */
  districtName: z.string(),
  status: rankingStatus,
  statusLabel: z.string(),
  /** Where this ranking's steps end: REPORTED (district level), PUBLISHED (province level). */
  finalStatus: rankingStatus,
  /** The ranking blocks, in display order; rows come block by block. */
  blocks: z.array(rankingBlock),
  version: z.number(),
  notApplicablePolicy,
  framework: frameworkScale,
  policyNote: z.string(),
  /** How the ranks were given (by the index), in the words shown beside them (shared/ranking.ts `rankRule`). */
  rankRule: z.string(),
  /** The approving decision's number and ISO date, as recorded at approval; null when not given. */
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  rows: z.array(rankingRow),
  history: z.array(rankingStep),
});

/** A step's body is optional; a version, when given, must be the ranking's current one. */
export const rankingStepRequest = z.strictObject({ version: version.optional() }).optional();

/** The decision's number as officials write it: "125" or "125/QĐ-UBND". */
export const decisionNumber = z
  .string()
  .trim()
  .max(40, { error: 'Số quyết định tối đa 40 ký tự' })
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}./-]*$/u, { error: 'Số quyết định chỉ gồm chữ, số và các dấu / - . (ví dụ: 125/QĐ-UBND)' });
export const decisionDate = z.iso.date({ error: 'Ngày quyết định phải là một ngày có thật, dạng YYYY-MM-DD' });

/** Approval may record the approving decision's number and date (shown on the exports and the public page). */
export const approveRankingRequest = z
  .strictObject({ version: version.optional(), decisionNumber: decisionNumber.optional(), decisionDate: decisionDate.optional() })
  .optional();

export const districtProgress = z.object({
  id: z.string(),
  name: z.string(),
  rankingStatus,
  communes: z.number(),
  submitted: z.number(),
  appraised: z.number(),
  approved: z.number(),
  published: z.number(),
  reported: z.number(),
  averageIndex: average,
  /** The approving decision, once recorded at approval; null otherwise. */
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
});

/** Only appraised communes are consolidated, so each has its ranks and its class. */
export const consolidatedRow = rankingRow.extend({
  rank: z.number(),
  class: classCode,
  /** Rank within its appraising unit and block (`rank` is province-wide within the block). */
  districtRank: z.number(),
  /** The appraising unit (district, or the province in a province-level cycle). */
  districtId: z.string(),
  districtName: z.string(),
  /** Province-level cycles: the earlier district the commune (mostly) lay in, when configured. */
  formerDistrictId: z.string().optional(),
});

export const weakness = z.object({
  code: z.string(),
  title: z.string(),
  area: z.string(),
  max: z.number(),
  /** Communes whose appraised score counts for this row. */
  communes: z.number(),
  /** Points lost on average per commune. */
  averageLost: z.number(),
  /** Share of the row's points lost over those communes, in percent. */
  lostPct: z.number(),
});

/** One commune of the current cycle beside an earlier cycle: the units it was formed from there, and their mean. */
export const earlierResults = z.object({
  /** The earlier cycle's organisation. */
  organisationId: z.string(),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), index: z.number().nullable() })),
  /** Mean of the units' indices that exist; null when none was appraised. */
  mean: z.number().nullable(),
  /** The weakest rows of those units taken together (at most 3), as the weakness analysis counts them. */
  weaknesses: z.array(weakness),
});

export const yearPoint = z.object({
  cycleId: z.string(),
  year: z.number(),
  organisationId: z.string(),
  averageIndex: average,
  /** Per appraising unit of that cycle (its districts, or the province). */
  byDistrict: z.record(z.string(), average),
  /** Per commune of the current cycle (the one asked about): its earlier units' indices and their mean. */
  byUnit: z.record(z.string(), earlierResults),
});

const classCounts = z.record(classCode, z.number());
const byArea = z.record(z.string(), z.number());

export const resultsResponse = z.object({
  cycleId: z.string(),
  year: z.number(),
  frameworkId: z.string(),
  notApplicablePolicy,
  framework: frameworkScale,
  policyNote: z.string(),
  /** How the ranks were given (by the index), in the words shown beside them. */
  rankRule: z.string(),
  /** true: the public view, published rankings only. */
  published: z.boolean(),
  organisationId: z.string(),
  appraisingLevel,
  /** Ranking blocks in display order; `rows` come block by block, `rank` within the block. */
  blocks: z.array(rankingBlock),
  /** Progress per appraising unit: the districts, or the province alone in a province-level cycle. */
  districts: z.array(districtProgress),
  rows: z.array(consolidatedRow),
  classCounts: z.object({ total: classCounts, byDistrict: z.record(z.string(), classCounts) }),
  areaAchievement: z.object({ total: byArea, byDistrict: z.record(z.string(), byArea) }),
  weaknesses: z.object({ total: z.array(weakness), byDistrict: z.record(z.string(), z.array(weakness)) }),
  averageIndex: average,
});
/** The signed-in view adds earlier cycles' averages, for the year-over-year chart. */
export const consolidatedResponse = resultsResponse.extend({ history: z.array(yearPoint) });

export const publicCycle = z.object({
  id: z.string(),
  year: z.number(),
  /** Who appraised and published: the districts, or the province itself (one publishing unit). */
  appraisingLevel,
  publishedDistricts: z.number(),
});
export const publicCyclesResponse = z.array(publicCycle);

export type RankingRowBody = z.infer<typeof rankingRow>;
export type RankingStep = z.infer<typeof rankingStep>;
export type RankingResponse = z.infer<typeof rankingResponse>;
export type ResultsResponse = z.infer<typeof resultsResponse>;
export type ConsolidatedResponse = z.infer<typeof consolidatedResponse>;
export type Weakness = z.infer<typeof weakness>;
export type YearPoint = z.infer<typeof yearPoint>;
export type EarlierResults = z.infer<typeof earlierResults>;
export type PublicCycle = z.infer<typeof publicCycle>;

// ---- mappers: domain (hundredths) → response (points) ----

const pointsOrNull = (h: number | null) => (h === null ? null : toPoints(h));

const scoreOf = (f: DomainRankingRow['self']): z.infer<typeof score> => ({
  points: toPoints(f.points),
  index: toPoints(f.index),
  main: toPoints(f.main),
  bonus: toPoints(f.bonus),
  penalty: toPoints(f.penalty),
  percent: toPoints(f.percent),
});

export const pointsOf = (r: DomainRankingRow): RankingRowBody => ({
  rank: r.rank,
  block: r.block,
  appraisingUnitId: r.districtId,
  unitId: r.unitId,
  unitName: r.unitName,
  unitKind: r.unitKind,
  status: r.status,
  statusLabel: statusLabel[r.status],
  late: r.late,
  self: scoreOf(r.self),
  appraised: scoreOf(r.appraised),
  class: r.class,
});

/** A district's ranking record as stored (absent = OPEN); `history` holds only its steps. */
export interface RankingState {
  cycleId: string;
  districtId: string;
  status: RankingStatus;
  version: number;
  history: AuditEntry[];
  decision?: RankingDecision;
}

export interface RankingContext {
  /** The appraising unit's name. */
  name: string;
  level: 'district' | 'province';
  blocks: readonly RankingBlockBody[];
}

export const rankingBody = (r: RankingState, ctx: RankingContext, rows: DomainRankingRow[], fw: Framework): RankingResponse => ({
  cycleId: r.cycleId,
  appraisingUnitId: r.districtId,
  appraisingLevel: ctx.level,
  districtId: r.districtId,
  districtName: ctx.name,
  status: r.status,
  statusLabel: rankingStatusLabel[r.status],
  finalStatus: finalRankingStatus(ctx.level),
  blocks: ctx.blocks.map((b) => ({ id: b.id, label: b.label, kinds: [...b.kinds] })),
  version: r.version,
  notApplicablePolicy: fw.notApplicablePolicy,
  framework: scaleOf(fw),
  policyNote: policyNote(fw),
  rankRule: rankRule(fw, { blocks: ctx.blocks.length > 1 }),
  decisionNumber: r.decision?.number ?? null,
  decisionDate: r.decision?.date ?? null,
  rows: rows.map(pointsOf),
  // Only a ranking step writes this history (functions/rank-and-publish.ts), with its action and statuses.
  history: r.history as RankingStep[],
});

const mapPoints = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toPoints(v)]));

export const weaknessBody = (fw: Framework, w: Analysis['weaknesses']['total'][number]): Weakness => ({
  code: w.code,
  title: fw.byCode.get(w.code)!.title,
  area: w.area,
  max: toPoints(fw.byCode.get(w.code)!.max),
  communes: w.communes,
  averageLost: toPoints(w.averageLost),
  lostPct: toPoints(w.lostPct),
});

/** The consolidated results of one cycle over the given districts (already filtered for the public). */
export function resultsBody(
  cycle: Cycle,
  fw: Framework,
  c: Analysis,
  o: {
    districts: readonly { id: string; name: string }[];
    districtName: (id: string) => string;
    statusOf: (districtId: string) => RankingStatus;
    decisionOf?: (districtId: string) => RankingDecision | undefined;
    published: boolean;
    organisationId: string;
    level: 'district' | 'province';
    blocks: readonly RankingBlockBody[];
    formerDistrictOf?: (unitId: string) => string | undefined;
  },
): ResultsResponse {
  return {
    cycleId: cycle.id,
    year: cycle.year,
    frameworkId: cycle.frameworkId,
    notApplicablePolicy: fw.notApplicablePolicy,
    framework: scaleOf(fw),
    policyNote: policyNote(fw),
    rankRule: rankRule(fw, { blocks: o.blocks.length > 1 }),
    published: o.published,
    organisationId: o.organisationId,
    appraisingLevel: o.level,
    blocks: o.blocks.map((b) => ({ id: b.id, label: b.label, kinds: [...b.kinds] })),
    districts: o.districts.map((d) => {
      const progress = c.progress.find((x) => x.districtId === d.id);
      return {
        id: d.id,
        name: d.name,
        rankingStatus: o.statusOf(d.id),
        communes: progress?.communes ?? 0,
        submitted: progress?.submitted ?? 0,
        appraised: progress?.appraised ?? 0,
        approved: progress?.approved ?? 0,
        published: progress?.published ?? 0,
        reported: progress?.reported ?? 0,
        averageIndex: pointsOrNull(c.averageIndex.byDistrict[d.id] ?? null),
        decisionNumber: o.decisionOf?.(d.id)?.number ?? null,
        decisionDate: o.decisionOf?.(d.id)?.date ?? null,
      };
    }),
    rows: c.rows.map((r) => {
      // One object a row (10,000 of them): the ranking row's fields, then the district's.
      const row = Object.assign(pointsOf(r), {
        rank: r.rank,
        class: r.class,
        districtRank: r.districtRank,
        districtId: r.districtId,
        districtName: o.districtName(r.districtId),
      });
      const former = o.formerDistrictOf?.(r.unitId);
      return former ? Object.assign(row, { formerDistrictId: former }) : row;
    }),
    classCounts: c.classCounts,
    areaAchievement: {
      total: mapPoints(c.areaAchievement.total),
      byDistrict: Object.fromEntries(Object.entries(c.areaAchievement.byDistrict).map(([d, x]) => [d, mapPoints(x)])),
    },
    weaknesses: {
      total: c.weaknesses.total.map((w) => weaknessBody(fw, w)),
      byDistrict: Object.fromEntries(
        Object.entries(c.weaknesses.byDistrict).map(([d, ws]) => [d, ws.map((w) => weaknessBody(fw, w))]),
      ),
    },
    averageIndex: pointsOrNull(c.averageIndex.total),
  };
}

/** One earlier cycle's averages, province-wide and per district, and per commune of the current cycle (`byUnit`). */
export const yearPointOf = (r: ResultsResponse, byUnit: YearPoint['byUnit'] = {}): YearPoint => ({
  cycleId: r.cycleId,
  year: r.year,
  organisationId: r.organisationId,
  averageIndex: r.averageIndex,
  byDistrict: Object.fromEntries(r.districts.map((d) => [d.id, d.averageIndex])),
  byUnit,
});

const R = '/api/cycles/{cycleId}/rankings/{districtId}';
const STEP_ERRORS = ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'LIFECYCLE', 'TOO_LARGE'] as const;
const step = (name: 'approve' | 'publish' | 'report', summary: string, summaryVi: string) =>
  endpoint({
    method: 'POST',
    path: `${R}/${name}`,
    group: 'rank-and-publish',
    auth: true,
    summary,
    summaryVi,
    who: 'district_chair of the district; province_chair for the province in a province-level cycle',
    request: name === 'approve' ? approveRankingRequest : rankingStepRequest,
    status: 200,
    response: rankingResponse,
    errors: name === 'approve' ? [...STEP_ERRORS, 'INCOMPLETE'] : STEP_ERRORS,
  });

export const rankings = {
  getRanking: endpoint({
    method: 'GET',
    path: R,
    group: 'rank-and-publish',
    auth: true,
    summary:
      "An appraising unit's ranking of its communes by appraised index (a district's, or the province's in a province-level cycle), its status and its steps.",
    summaryVi: 'Bảng xếp hạng của một đơn vị thẩm định theo chỉ số thẩm định, trạng thái và các bước đã làm.',
    who: "the district's staff and chair, the province",
    status: 200,
    response: rankingResponse,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  approveRanking: step(
    'approve',
    'Approves the ranking once every commune is appraised; may record the decision’s number and date (`{version?, decisionNumber?, decisionDate?}`).',
    'Phê duyệt kết quả xếp hạng khi mọi đơn vị cấp xã đã được thẩm định; có thể ghi số và ngày của quyết định.',
  ),
  publishRanking: step(
    'publish',
    'Publishes the approved ranking (the public results show it).',
    'Công bố kết quả xếp hạng đã phê duyệt (trang công khai hiển thị).',
  ),
  reportRanking: step(
    'report',
    'Reports the published ranking to the province (district-level cycles; a province-level ranking ends at PUBLISHED: 409 LIFECYCLE).',
    'Báo cáo kết quả đã công bố lên UBND tỉnh (chỉ kỳ do cấp huyện thẩm định; kỳ do tỉnh thẩm định kết thúc ở bước công bố).',
  ),
  getConsolidated: endpoint({
    method: 'GET',
    path: '/api/cycles/{cycleId}/consolidated',
    group: 'rank-and-publish',
    auth: true,
    summary: "Consolidated results, unpublished included: the province's whole picture, or a district's own.",
    summaryVi: 'Kết quả tổng hợp, kể cả chưa công bố: toàn tỉnh, hoặc riêng đơn vị của người gọi; kèm so sánh các năm.',
    who: 'province (every district); district staff and chair (their district)',
    status: 200,
    response: consolidatedResponse,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  getResults: endpoint({
    method: 'GET',
    path: '/api/cycles/{cycleId}/results',
    group: 'rank-and-publish',
    auth: false,
    summary: 'Public results: published (and reported) rankings only.',
    summaryVi: 'Kết quả công khai: chỉ các bảng xếp hạng đã công bố.',
    who: 'anyone',
    status: 200,
    response: resultsResponse,
    errors: ['NOT_FOUND'],
  }),
  listPublicCycles: endpoint({
    method: 'GET',
    path: '/api/public/cycles',
    group: 'rank-and-publish',
    auth: false,
    summary: 'Cycles with at least one published ranking.',
    summaryVi: 'Các kỳ đánh giá có ít nhất một bảng xếp hạng đã công bố.',
    who: 'anyone',
    status: 200,
    response: publicCyclesResponse,
    errors: [],
  }),
} as const;
