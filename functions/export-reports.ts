/**
 * The decision's tables as spreadsheets: Appendix II per district, Appendix I per commune, and the
 * province workbook. A function of its own: it only reads, and exceljs is the heaviest dependency
 * here, so the ranking function's cold start doesn't carry it.
 */
import { rankAssessments } from '../shared/analysis.js';
import { rankingStatusLabel } from '../shared/lifecycle.js';
import { allow, assessmentOf, cycleOrFail, frameworkOf, store, target, units } from './lib/context.js';
import { createApi, type FileReply } from './lib/http.js';
import { appendix1, appendix2, provinceWorkbook } from './lib/reports.js';
import { attachmentDisposition } from './lib/evidence-files.js';
import { XLSX } from '../shared/api/reports.js';
import { downloadName } from '../shared/file-names.js';

function download(file: Buffer, name: string): FileReply {
  return { file, headers: { 'content-type': XLSX, 'content-disposition': attachmentDisposition(name) } };
}

export const handler = createApi('export-reports', {
  downloadAppendix2: async (req) => {
    allow(req, 'ranking.read', { districtId: req.params.districtId ?? '' });
    const district = units.district(req.params.districtId ?? '');
    const cycle = await cycleOrFail(req.params.cycleId ?? '');
    const fw = frameworkOf(cycle);
    const [ranking, list] = await Promise.all([
      store.getRanking(cycle.id, district.id),
      store.listAssessments(cycle.id, district.id),
    ]);
    const file = await appendix2(fw, {
      provinceName: units.province.name,
      districtName: district.name,
      year: cycle.year,
      rows: rankAssessments(fw, list),
      rankingStatus: rankingStatusLabel[ranking?.status ?? 'OPEN'],
    });
    return download(file, downloadName(['Phu-luc-II', district.name, cycle.year], 'xlsx'));
  },

  downloadAppendix1: async (req) => {
    const t = await target(req, 'assessment.read');
    const a = await assessmentOf(t);
    const file = await appendix1(t.framework, a, {
      provinceName: units.province.name,
      districtName: t.commune.districtName,
      year: t.cycle.year,
    });
    return download(file, downloadName(['Phu-luc-I', a.unitName, t.cycle.year], 'xlsx'));
  },

  downloadConsolidated: async (req) => {
    allow(req, 'results.readAll');
    const cycle = await cycleOrFail(req.params.cycleId ?? '');
    const fw = frameworkOf(cycle);
    const [rankings, all] = await Promise.all([store.listRankings(cycle.id), store.listAssessments(cycle.id)]);
    const statusOf = new Map(rankings.map((r) => [r.districtId, r.status]));
    const file = await provinceWorkbook(fw, {
      provinceName: units.province.name,
      year: cycle.year,
      districts: units.province.districts.map((d) => ({
        id: d.id,
        name: d.name,
        rankingStatus: rankingStatusLabel[statusOf.get(d.id) ?? 'OPEN'],
        rows: rankAssessments(
          fw,
          all.filter((a) => a.districtId === d.id),
        ),
      })),
    });
    return download(file, downloadName(['Tong-hop-CCHC', cycle.year], 'xlsx'));
  },
});
