/**
 * The decision's tables as spreadsheets: Appendix II per district, Appendix I per commune, and the
 * province workbook. A function of its own: it only reads. The spreadsheets are written by our own
 * small writer (lib/xlsx), not exceljs, which stays a test-only dependency (the tests read with it).
 */
import { rankAssessments, type RankingRow } from '../shared/analysis.js';
import { rankingStatusLabel } from '../shared/lifecycle.js';
import { toPoints } from '../shared/framework.js';
import type { AssessmentStatus } from '../shared/lifecycle.js';
import { isAppraised } from '../shared/status-order.js';
import { formerDistrictsOf, yearOverYear } from '../shared/organisation.js';
import {
  allow,
  assessmentOf,
  cycleOrFail,
  frameworkOf,
  frameworksOf,
  organisationsWith,
  store,
  target,
  unitsOf,
  withOrganisation,
} from './lib/context.js';
import type { Units } from './lib/units.js';
import type { Cycle } from '../shared/schemas.js';
import { createApi, type FileReply } from './lib/http.js';
import { appendix1, appendix2, provinceWorkbook } from './lib/reports.js';
import { attachmentDisposition } from './lib/evidence-files.js';
import { XLSX } from '../shared/api/reports.js';
import { downloadName } from '../shared/file-names.js';

function download(file: Buffer, name: string): FileReply {
  return { file, headers: { 'content-type': XLSX, 'content-disposition': attachmentDisposition(name) } };
}

/** Year over year for the workbook: each earlier cycle, every commune beside the units it was formed from there. */
async function workbookHistory(
  cycle: Cycle,
  units: Units,
  rowOf: (unitId: string) => { appraised: { index: number }; status: AssessmentStatus } | undefined,
) {
  const out = [];
  for (const stored of (await store.listCycles()).filter((c) => c.year < cycle.year).sort((a, b) => a.year - b.year)) {
    const earlier = await unitsOf(await withOrganisation(stored));
    const appraised = [...(await rankedByUnit(stored, earlier)).values()].flat().filter((r) => isAppraised(r.status));
    const indexByUnit = Object.fromEntries(appraised.map((r) => [r.unitId, r.appraised.index]));
    const orgs = organisationsWith([units, earlier]);
    const formerName = new Map(formerDistrictsOf(orgs, units.org.id).map((d) => [d.id, d.name] as const));
    // A commune formed only from units no cycle of that year covered (Bắc Kạn's before the merger):
    // the sheet says why it has nothing to compare with, rather than a bare dash.
    const missing = (c: (typeof units.org.communes)[number]) => {
      const former = c.formerDistrictId === undefined ? undefined : formerName.get(c.formerDistrictId);
      return former
        ? `Không có dữ liệu ${stored.year} (đơn vị cũ thuộc ${former}, không đánh giá năm ${stored.year} trên hệ thống)`
        : `Không có dữ liệu ${stored.year} (không có đơn vị cũ trong kỳ đánh giá năm ${stored.year})`;
    };
    const rows = units.org.communes.map((c) => {
      const now = rowOf(c.id);
      const nowIndex = now && isAppraised(now.status) ? toPoints(now.appraised.index) : null;
      try {
        const y = yearOverYear(
          orgs,
          { organisationId: units.org.id, unitId: c.id },
          { organisationId: earlier.org.id, indexByUnit },
        );
        return {
          unitName: c.name,
          index: nowIndex,
          earlier: y.units.map((u) => ({ unitName: u.unit.name, index: u.index === null ? null : toPoints(u.index) })),
          mean: y.mean === null ? null : toPoints(y.mean),
          ...(y.units.length === 0 ? { missing: missing(c) } : {}),
        };
      } catch {
        return { unitName: c.name, index: nowIndex, earlier: [], mean: null, missing: missing(c) };
      }
    });
    out.push({ year: stored.year, rows });
  }
  return out;
}

/**
 * Each appraising unit's ranking, read one unit at a time: its summaries are ranked and let go before the
 * next unit's are read, so a province of 10,000 communes never holds them all at once.
 */
async function rankedByUnit(cycle: Cycle, units: Units): Promise<Map<string, RankingRow[]>> {
  const out = new Map<string, RankingRow[]>();
  for (const d of units.appraisingUnits)
    out.set(
      d.id,
      rankAssessments(frameworksOf(cycle), await store.listSummaries(cycle.id, units.communesOf(d.id)), units.blocks()),
    );
  return out;
}

export const handler = createApi('export-reports', {
  downloadAppendix2: async (req) => {
    if (!req.principal) allow(req, 'ranking.read');
    const cycle = await cycleOrFail(req.params.cycleId ?? '');
    const units = await unitsOf(cycle);
    allow(req, 'ranking.read', { districtId: req.params.districtId ?? '' }, units);
    const district = units.district(req.params.districtId ?? '');
    const fw = frameworkOf(cycle);
    const [ranking, list] = await Promise.all([
      store.getRanking(cycle.id, district.id),
      store.listSummaries(cycle.id, units.communesOf(district.id)),
    ]);
    const file = await appendix2(fw, {
      provinceName: units.province.name,
      districtName: district.name,
      year: cycle.year,
      rows: rankAssessments(frameworksOf(cycle), list, units.blocks()),
      rankingStatus: rankingStatusLabel[ranking?.status ?? 'OPEN'],
      appraisingLevel: units.appraisingLevel,
      blocks: units.org.rankingBlocks,
      ...(ranking?.decision ? { decision: ranking.decision } : {}),
    });
    return download(file, downloadName(['Phu-luc-II', district.name, cycle.year], 'xlsx'));
  },

  downloadAppendix1: async (req) => {
    const t = await target(req, 'assessment.read');
    const a = await assessmentOf(t);
    const file = await appendix1(t.framework, a, {
      provinceName: t.units.province.name,
      districtName: t.commune.districtName,
      year: t.cycle.year,
      appraisingLevel: t.units.appraisingLevel,
    });
    return download(file, downloadName(['Phu-luc-I', a.unitName, t.cycle.year], 'xlsx'));
  },

  downloadConsolidated: async (req) => {
    if (!req.principal) allow(req, 'results.readAll');
    const cycle = await cycleOrFail(req.params.cycleId ?? '');
    const units = await unitsOf(cycle);
    allow(req, 'results.readAll', {}, units);
    const fw = frameworkOf(cycle);
    const rankings = await store.listRankings(cycle.id);
    const statusOf = new Map(rankings.map((r) => [r.districtId, r.status]));
    const decisionOf = new Map(rankings.map((r) => [r.districtId, r.decision]));
    const ranked = await rankedByUnit(cycle, units);
    const rowOf = new Map([...ranked.values()].flat().map((r) => [r.unitId, r] as const));
    const file = await provinceWorkbook(fw, {
      provinceName: units.province.name,
      year: cycle.year,
      appraisingLevel: units.appraisingLevel,
      blocks: units.org.rankingBlocks,
      districts: units.appraisingUnits.map((d) => ({
        id: d.id,
        name: d.name,
        rankingStatus: rankingStatusLabel[statusOf.get(d.id) ?? 'OPEN'],
        rows: ranked.get(d.id)!,
        ...(decisionOf.get(d.id) ? { decision: decisionOf.get(d.id)! } : {}),
      })),
      history: await workbookHistory(cycle, units, (id) => rowOf.get(id)),
    });
    return download(file, downloadName(['Tong-hop-CCHC', cycle.year], 'xlsx'));
  },
});
