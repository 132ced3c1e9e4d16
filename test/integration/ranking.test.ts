/**
 * Ranking, approval, publication and the report to the province (Decision 4203, Điều 6.3–6.6, Điều 8,
 * Điều 10), the province's consolidated results, the public results, and the decision's tables as
 * spreadsheets (Appendix I, Appendix II, the province workbook) read back with exceljs.
 *
 * One stack for the file. Every commune is driven to its status through the real API (self scores,
 * submit as the commune chair, appraisal as the council secretary, complete). Each commune follows a
 * plan written here: which rows are not applicable and how many points the commune (self) and the
 * council (appraised) take off the maxima. Every expected number is worked out here from the rules
 * (index = points / applicable maximum × 100, half-up to two decimals; Điều 8's bands), never read
 * back from the code under test.
 *
 * The describes are chapters of one story and run in order: Thành phố Thái Nguyên is ranked, approved,
 * published and reported; then Huyện Võ Nhai's numbers are checked by hand and it is approved and
 * published while Huyện Định Hóa stays in appraisal; then the spreadsheets.
 */
import { frameworkResponse, type WireNode } from '../../shared/frameworks/wire.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../functions/lib/store.js';
import type { Role } from '../../shared/permissions.js';
import {
  assessmentResponse,
  auditResponse,
  evidenceUploadResponse,
  type AssessmentResponse,
  type Cycle,
  type RowSaveResponse,
  type UnitsResponse,
} from '../../shared/schemas.js';
import type { ErrorBody, RankingResponse as RankingBody, RankingRowBody, ResultsResponse } from '../../shared/api/index.js';
import {
  Api,
  assessmentPath,
  expectError,
  expectUnchanged,
  pdfBytes,
  pngBytes,
  seededCycleId,
  snapshot,
  startTestStack,
  type Reply,
  type Snapshot,
} from '../support/api.js';
import { okSave } from '../support/appraisal.js';

let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let store: Store;
let province: string;
const C = seededCycleId();
const FW = 'thai-nguyen-4203-2021';

// ---- the catalog as the API serves it ------------------------------------------------------------

interface Row {
  code: string;
  title: string;
  max: number; // hundredths
  area: string;
  leaf: boolean;
  naAllowed: boolean;
  /** Leaf codes under this row (itself for a leaf). */
  leaves: string[];
}
/** Every row of the catalog in the decision's order (depth first: I, 1.1, 1.1.1, …). */
let rows: Row[];
let leaves: Row[];

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
const AREA_MAX: Record<string, number> = { I: 1000, II: 700, III: 2000, IV: 2000, V: 1000, VI: 500, VII: 1200, VIII: 1600 };
const h = (points: number) => Math.round(points * 100);
/** Today in Hà Nội (UTC+7), ISO and as the files write it: the approving decision's date. */
const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const TODAY_VI = TODAY.split('-').reverse().join('/');
const pts = (hundredths: number) => hundredths / 100;
/** a / b × 100, half-up to two decimals, in points (a, b in hundredths; b > 0). Exact: a / b has a small denominator. */
const pct = (a: number, b: number) => Math.round((a * 10000) / b) / 100;

// ---- the districts of the story ------------------------------------------------------------------

const T = 'tp-thai-nguyen';
const V = 'vo-nhai';
const DH = 'dinh-hoa';
const PL = 'phu-luong';
const NAMES: Record<string, string> = {
  'hoang-van-thu': 'Phường Hoàng Văn Thụ',
  'phan-dinh-phung': 'Phường Phan Đình Phùng',
  'quang-trung': 'Phường Quang Trung',
  'phuc-xuan': 'Xã Phúc Xuân',
  'quyet-thang': 'Xã Quyết Thắng',
  'thinh-duc': 'Xã Thịnh Đức',
  'dinh-ca': 'Thị trấn Đình Cả',
  'la-hien': 'Xã La Hiên',
  'than-sa': 'Xã Thần Sa',
  'cho-chu': 'Thị trấn Chợ Chu',
  'phu-dinh': 'Xã Phú Đình',
  'bao-cuong': 'Xã Bảo Cường',
  du: 'Thị trấn Đu',
  'giang-tien': 'Thị trấn Giang Tiên',
  'yen-ninh': 'Xã Yên Ninh',
  'dong-dat': 'Xã Động Đạt',
};
const T_UNITS = ['hoang-van-thu', 'phan-dinh-phung', 'phuc-xuan', 'quyet-thang', 'quang-trung', 'thinh-duc'];
const V_UNITS = ['dinh-ca', 'la-hien', 'than-sa'];
const DH_UNITS = ['cho-chu', 'phu-dinh', 'bao-cuong'];
const PL_UNITS = ['du', 'giang-tien', 'yen-ninh', 'dong-dat'];
const NA_18 = ['1.8.1', '1.8.2'];
const NA_85 = ['8.5.1', '8.5.2'];

/** A commune's scores: not-applicable rows, and the points (hundredths) taken off each row's maximum. */
interface Plan {
  na: string[];
  selfLoss: Record<string, number>;
  loss: Record<string, number>;
}
const plans = new Map<string, Plan>();

/** `lost` hundredths taken off the applicable rows in the catalog's order, each row down to 0 at most. */
function spread(lost: number, na: string[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of leaves) {
    if (lost <= 0) break;
    if (na.includes(l.code)) continue;
    const take = Math.min(lost, l.max);
    out[l.code] = take;
    lost -= take;
  }
  expect(lost).toBe(0);
  return out;
}
/** Every row of the given areas lost entirely. */
const wholeAreas = (...areas: string[]) =>
  Object.fromEntries(leaves.filter((l) => areas.includes(l.area)).map((l) => [l.code, l.max]));

const selfOf = (p: Plan, code: string) => leaves.find((l) => l.code === code)!.max - (p.selfLoss[code] ?? 0);
const appraisedOf = (p: Plan, code: string) => leaves.find((l) => l.code === code)!.max - (p.loss[code] ?? 0);

// ---- requests ------------------------------------------------------------------------------------

const tokens = new Map<string, Promise<string>>();
function token(role: Role, unitId?: string, name?: string): Promise<string> {
  const key = JSON.stringify([role, unitId, name]);
  if (!tokens.has(key)) tokens.set(key, api.token(role, unitId, undefined, name));
  return tokens.get(key)!;
}
const DISTRICT_OF: Record<string, string> = Object.fromEntries([
  ...T_UNITS.map((u) => [u, T]),
  ...V_UNITS.map((u) => [u, V]),
  ...DH_UNITS.map((u) => [u, DH]),
  ...PL_UNITS.map((u) => [u, PL]),
]);
const CHAIR_NAME = { [T]: 'Nguyễn Văn Chủ Tịch', [V]: 'Hoàng Thị Võ Nhai', [DH]: 'Lý Văn Định', [PL]: 'Đào Văn Lương' } as Record<
  string,
  string
>;
const officer = (u: string) => token('commune_officer', u, `Công chức ${NAMES[u]}`);
const communeChair = (u: string) => token('commune_chair', u, `Chủ tịch ${NAMES[u]}`);
const secretary = (u: string) => token('district_secretary', DISTRICT_OF[u], 'Trần Thị Thư Ký');
const districtChair = (d: string) => token('district_chair', d, CHAIR_NAME[d]);

const path = (u: string, tail = '') => assessmentPath(C, u) + tail;
const rankingPath = (d: string, tail = '') => `/api/cycles/${C}/rankings/${d}${tail}`;

function ok(r: Reply, status?: string): AssessmentResponse {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const a = assessmentResponse.parse(r.body);
  if (status) expect(a.status).toBe(status);
  return a;
}

async function read(u: string): Promise<AssessmentResponse> {
  return ok(await api.get(path(u), province));
}

/** Asks for an upload, PUTs the bytes to the presigned URL, confirms: the evidence is attached. */
async function attach(
  u: string,
  code: string,
  fileName: string,
  contentType: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<string> {
  const t = await officer(u);
  const r = await api.request('POST', path(u, '/evidence'), {
    token: t,
    body: { code, fileName, contentType, size: bytes.length },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const { id, upload } = evidenceUploadResponse.parse(r.body);
  const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers ?? {}, body: bytes });
  expect(put.status).toBe(200);
  const c = await api.request('POST', path(u, `/evidence/${id}/confirm`), { token: t });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  return id;
}

type Stop = 'DRAFT' | 'SUBMITTED' | 'IN_APPRAISAL' | 'APPRAISED';
const EVIDENCE: Record<string, { code: string; fileName: string; type: string; bytes: () => Uint8Array<ArrayBuffer> }[]> = {
  'phuc-xuan': [
    { code: '1.1.1', fileName: 'Kế hoạch CCHC năm.pdf', type: 'application/pdf', bytes: () => pdfBytes('ke hoach') },
    { code: '1.1.1', fileName: 'Ảnh hội nghị triển khai.png', type: 'image/png', bytes: pngBytes },
    { code: '8.3.1', fileName: 'Báo cáo nông thôn mới.pdf', type: 'application/pdf', bytes: () => pdfBytes('ntm') },
  ],
};
const evidenceIds = new Map<string, string[]>();

/** Fills the self-assessment by the plan, submits, appraises by the plan, completes — up to `stop`. */
async function drive(u: string, plan: Plan, stop: Stop): Promise<RowSaveResponse> {
  plans.set(u, plan);
  const selfItems = Object.fromEntries(
    leaves.map((l) => [l.code, plan.na.includes(l.code) ? { notApplicable: true } : { score: pts(selfOf(plan, l.code)) }]),
  );
  let a: RowSaveResponse = okSave(
    await api.request('PUT', path(u, '/self'), { token: await officer(u), body: { version: 0, items: selfItems } }),
    'DRAFT',
    Object.keys(selfItems),
  );
  for (const e of EVIDENCE[u] ?? [])
    evidenceIds.set(u, [...(evidenceIds.get(u) ?? []), await attach(u, e.code, e.fileName, e.type, e.bytes())]);
  if (stop === 'DRAFT') return a;
  a = await read(u);
  a = ok(
    await api.request('POST', path(u, '/submit'), { token: await communeChair(u), body: { version: a.version } }),
    'SUBMITTED',
  );
  if (stop === 'SUBMITTED') return a;
  a = await appraise(u, a.version);
  if (stop === 'IN_APPRAISAL') return a;
  return complete(u, a.version);
}

async function appraise(u: string, version: number): Promise<RowSaveResponse> {
  const plan = plans.get(u)!;
  const items = Object.fromEntries(
    leaves
      .filter((l) => !plan.na.includes(l.code))
      .map((l) => {
        const score = appraisedOf(plan, l.code);
        return [
          l.code,
          score === selfOf(plan, l.code)
            ? { score: pts(score) }
            : { score: pts(score), comment: `Hội đồng trừ ${pts(l.max - score)} điểm` },
        ];
      }),
  );
  return okSave(
    await api.request('PUT', path(u, '/appraisal'), { token: await secretary(u), body: { version, items } }),
    'IN_APPRAISAL',
    Object.keys(items),
  );
}

async function complete(u: string, version: number): Promise<AssessmentResponse> {
  return ok(await api.request('POST', path(u, '/complete'), { token: await secretary(u), body: { version } }), 'APPRAISED');
}

const ranking = async (d: string, t?: string) => {
  const r = await api.get(rankingPath(d), t ?? province);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as RankingBody;
};
const step = async (d: string, s: 'approve' | 'publish' | 'report', t: string, body?: unknown) =>
  api.request('POST', rankingPath(d, `/${s}`), { token: t, ...(body === undefined ? {} : { body }) });

/** The lifecycle execution follows the stored status asynchronously: poll a little. */
async function eventually<V>(readValue: () => V, okValue: (v: V) => boolean, ms = 5000): Promise<V> {
  const until = Date.now() + ms;
  for (;;) {
    const v = readValue();
    if (okValue(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}
const stepOf = (u: string) => env.stack.lifecycle.currentStep(C, u);

async function snapshots(units: string[]): Promise<Snapshot[]> {
  return Promise.all(units.map((u) => snapshot(api, province, C, u)));
}
async function expectAllUnchanged(before: Snapshot[]) {
  for (const s of before) await expectUnchanged(api, province, s);
}

/** Binary download (the spreadsheets). */
async function download(p: string, t?: string) {
  const res = await fetch(api.url + p, { headers: t ? { authorization: `Bearer ${t}` } : {} });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const text = (v: ExcelJS.CellValue) =>
  v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : v;

/** Every cell text of a sheet, for searching. */
function cellsOf(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => out.push(String(text(c.value)))));
  return out;
}
function rowWith(ws: ExcelJS.Worksheet, col: number, value: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (text(ws.getCell(r, col).value) === value) return r;
  throw new Error(`no row with "${value}" in column ${col} of ${ws.name}`);
}

// ---- the story's data ----------------------------------------------------------------------------

beforeAll(async () => {
  env = await startTestStack();
  api = env.api;
  province = await api.token('province');
  // The same module instance the stack's handlers use (imported after the stack set the environment).
  ({ store } = await import('../../functions/lib/context.js'));
  const fw = frameworkResponse.parse((await api.get(`/api/frameworks/${FW}`, province)).body);
  const flat = (items: WireNode[], area?: string): Row[] =>
    items.flatMap((i) => {
      const a = area ?? i.code;
      const children = flat(i.children, a);
      const self: Row = {
        code: i.code,
        title: i.title,
        max: h(i.maxPoints),
        area: a,
        leaf: i.children.length === 0,
        naAllowed: i.notApplicableAllowed,
        leaves: i.children.length === 0 ? [i.code] : children.filter((c) => c.leaf).map((c) => c.code),
      };
      return [self, ...children];
    });
  rows = flat(fw.items);
  leaves = rows.filter((r) => r.leaf);
  // The catalog as Decision 4203 prints it: 155 rows, 119 scored, 8 areas of 10, 7, 20, 20, 10, 5, 12, 16.
  expect(rows).toHaveLength(155);
  expect(leaves).toHaveLength(119);
  expect(fw.items.map((i) => i.code)).toEqual(ROMAN);
  for (const a of ROMAN) expect(leaves.filter((l) => l.area === a).reduce((s, l) => s + l.max, 0)).toBe(AREA_MAX[a]);
  for (const code of [...NA_18, ...NA_85])
    expect(leaves.find((l) => l.code === code)).toMatchObject({ max: 50, naAllowed: true });
  expect(leaves.find((l) => l.code === '4.2.6')?.max).toBe(350);

  const none = {};
  const T_PLANS: Record<string, [Plan, Stop]> = {
    // 95,00 points: Xuất sắc, first.
    'hoang-van-thu': [{ na: [], selfLoss: none, loss: spread(500) }, 'APPRAISED'],
    // 90,00 points, tied with Phúc Xuân's 90,00 index.
    'phan-dinh-phung': [{ na: [], selfLoss: spread(200), loss: spread(1000) }, 'APPRAISED'],
    // 1.8.1 and 1.8.2 not applicable: 89,10 of 99 → 89,10 / 99 × 100 = 90,00 exactly (Xuất sắc, the band's edge).
    'phuc-xuan': [{ na: NA_18, selfLoss: none, loss: spread(990, NA_18) }, 'APPRAISED'],
    // Not applicable too: 99 − 19,25 = 79,75 of 99 → 80,5555… → 80,56 (half-up); self 98 of 99 → 98,9898… → 98,99.
    'quyet-thang': [{ na: NA_18, selfLoss: spread(100, NA_18), loss: spread(1925, NA_18) }, 'APPRAISED'],
    // 80,00 points: more raw points than Quyết Thắng's 79,75, yet ranked below it (80,00 < 80,56). Left in appraisal.
    'quang-trung': [{ na: [], selfLoss: none, loss: spread(2000) }, 'IN_APPRAISAL'],
    // 49,99: Yếu (below 50). Left submitted.
    'thinh-duc': [{ na: [], selfLoss: spread(3000), loss: spread(5001) }, 'SUBMITTED'],
  };
  // Huyện Võ Nhai, losses chosen so that areas and the weakest row can be worked out on paper:
  //   Đình Cả:  area VIII (16) + 4.2.6 (3,5) + 4.3.2 (1,5) + 7.4.3 (2) = 23 lost → 77,00 Khá
  //   La Hiên:  areas III (20), VI (5), VIII (16) + 4.2.6 (3,5) = 44,5 lost → 55,50 Trung bình
  //   Thần Sa:  8.5.1, 8.5.2 not applicable; 2 of 4.2.6 lost → 97 of 99 → 97,9797… → 97,98 Xuất sắc
  const V_PLANS: Record<string, Plan> = {
    'dinh-ca': { na: [], selfLoss: none, loss: { ...wholeAreas('VIII'), '4.2.6': 350, '4.3.2': 150, '7.4.3': 200 } },
    'la-hien': { na: [], selfLoss: none, loss: { ...wholeAreas('III', 'VI', 'VIII'), '4.2.6': 350 } },
    'than-sa': { na: NA_85, selfLoss: none, loss: { '4.2.6': 200 } },
  };
  // Huyện Định Hóa stays in appraisal: one draft, one being appraised, one appraised (65,00: Trung bình).
  const DH_PLANS: Record<string, [Plan, Stop]> = {
    'cho-chu': [{ na: [], selfLoss: spread(1000), loss: none }, 'DRAFT'],
    'phu-dinh': [{ na: [], selfLoss: none, loss: spread(1500) }, 'IN_APPRAISAL'],
    'bao-cuong': [{ na: [], selfLoss: none, loss: spread(3500) }, 'APPRAISED'],
  };
  await Promise.all([
    ...Object.entries(T_PLANS).map(([u, [p, s]]) => drive(u, p, s)),
    ...Object.entries(V_PLANS).map(([u, p]) => drive(u, p, 'APPRAISED')),
    ...Object.entries(DH_PLANS).map(([u, [p, s]]) => drive(u, p, s)),
    // Huyện Phú Lương: 95, 85, 80, 63,34 — for the interrupted steps; average (95 + 85 + 80 + 63,34) / 4 = 80,835.
    ...PL_UNITS.map((u, i) => drive(u, { na: [], selfLoss: none, loss: spread([500, 1500, 2000, 3666][i]!) }, 'APPRAISED')),
  ]);
});
afterAll(async () => {
  await env?.stop();
});

// ---- chapter 1: Thành phố Thái Nguyên ------------------------------------------------------------

describe('ranking of a district: order of the steps, ties, not-applicable rescaling, audit, lock', () => {
  it('refuses to approve while communes are not appraised (409 LIFECYCLE naming them), to publish or report before approval; nothing changes', async () => {
    const chair = await districtChair(T);
    const before = await snapshots(T_UNITS);
    const rankingBefore = await ranking(T);
    expect(rankingBefore).toMatchObject({ status: 'OPEN', version: 0, history: [] });

    const e = expectError(await step(T, 'approve', chair), 409, 'LIFECYCLE');
    const waiting = (e.details as { waiting: { unitId: string; status: string }[] }).waiting;
    expect(waiting.map((w) => [w.unitId, w.status]).sort()).toEqual([
      ['quang-trung', 'IN_APPRAISAL'],
      ['thinh-duc', 'SUBMITTED'],
    ]);
    expectError(await step(T, 'publish', chair), 409, 'LIFECYCLE');
    expectError(await step(T, 'report', chair), 409, 'LIFECYCLE');
    // A well-formed decision changes nothing of that: still 409, and the decision is not stored.
    expectError(await step(T, 'approve', chair, { version: 0, decisionNumber: '125', decisionDate: TODAY }), 409, 'LIFECYCLE');

    expect(await ranking(T)).toEqual(rankingBefore);
    await expectAllUnchanged(before);
    for (const u of ['hoang-van-thu', 'phuc-xuan'])
      expect(
        await eventually(
          () => stepOf(u),
          (s) => s === 'approval',
        ),
      ).toBe('approval');
  });

  it('ranks by the appraised index: ties share a rank (1, 2, 2, 4), not-applicable rows rescale to 99, classes by Điều 8, self and appraised side by side', async () => {
    // The last two communes finish appraisal.
    await complete('quang-trung', (await read('quang-trung')).version);
    await complete('thinh-duc', (await appraise('thinh-duc', (await read('thinh-duc')).version)).version);
    for (const u of T_UNITS)
      expect(
        await eventually(
          () => stepOf(u),
          (s) => s === 'approval',
        ),
      ).toBe('approval');

    const r = await ranking(T);
    expect(r.status).toBe('OPEN');
    expect(r.districtName).toBe('Thành phố Thái Nguyên');
    const got = r.rows.map((x) => ({
      rank: x.rank,
      unitId: x.unitId,
      unitName: x.unitName,
      self: x.self,
      appraised: x.appraised,
      class: x.class,
    }));
    const row = (rank: number, unitId: string, self: [number, number], appraised: [number, number], cls: string) => ({
      rank,
      unitId,
      unitName: NAMES[unitId],
      // 4203: 100 points, no bonus or penalty group: main = points, percent = index.
      self: { points: self[0], index: self[1], main: self[0], bonus: 0, penalty: 0, percent: self[1] },
      appraised: { points: appraised[0], index: appraised[1], main: appraised[0], bonus: 0, penalty: 0, percent: appraised[1] },
      class: cls,
    });
    // Ranks 2 and 2 in either order (a tie); everything else in this order.
    const tie = [
      row(2, 'phan-dinh-phung', [98, 98], [90, 90], 'xuat-sac'),
      row(2, 'phuc-xuan', [99, 100], [89.1, 90], 'xuat-sac'),
    ];
    expect(got[0]).toEqual(row(1, 'hoang-van-thu', [100, 100], [95, 95], 'xuat-sac'));
    expect(got.slice(1, 3)).toEqual(expect.arrayContaining(tie));
    expect(got.slice(3)).toEqual([
      row(4, 'quyet-thang', [98, 98.99], [79.75, 80.56], 'tot'),
      row(5, 'quang-trung', [100, 100], [80, 80], 'tot'),
      row(6, 'thinh-duc', [70, 70], [49.99, 49.99], 'yeu'),
    ]);
    // The commune with fewer raw points but an applicable maximum of 99 ranks above.
    const q = got.find((x) => x.unitId === 'quyet-thang')!;
    const qt = got.find((x) => x.unitId === 'quang-trung')!;
    expect(q.appraised.points).toBeLessThan(qt.appraised.points);
    expect(q.rank!).toBeLessThan(qt.rank!);
    // The assessment itself agrees with the ranking.
    expect((await read('phuc-xuan')).totals.appraised).toMatchObject({
      points: 89.1,
      applicableMax: 99,
      index: 90,
      class: 'xuat-sac',
    });
  });

  it('only the chairman of this district decides: secretary, appraiser, commune chair, province, another district chair, operator → 403', async () => {
    const before = await snapshots(T_UNITS);
    const rankingBefore = await ranking(T);
    const others: [Role, string | undefined][] = [
      ['district_secretary', T],
      ['district_appraiser', T],
      ['commune_chair', 'phuc-xuan'],
      ['commune_officer', 'phuc-xuan'],
      ['province', undefined],
      ['operator', undefined],
      ['district_chair', V],
    ];
    for (const [role, unit] of others)
      for (const s of ['approve', 'publish', 'report'] as const)
        expectError(await step(T, s, await token(role, unit)), 403, 'FORBIDDEN');
    expectError(await step(T, 'approve', ''), 401, 'UNAUTHENTICATED');
    // With a decision in the body too: the role is checked first, nothing is stored.
    expectError(await step(T, 'approve', await token('district_secretary', T), { decisionNumber: '125' }), 403, 'FORBIDDEN');
    expectError(await step(T, 'approve', await districtChair(V), { decisionNumber: '125' }), 403, 'FORBIDDEN');
    expect(await ranking(T)).toEqual(rankingBefore);
    await expectAllUnchanged(before);
  });

  it('approve refuses a malformed decision number or date (400 naming the field), and a publish or report carrying one; nothing is stored', async () => {
    const chair = await districtChair(T);
    const before = await snapshots(T_UNITS);
    const rankingBefore = await ranking(T);
    expect(rankingBefore).toMatchObject({ decisionNumber: null, decisionDate: null });
    const next = `${Number(C) + 1}`;
    const bad: [unknown, string][] = [
      [{ version: 0, decisionNumber: 125 }, 'decisionNumber'],
      [{ version: 0, decisionNumber: '' }, 'decisionNumber'],
      [{ version: 0, decisionNumber: '12 5' }, 'decisionNumber'],
      [{ version: 0, decisionNumber: '1'.repeat(41) }, 'decisionNumber'],
      [{ version: 0, decisionNumber: '<b>125</b>' }, 'decisionNumber'],
      [{ version: 0, decisionDate: `${next}-02-30` }, 'decisionDate'],
      [{ version: 0, decisionDate: `15/01/${next}` }, 'decisionDate'],
      [{ version: 0, decisionDate: `${next}-01-15T00:00:00Z` }, 'decisionDate'],
      // Well-formed, but not a date the decision can have: after today in Hà Nội, or before the cycle's year.
      [{ version: 0, decisionDate: new Date(Date.now() + 31 * 3_600_000).toISOString().slice(0, 10) }, 'decisionDate'],
      [{ version: 0, decisionDate: `${Number(C) - 1}-12-31` }, 'decisionDate'],
      [{ version: 0, decisionNumber: '125', decision: 'x' }, 'decision'],
    ];
    for (const [body, field] of bad) {
      const e = expectError(await step(T, 'approve', chair, body), 400, 'VALIDATION');
      expect(JSON.stringify(e.details), JSON.stringify(body)).toContain(`"${field}"`);
    }
    // Only the approval records a decision: the later steps refuse the fields (checked before their lifecycle).
    expectError(await step(T, 'publish', chair, { decisionNumber: '125' }), 400, 'VALIDATION');
    expectError(await step(T, 'report', chair, { decisionDate: `${next}-01-15` }), 400, 'VALIDATION');
    expect(await ranking(T)).toEqual(rankingBefore);
    await expectAllUnchanged(before);
  });

  it('approve: ranking APPROVED with its decision’s number and date, audited in its history and in each commune’s trail; lifecycle waits for publication; still not public', async () => {
    const chair = await districtChair(T);
    const decisionDate = TODAY;
    const r = await step(T, 'approve', chair, { version: 0, decisionNumber: ' 125/QĐ-UBND ', decisionDate });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const body = r.body as RankingBody;
    expect(body.status).toBe('APPROVED');
    expect(body.version).toBe(1);
    expect([body.decisionNumber, body.decisionDate]).toEqual(['125/QĐ-UBND', decisionDate]);
    expect(body.history).toHaveLength(1);
    const entry = body.history[0]!;
    expect(entry).toMatchObject({
      by: 'Nguyễn Văn Chủ Tịch',
      role: 'district_chair',
      action: 'approve',
      from: 'OPEN',
      to: 'APPROVED',
    });
    expect(Math.abs(Date.parse(entry.at) - Date.now())).toBeLessThan(60_000);
    expect(body.rows.every((x) => x.status === 'APPROVED')).toBe(true);
    expect(await ranking(T)).toEqual(body);

    for (const u of T_UNITS) {
      const a = await read(u);
      expect(a.status).toBe('APPROVED');
      const audit = auditResponse.parse((await api.get(path(u, '/audit'), province)).body);
      expect(audit.at(-1)).toEqual({
        at: entry.at,
        by: 'Nguyễn Văn Chủ Tịch',
        role: 'district_chair',
        action: 'approve',
        from: 'APPRAISED',
        to: 'APPROVED',
        // The step is the commune's latest change: it made the version the assessment is at.
        version: a.version,
      });
      expect(
        await eventually(
          () => stepOf(u),
          (s) => s === 'publication',
        ),
      ).toBe('publication');
    }

    // Approved is not published (Điều 6.4 then 6.5): nothing of this district is public yet.
    const pub = await api.get(`/api/cycles/${C}/results`);
    expect(pub.status).toBe(200);
    expectNothingOf(pub.body, T, T_UNITS);
    expect((await api.get('/api/public/cycles')).body).toEqual([]);
  });

  it('after approval nothing in those assessments can change: self save, submit, appraisal save, return, complete, evidence → 409 LIFECYCLE', async () => {
    for (const u of ['hoang-van-thu', 'phuc-xuan']) {
      const before = await snapshot(api, province, C, u);
      const v = before.assessment.version;
      const sec = await secretary(u);
      const refusals: Reply[] = [
        await api.request('PUT', path(u, '/self'), {
          token: await officer(u),
          body: { version: v, items: { '1.1.1': { score: 0.5 } } },
        }),
        await api.request('PUT', path(u, '/self'), {
          token: await communeChair(u),
          body: { version: v, items: { '2.5': { explanation: 'Bổ sung' } } },
        }),
        await api.request('POST', path(u, '/submit'), { token: await communeChair(u), body: { version: v } }),
        await api.request('PUT', path(u, '/appraisal'), {
          token: sec,
          body: { version: v, items: { '1.1.1': { score: 0.25, comment: 'Chấm lại' } } },
        }),
        await api.request('PUT', path(u, '/appraisal'), {
          token: await token('district_appraiser', T),
          body: { version: v, items: { '2.5': { comment: 'Ghi chú' } } },
        }),
        await api.request('POST', path(u, '/return'), { token: sec, body: { version: v, reason: 'Giải trình thêm' } }),
        await api.request('POST', path(u, '/complete'), { token: sec, body: { version: v } }),
        await api.request('POST', path(u, '/evidence'), {
          token: await officer(u),
          body: { code: '1.1.1', fileName: 'Bổ sung.pdf', contentType: 'application/pdf', size: 100 },
        }),
      ];
      for (const id of evidenceIds.get(u) ?? [])
        refusals.push(await api.request('DELETE', path(u, `/evidence/${id}`), { token: await officer(u) }));
      for (const r of refusals) expectError(r, 409, 'LIFECYCLE');
      await expectUnchanged(api, province, before);
    }
    expect(evidenceIds.get('phuc-xuan')).toHaveLength(3);
  });

  it('approve twice and report before publication → 409 LIFECYCLE; a stale version → 409 CONFLICT; publish, then report; the executions end', async () => {
    const chair = await districtChair(T);
    const before = await snapshots(T_UNITS);
    const approved = await ranking(T);
    expectError(await step(T, 'approve', chair), 409, 'LIFECYCLE');
    expectError(await step(T, 'report', chair), 409, 'LIFECYCLE');
    const stale = expectError(await step(T, 'publish', chair, { version: 0 }), 409, 'CONFLICT');
    expectError(await step(T, 'publish', chair, { version: 1, decisionNumber: '9' }), 400, 'VALIDATION');
    expect(stale.details).toMatchObject({ version: 1 });
    expect(await ranking(T)).toEqual(approved);
    await expectAllUnchanged(before);

    const published = await step(T, 'publish', chair, { version: 1 });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const pb = published.body as RankingBody;
    // Publishing keeps the decision recorded at approval.
    expect(pb).toMatchObject({
      status: 'PUBLISHED',
      version: 2,
      decisionNumber: '125/QĐ-UBND',
      decisionDate: TODAY,
    });
    expect(pb.history.slice(1)).toEqual([
      {
        at: pb.history[1]!.at,
        by: 'Nguyễn Văn Chủ Tịch',
        role: 'district_chair',
        action: 'publish',
        from: 'APPROVED',
        to: 'PUBLISHED',
      },
    ]);
    expect(pb.history[0]).toEqual(approved.history[0]);
    for (const u of T_UNITS) {
      const a = await read(u);
      expect(a.status).toBe('PUBLISHED');
      const audit = auditResponse.parse((await api.get(path(u, '/audit'), province)).body);
      expect(audit.at(-1)).toEqual({
        at: pb.history[1]!.at,
        by: 'Nguyễn Văn Chủ Tịch',
        role: 'district_chair',
        action: 'publish',
        from: 'APPROVED',
        to: 'PUBLISHED',
        version: a.version,
      });
      expect(
        await eventually(
          () => stepOf(u),
          (s) => s === 'report',
        ),
      ).toBe('report');
    }
    expectError(await step(T, 'publish', chair), 409, 'LIFECYCLE');
    expectError(await step(T, 'approve', chair), 409, 'LIFECYCLE');

    // Published: the public sees this district's communes, and only them (Võ Nhai is appraised, not approved).
    const pub = (await api.get(`/api/cycles/${C}/results`)).body as ResultsResponse;
    expect(pub.published).toBe(true);
    expect(pub.districts.map((d) => d.id)).toEqual([T]);
    // The public page shows the decision that approved the ranking.
    expect([pub.districts[0]!.decisionNumber, pub.districts[0]!.decisionDate]).toEqual(['125/QĐ-UBND', TODAY]);
    expect(pub.rows.map((x) => x.unitId).sort()).toEqual([...T_UNITS].sort());
    expect(pub.classCounts.total).toEqual({ 'xuat-sac': 3, tot: 2, kha: 0, 'trung-binh': 0, yeu: 1 });
    expect(Object.keys(pub.classCounts.byDistrict)).toEqual([T]);
    expect(pub.areaAchievement.total).toEqual(areaPct(T_UNITS));
    expect(Object.keys(pub.weaknesses.byDistrict)).toEqual([T]);
    expectNothingOf(pub, V, V_UNITS);
    expectNothingOf(pub, DH, DH_UNITS);
    expect((await api.get('/api/public/cycles')).body).toEqual([
      { id: C, year: Number(C), appraisingLevel: 'district', publishedDistricts: 1 },
    ]);

    const reported = await step(T, 'report', chair);
    expect(reported.status, JSON.stringify(reported.body)).toBe(200);
    const rb = reported.body as RankingBody;
    expect(rb).toMatchObject({ status: 'REPORTED', version: 3 });
    expect(rb.history.map((x) => [x.action, x.from, x.to, x.by, x.role])).toEqual([
      ['approve', 'OPEN', 'APPROVED', 'Nguyễn Văn Chủ Tịch', 'district_chair'],
      ['publish', 'APPROVED', 'PUBLISHED', 'Nguyễn Văn Chủ Tịch', 'district_chair'],
      ['report', 'PUBLISHED', 'REPORTED', 'Nguyễn Văn Chủ Tịch', 'district_chair'],
    ]);
    for (const u of T_UNITS) {
      const a = await read(u);
      expect(a.status).toBe('REPORTED');
      const audit = auditResponse.parse((await api.get(path(u, '/audit'), province)).body);
      expect(
        audit.filter((x) => ['approve', 'publish', 'report'].includes(x.action)).map((x) => [x.action, x.from, x.to]),
      ).toEqual([
        ['approve', 'APPRAISED', 'APPROVED'],
        ['publish', 'APPROVED', 'PUBLISHED'],
        ['report', 'PUBLISHED', 'REPORTED'],
      ]);
      expect(
        await eventually(
          () => env.stack.lifecycle.isRunning(C, u),
          (x) => !x,
        ),
      ).toBe(false);
      expect(stepOf(u)).toBeUndefined();
    }
    expectError(await step(T, 'report', chair), 409, 'LIFECYCLE');
    // Reported results stay public, with the same numbers.
    const after = (await api.get(`/api/cycles/${C}/results`)).body as ResultsResponse;
    expect(after.rows.map((x) => [x.unitId, x.appraised])).toEqual(pub.rows.map((x) => [x.unitId, x.appraised]));
    expect(after.districts.map((d) => [d.id, d.rankingStatus])).toEqual([[T, 'REPORTED']]);
  });
});

// ---- chapter 2: consolidated and public results --------------------------------------------------

/** Achievement % per area over some communes: their appraised points / their applicable maxima (by the plans). */
function areaPct(units: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of ROMAN) {
    let got = 0;
    let max = 0;
    for (const u of units) {
      const p = plans.get(u)!;
      for (const l of leaves.filter((x) => x.area === a && !p.na.includes(x.code))) {
        got += appraisedOf(p, l.code);
        max += l.max;
      }
    }
    out[a] = pct(got, max);
  }
  return out;
}

/** Neither the district nor any of its communes (id or name) appears anywhere in the JSON. */
function expectNothingOf(body: unknown, district: string, units: string[]) {
  const json = JSON.stringify(body);
  const districtName = { [T]: 'Thành phố Thái Nguyên', [V]: 'Huyện Võ Nhai', [DH]: 'Huyện Định Hóa' }[district]!;
  for (const needle of [`"${district}"`, districtName, ...units.map((u) => `"${u}"`), ...units.map((u) => NAMES[u]!)])
    expect(json).not.toContain(needle);
}

describe('consolidated results (signed in) and public results (published only)', () => {
  const consolidated = async (t: string) => {
    const r = await api.get(`/api/cycles/${C}/consolidated`, t);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as ResultsResponse;
  };

  it('needs a token (401), a province or district role (403 for commune roles and the operator); district staff see only their district', async () => {
    expectError(await api.get(`/api/cycles/${C}/consolidated`), 401, 'UNAUTHENTICATED');
    expectError(await api.get(`/api/cycles/${C}/consolidated.xlsx`), 401, 'UNAUTHENTICATED');
    for (const t of [await officer('la-hien'), await communeChair('la-hien'), await token('operator')])
      expectError(await api.get(`/api/cycles/${C}/consolidated`, t), 403, 'FORBIDDEN');
    for (const t of [await officer('la-hien'), await token('operator'), await districtChair(V), await secretary('la-hien')])
      expectError(await api.get(`/api/cycles/${C}/consolidated.xlsx`, t), 403, 'FORBIDDEN');

    for (const role of ['district_appraiser', 'district_secretary', 'district_chair'] as const) {
      const c = await consolidated(await token(role, V));
      expect(c.published).toBe(false);
      expect(c.districts.map((d) => d.id)).toEqual([V]);
      expect(c.rows.map((x) => x.unitId).sort()).toEqual([...V_UNITS].sort());
      expect(Object.keys(c.classCounts.byDistrict)).toEqual([V]);
      expect(Object.keys(c.areaAchievement.byDistrict)).toEqual([V]);
      expectNothingOf(c, T, T_UNITS);
      expectNothingOf(c, DH, DH_UNITS);
    }
    const all = await consolidated(province);
    expect(all.districts).toHaveLength(9);
  });

  it('numbers worked out by hand: class counts, achievement % per area, the weakest row, progress per district', async () => {
    const c = await consolidated(province);
    // Classes (Điều 8): Đình Cả 77,00 Khá; La Hiên 55,50 Trung bình; Thần Sa 97,98 Xuất sắc.
    expect(c.classCounts.byDistrict[V]).toEqual({ 'xuat-sac': 1, tot: 0, kha: 1, 'trung-binh': 1, yeu: 0 });
    expect(c.classCounts.byDistrict[T]).toEqual({ 'xuat-sac': 3, tot: 2, kha: 0, 'trung-binh': 0, yeu: 1 });
    // The province sees appraised communes of a district still in appraisal: Bảo Cường 65,00.
    expect(c.classCounts.byDistrict[DH]).toEqual({ 'xuat-sac': 0, tot: 0, kha: 0, 'trung-binh': 1, yeu: 0 });
    const v = Object.fromEntries(
      c.rows
        .filter((x) => x.districtId === V)
        .map((x) => [x.unitId, [x.appraised.points, x.appraised.index, x.class, x.districtRank]]),
    );
    expect(v).toEqual({
      'than-sa': [97, 97.98, 'xuat-sac', 1],
      'dinh-ca': [77, 77, 'kha', 2],
      'la-hien': [55.5, 55.5, 'trung-binh', 3],
    });

    // Sum of appraised points / sum of applicable maxima, per area, over the three communes:
    //   I 30/30, II 21/21, III 40/60, IV (60 − 5 − 3,5 − 2)/60 = 49,5/60, V 30/30, VI 10/15,
    //   VII 34/36, VIII (0 + 0 + 15)/(16 + 16 + 15): Thần Sa's 8.5.1 and 8.5.2 are not applicable.
    const vAreas = { I: 100, II: 100, III: 66.67, IV: 82.5, V: 100, VI: 66.67, VII: 94.44, VIII: 31.91 };
    expect(c.areaAchievement.byDistrict[V]).toEqual(vAreas);
    expect(areaPct(V_UNITS)).toEqual(vAreas);

    // The weakest row: 4.2.6 (max 3,5), lost 3,5 + 3,5 + 2 = 9 over 3 communes: 3,00 on average, 9 / 10,5 = 85,71 %.
    // (Next come the 1,5-point rows of area VIII that two communes lost entirely: 1,00 on average.)
    const weak = c.weaknesses.byDistrict[V]!;
    expect(weak[0]).toEqual({
      code: '4.2.6',
      title: rows.find((r) => r.code === '4.2.6')!.title,
      area: 'IV',
      max: 3.5,
      communes: 3,
      averageLost: 3,
      lostPct: 85.71,
    });
    expect(weak[1]).toMatchObject({ area: 'VIII', max: 1.5, communes: 3, averageLost: 1, lostPct: 66.67 });

    // Progress (Điều 6): Thành phố Thái Nguyên reported; Võ Nhai appraised; Định Hóa: one draft, one in appraisal, one appraised.
    const progress = (d: string) => {
      const x = c.districts.find((y) => y.id === d)!;
      return [x.rankingStatus, x.communes, x.submitted, x.appraised, x.approved, x.published, x.reported];
    };
    expect(progress(T)).toEqual(['REPORTED', 6, 6, 6, 6, 6, 6]);
    expect(progress(V)).toEqual(['OPEN', 3, 3, 3, 0, 0, 0]);
    expect(progress(DH)).toEqual(['OPEN', 3, 2, 1, 0, 0, 0]);
    expect(progress('tp-song-cong')).toEqual(['OPEN', 4, 0, 0, 0, 0, 0]);
    // Averages over the appraised communes only; none appraised is no average (null), not 0.
    const average = (d: string) => c.districts.find((y) => y.id === d)!.averageIndex;
    expect([average(DH), average('tp-song-cong')]).toEqual([65, null]);
    expect(c.classCounts.byDistrict['tp-song-cong']).toBeUndefined();
  });

  it('the district ranking gives a commune not yet appraised no rank and no class; the appraised ones are ranked among themselves', async () => {
    const r = await ranking(DH);
    expect(r.rows.map((x) => [x.unitId, x.status, x.rank, x.class])).toEqual([
      ['bao-cuong', 'APPRAISED', 1, 'trung-binh'],
      // Vietnamese order: "Thị trấn Chợ Chu" before "Xã Phú Đình".
      ['cho-chu', 'DRAFT', null, null],
      ['phu-dinh', 'IN_APPRAISAL', null, null],
    ]);
  });

  it('the public sees a district only once its ranking is published (not after approval), and nothing of a district still in appraisal', async () => {
    const publicBefore = (await api.get(`/api/cycles/${C}/results`)).body as ResultsResponse;
    expectNothingOf(publicBefore, V, V_UNITS);
    expectNothingOf(publicBefore, DH, DH_UNITS);

    // Two approvals at once (two tabs): one wins, the other is refused; the communes move once.
    const chair = await districtChair(V);
    const both = await Promise.all([step(V, 'approve', chair), step(V, 'approve', chair)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(['CONFLICT', 'LIFECYCLE']).toContain((both.find((r) => r.status === 409)!.body as ErrorBody).error.code);
    expect((await ranking(V)).history.map((x) => x.action)).toEqual(['approve']);
    for (const u of V_UNITS) {
      const audit = auditResponse.parse((await api.get(path(u, '/audit'), province)).body);
      expect(audit.filter((x) => x.action === 'approve')).toHaveLength(1);
    }
    const approved = (await api.get(`/api/cycles/${C}/results`)).body as ResultsResponse;
    expectNothingOf(approved, V, V_UNITS);
    expect(approved).toEqual(publicBefore);
    expect((await api.get('/api/public/cycles')).body).toEqual([
      { id: C, year: Number(C), appraisingLevel: 'district', publishedDistricts: 1 },
    ]);

    expect((await step(V, 'publish', chair)).status).toBe(200);
    const pub = (await api.get(`/api/cycles/${C}/results`)).body as ResultsResponse;
    expect(pub.districts.map((d) => d.id).sort()).toEqual([T, V].sort());
    expect(
      pub.rows
        .filter((x) => x.districtId === V)
        .map((x) => [x.unitId, x.unitName, x.appraised.points, x.appraised.index, x.class, x.districtRank]),
    ).toEqual([
      ['than-sa', 'Xã Thần Sa', 97, 97.98, 'xuat-sac', 1],
      ['dinh-ca', 'Thị trấn Đình Cả', 77, 77, 'kha', 2],
      ['la-hien', 'Xã La Hiên', 55.5, 55.5, 'trung-binh', 3],
    ]);
    expect(pub.rows.map((x) => x.unitId).sort()).toEqual([...T_UNITS, ...V_UNITS].sort());
    expect(pub.classCounts.byDistrict).toEqual({
      [T]: { 'xuat-sac': 3, tot: 2, kha: 0, 'trung-binh': 0, yeu: 1 },
      [V]: { 'xuat-sac': 1, tot: 0, kha: 1, 'trung-binh': 1, yeu: 0 },
    });
    expect(pub.classCounts.total).toEqual({ 'xuat-sac': 4, tot: 2, kha: 1, 'trung-binh': 1, yeu: 1 });
    expect(pub.areaAchievement.byDistrict[V]).toEqual({
      I: 100,
      II: 100,
      III: 66.67,
      IV: 82.5,
      V: 100,
      VI: 66.67,
      VII: 94.44,
      VIII: 31.91,
    });
    expect(pub.areaAchievement.total).toEqual(areaPct([...T_UNITS, ...V_UNITS]));
    expect(pub.weaknesses.byDistrict[V]![0]).toMatchObject({ code: '4.2.6', communes: 3, averageLost: 3, lostPct: 85.71 });
    expect(Object.keys(pub.weaknesses.byDistrict).sort()).toEqual([T, V].sort());
    const v = pub.districts.find((d) => d.id === V)!;
    // Approved with no body: no decision recorded (the exports keep the template's blanks).
    expect([v.decisionNumber, v.decisionDate]).toEqual([null, null]);
    expect([v.rankingStatus, v.communes, v.submitted, v.appraised, v.approved, v.published, v.reported]).toEqual([
      'PUBLISHED',
      3,
      3,
      3,
      3,
      3,
      0,
    ]);
    // Định Hóa (Bảo Cường appraised at 65,00 among them) contributes nothing: no row, no count, no area, no weakness.
    expectNothingOf(pub, DH, DH_UNITS);
    expect(pub.classCounts.total['trung-binh']).toBe(1);
    expect((await api.get('/api/public/cycles')).body).toEqual([
      { id: C, year: Number(C), appraisingLevel: 'district', publishedDistricts: 2 },
    ]);

    // A cycle with nothing published is not listed, and its results show nothing.
    const older = Number(C) - 1;
    const created = await api.request('POST', '/api/cycles', {
      token: province,
      body: { year: older, frameworkId: FW, selfAssessmentDeadline: `${C}-12-31T17:00:00+07:00` },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const olderId = (created.body as Cycle).id;
    expect((await api.get('/api/public/cycles')).body).toEqual([
      { id: C, year: Number(C), appraisingLevel: 'district', publishedDistricts: 2 },
    ]);
    const olderResults = (await api.get(`/api/cycles/${olderId}/results`)).body as ResultsResponse;
    expect(olderResults.districts).toEqual([]);
    expect(olderResults.rows).toEqual([]);
  });
});

// ---- chapter 3: the spreadsheets -----------------------------------------------------------------

describe('spreadsheets: Appendix II, Appendix I, the province workbook', () => {
  const a2 = (d: string) => rankingPath(d, '/appendix-2.xlsx');
  const a1 = (u: string) => path(u, '/appendix-1.xlsx');

  function expectDownload(r: Awaited<ReturnType<typeof download>>, nameStart: string) {
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(XLSX);
    const cd = r.headers.get('content-disposition') ?? '';
    expect(cd.startsWith('attachment;')).toBe(true);
    // One ASCII style (issue 10, item 14): the plain name and the UTF-8 one are the same.
    const plain = /filename="([^"]+)"/.exec(cd)?.[1] ?? '';
    expect(plain).toMatch(/^[A-Za-z0-9_-]+\.xlsx$/);
    expect(decodeURIComponent(cd.split("filename*=UTF-8''")[1] ?? '')).toBe(plain);
    expect(plain.startsWith(nameStart)).toBe(true);
  }

  /** The Appendix II table of a sheet: headings, header cells and merges, one row per commune in rank order. */
  async function expectAppendix2(ws: ExcelJS.Worksheet, districtName: string, expected: RankingRowBody[]) {
    const cells = cellsOf(ws);
    expect(cells).toContain('PHỤ LỤC II');
    expect(cells).toContain('THỐNG KÊ KẾT QUẢ XẾP HẠNG CHỈ SỐ CCHC ĐỐI VỚI UBND CẤP XÃ');
    expect(cells.some((c) => c.includes(districtName))).toBe(true);

    const top = rowWith(ws, 1, 'Số TT');
    const header = (r: number, c: number) => text(ws.getCell(r, c).value);
    expect(header(top, 2)).toBe('Đơn vị cấp xã');
    expect(header(top, 3)).toBe('Tổng điểm đạt được');
    expect(header(top + 1, 3)).toBe('Điểm tự chấm');
    expect(header(top + 1, 4)).toBe('Điểm thẩm định');
    const headings = [1, 2, 3, 4, 5, 6, 7, 8].map((c) => header(top, c));
    expect(headings).toContain('Xếp hạng');
    expect(headings).toContain('Ghi chú');
    const rankCol = headings.indexOf('Xếp hạng') + 1;
    // Issue 21, item 2: the index the ranks follow, beside the points.
    const indexCol = headings.indexOf('Chỉ số') + 1;
    expect(indexCol).toBeGreaterThan(0);
    const classCol = headings.indexOf('Xếp loại') + 1;
    expect(classCol).toBeGreaterThan(0);
    // "Tổng điểm đạt được" spans the self and appraised columns; the others span both header rows.
    const merges = ws.model.merges;
    expect(merges).toContain(`C${top}:D${top}`);
    expect(merges).toContain(`A${top}:A${top + 1}`);
    expect(merges).toContain(`B${top}:B${top + 1}`);
    expect(ws.getCell(top, 4).master.address).toBe(`C${top}`);

    const got = expected.map((_, i) => {
      const r = top + 2 + i;
      return [
        ws.getCell(r, 1).value,
        ws.getCell(r, 2).value,
        ws.getCell(r, 3).value,
        ws.getCell(r, 4).value,
        ws.getCell(r, indexCol).value,
        ws.getCell(r, rankCol).value,
        ws.getCell(r, classCol).value,
      ];
    });
    // A commune not appraised yet: blank where a result would be (its self total once submitted), "Chưa thẩm định".
    expect(got).toEqual(
      expected.map((x, i) =>
        x.class === null
          ? [i + 1, ubnd(x.unitName), x.status === 'DRAFT' ? null : x.self.points, null, null, null, 'Chưa thẩm định']
          : [i + 1, ubnd(x.unitName), x.self.points, x.appraised.points, x.appraised.index, x.rank, CLASS_LABEL[x.class]],
      ),
    );
    expect(text(ws.getCell(top + 2 + expected.length, 1).value)).not.toMatch(/^\d+$/);

    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
  }

  it('Appendix II: the decision’s table for Thành phố Thái Nguyên, in rank order, numbers equal to the API’s, A4 fit to width', async () => {
    const r = await download(a2(T), await districtChair(T));
    expectDownload(r, `Phu-luc-II_Thanh-pho-Thai-Nguyen_${C}.xlsx`);
    const wb = await workbook(r.bytes);
    expect(wb.worksheets).toHaveLength(1);
    const rk = await ranking(T);
    await expectAppendix2(wb.worksheets[0]!, 'Thành phố Thái Nguyên', rk.rows);
    // The same numbers worked out by hand above, in the template's words ("UBND phường …", "UBND xã …").
    const ws = wb.worksheets[0]!;
    const top = rowWith(ws, 1, 'Số TT');
    expect([ws.getCell(top + 2, 2).value, ws.getCell(top + 2, 3).value, ws.getCell(top + 2, 4).value]).toEqual([
      'UBND phường Hoàng Văn Thụ',
      100,
      95,
    ]);
    expect([ws.getCell(top + 7, 2).value, ws.getCell(top + 7, 3).value, ws.getCell(top + 7, 4).value]).toEqual([
      'UBND xã Thịnh Đức',
      70,
      49.99,
    ]);
    const ranks = rk.rows.map((x) => x.rank);
    expect(ranks).toEqual([1, 2, 2, 4, 5, 6]);
    // The decision recorded at approval heads the table (issue 21, item 15); Xã Quyết Thắng's index 80,56 beside its 79,75 points.
    expect(cellsOf(ws)).toContain(
      `(Kèm theo Quyết định số 125/QĐ-UBND ngày ${TODAY_VI} của Chủ tịch UBND thành phố Thái Nguyên)`,
    );
    const qt = top + 2 + rk.rows.findIndex((x) => x.unitId === 'quyet-thang');
    expect([3, 4, 5].map((c) => ws.getCell(qt, c).value)).toEqual([98, 79.75, 80.56]);
    // Võ Nhai's sheet: "UBND thị trấn …".
    const wv = (await workbook((await download(a2(V), province)).bytes)).worksheets[0]!;
    // Approved without a decision: the template's blanks, to fill in by hand.
    expect(cellsOf(wv)).toContain(
      `(Kèm theo Quyết định số ……/QĐ-UBND ngày …/…/${Number(C) + 1} của Chủ tịch UBND huyện Võ Nhai)`,
    );
    const tv = rowWith(wv, 1, 'Số TT');
    expect([2, 3, 4].map((i) => wv.getCell(tv + i, 2).value)).toEqual([
      'UBND xã Thần Sa',
      'UBND thị trấn Đình Cả',
      'UBND xã La Hiên',
    ]);
  });

  it('Appendix II access: the district’s roles and the province; not other districts, communes, the operator, nor anyone without a token', async () => {
    for (const t of [
      await token('district_appraiser', T),
      await token('district_secretary', T),
      await districtChair(T),
      province,
    ])
      expectDownload(await download(a2(T), t), 'Phu-luc-II_');
    for (const t of [
      await token('district_secretary', V),
      await districtChair(V),
      await communeChair('phuc-xuan'),
      await officer('phuc-xuan'),
      await token('operator'),
    ])
      expectError(await api.get(a2(T), t), 403, 'FORBIDDEN');
    expectError(await api.get(a2(T)), 401, 'UNAUTHENTICATED');
  });

  it('Appendix I: all 155 rows (code, title, max, self, appraised, %, evidence), 8.3.1 in the commune kind’s wording, the totals', async () => {
    const u = 'phuc-xuan';
    const r = await download(a1(u), await officer(u));
    expectDownload(r, `Phu-luc-I_Xa-Phuc-Xuan_${C}.xlsx`);
    const ws = (await workbook(r.bytes)).worksheets[0]!;
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    const first = rowWith(ws, 1, 'I');
    const plan = plans.get(u)!;
    const na = (code: string) => plan.na.includes(code);
    const files: Record<string, string[]> = {
      '1.1.1': ['Kế hoạch CCHC năm.pdf', 'Ảnh hội nghị triển khai.png'],
      '8.3.1': ['Báo cáo nông thôn mới.pdf'],
    };

    const expected = rows.map((row) => {
      const applicable = row.leaves.filter((c) => !na(c));
      const self = applicable.reduce((s, c) => s + selfOf(plan, c), 0);
      const appraised = applicable.reduce((s, c) => s + appraisedOf(plan, c), 0);
      const applicableMax = applicable.reduce((s, c) => s + leaves.find((l) => l.code === c)!.max, 0);
      const title = row.code === '8.3.1' ? 'Thực hiện chương trình xây dựng nông thôn mới' : row.title;
      // A row left out entirely (1.8.1, 1.8.2, and 1.8 whose every part is left out) is marked, not scored 0.
      if (applicable.length === 0)
        return [
          row.code,
          title,
          pts(row.max),
          'Không áp dụng',
          'Không áp dụng',
          '',
          row.leaf ? (files[row.code] ?? []).join('\n') : '',
        ];
      // Issue 21, item 13: a row with parts left out shows its applicable maximum, marked (*), the one its % divides by.
      return [
        row.code,
        applicableMax === row.max ? title : `${title} (*)`,
        pts(applicableMax),
        pts(self),
        pts(appraised),
        pct(appraised, applicableMax),
        row.leaf ? (files[row.code] ?? []).join('\n') : '',
      ];
    });
    const got = rows.map((_, i) => [1, 2, 3, 4, 5, 6, 7].map((c) => text(ws.getCell(first + i, c).value)));
    expect(got).toEqual(expected);
    // Spot checks worked out on paper: Phúc Xuân's 9,90 lost points are area I's 9 applicable points
    // (1.8 left out) and 0,90 of area II (2.1.1, 2.1.2 and 0,40 of 2.2.1): II is 6,10 of 7 = 87,14 %.
    const at = (code: string) => got[rows.findIndex((x) => x.code === code)]!.slice(2, 6);
    expect(at('1.1.1')).toEqual([1, 1, 0, 0]);
    expect(at('I')).toEqual([9, 9, 0, 0]);
    expect(at('1.8')).toEqual([1, 'Không áp dụng', 'Không áp dụng', '']);
    expect(at('II')).toEqual([7, 7, 6.1, 87.14]);
    expect(at('2.2.1')).toEqual([0.5, 0.5, 0.1, 20]);

    const total = first + rows.length;
    expect([2, 3, 4, 5, 6].map((c) => text(ws.getCell(total, c).value))).toEqual(['TỔNG ĐIỂM', 100, 99, 89.1, 90]);
    const index = [1, 2, 3, 4, 5, 6, 7].map((c) => text(ws.getCell(total + 1, c).value));
    expect(index.slice(2, 5)).toEqual([99, 100, 90]);
    // The class has its own labelled row under the self and appraised columns, not under "Tài liệu kiểm chứng".
    expect(index[6]).toBe('');
    expect(text(ws.getCell(5, 7).value)).toBe('Tài liệu kiểm chứng');
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => text(ws.getCell(total + 2, c).value))).toEqual([
      '',
      'XẾP LOẠI',
      '',
      'Xuất sắc',
      'Xuất sắc',
      '',
      '',
    ]);
    expect(cellsOf(ws).filter((c) => c === 'Xuất sắc')).toHaveLength(2);
    // A commune still in appraisal has no class from the council yet.
    const wd = (await workbook((await download(a1('phu-dinh'), province)).bytes)).worksheets[0]!;
    const classRow = rowWith(wd, 2, 'XẾP LOẠI');
    expect([4, 5].map((c) => text(wd.getCell(classRow, c).value))).toEqual(['Xuất sắc', 'Chưa thẩm định']);

    // A phường reads 8.3.1 as the management of construction.
    const wp = (await workbook((await download(a1('hoang-van-thu'), province)).bytes)).worksheets[0]!;
    const fp = rowWith(wp, 1, '8.3.1');
    expect(wp.getCell(fp, 2).value).toBe('Quản lý các hoạt động xây dựng');
  });

  it('Appendix I access: whoever may see the assessment', async () => {
    const u = 'phuc-xuan';
    for (const t of [
      await officer(u),
      await communeChair(u),
      await token('district_appraiser', T),
      await secretary(u),
      await districtChair(T),
      province,
    ])
      expectDownload(await download(a1(u), t), 'Phu-luc-I_');
    for (const t of [await officer('quang-trung'), await token('district_secretary', V), await token('operator')])
      expectError(await api.get(a1(u), t), 403, 'FORBIDDEN');
    expectError(await api.get(a1(u)), 401, 'UNAUTHENTICATED');
  });

  it('the province workbook: a summary sheet and one Appendix II sheet per district', async () => {
    const r = await download(`/api/cycles/${C}/consolidated.xlsx`, province);
    expectDownload(r, `Tong-hop-CCHC_${C}.xlsx`);
    const wb = await workbook(r.bytes);
    const units = (await api.get('/api/units', province)).body as UnitsResponse;
    // The earlier cycle opened above (nothing appraised) gets its year-over-year sheet.
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      ...units.districts.map((d) => d.name),
      `So sánh ${Number(C) - 1}`,
    ]);

    const sum = wb.worksheets[0]!;
    expect(sum.pageSetup.paperSize).toBe(9);
    const head = rowWith(sum, 1, 'Số TT');
    const headings = Array.from({ length: 11 }, (_, i) => text(sum.getCell(head, i + 1).value));
    const col = (name: string) => headings.indexOf(name) + 1;
    for (const name of [
      'Đơn vị cấp huyện',
      'Số xã',
      'Đã thẩm định',
      'Chỉ số bình quân',
      'Xuất sắc',
      'Tốt',
      'Khá',
      'Trung bình',
      'Yếu',
    ])
      expect(col(name)).toBeGreaterThan(0);
    const line = (districtName: string) => rowWith(sum, 2, districtName);
    const classes = (r: number) => ['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu'].map((n) => sum.getCell(r, col(n)).value);
    expect(classes(line('Thành phố Thái Nguyên'))).toEqual([3, 2, 0, 0, 1]);
    expect(classes(line('Huyện Võ Nhai'))).toEqual([1, 0, 1, 1, 0]);
    // Average index of Thành phố Thái Nguyên: (95 + 90 + 90 + 80,56 + 80 + 49,99) / 6 = 80,925 → 80,93.
    expect(sum.getRow(line('Thành phố Thái Nguyên')).values).toContain(80.93);
    expect(sum.getRow(line('Thành phố Thái Nguyên')).values).toContain(6);

    await expectAppendix2(wb.getWorksheet('Thành phố Thái Nguyên')!, 'Thành phố Thái Nguyên', (await ranking(T)).rows);
    expect(
      cellsOf(wb.getWorksheet('Thành phố Thái Nguyên')!).some((c) => c.includes(`Quyết định số 125/QĐ-UBND ngày ${TODAY_VI}`)),
    ).toBe(true);
    await expectAppendix2(wb.getWorksheet('Huyện Võ Nhai')!, 'Huyện Võ Nhai', (await ranking(V)).rows);

    // Communes never appraised (issue 10, item 1) count in no class and make no average. Định Hóa: one
    // draft, one in appraisal, one appraised at 65,00 (Trung bình); Sông Công: four drafts.
    const cells = (r: number, names: string[]) => names.map((n) => sum.getCell(r, col(n)).value);
    const figures = ['Số xã', 'Đã thẩm định', 'Chỉ số bình quân'];
    expect([...cells(line('Huyện Định Hóa'), figures), ...classes(line('Huyện Định Hóa'))]).toEqual([3, 1, 65, 0, 0, 0, 1, 0]);
    expect([...cells(line('Thành phố Sông Công'), figures), ...classes(line('Thành phố Sông Công'))]).toEqual([
      4,
      0,
      null,
      0,
      0,
      0,
      0,
      0,
    ]);
    const dh = (await ranking(DH)).rows;
    await expectAppendix2(wb.getWorksheet('Huyện Định Hóa')!, 'Huyện Định Hóa', dh);
    const ws = wb.getWorksheet('Huyện Định Hóa')!;
    const top = rowWith(ws, 1, 'Số TT');
    // Chợ Chu (a draft): no number at all, and why; Phú Đình (in appraisal): only its submitted self total.
    expect([3, 4, 5, 6, 7, 8].map((c) => ws.getCell(top + 3, c).value)).toEqual([
      null,
      null,
      null,
      null,
      'Chưa thẩm định',
      'Trạng thái: Đang tự đánh giá',
    ]);
    expect([3, 4, 5, 6, 7, 8].map((c) => ws.getCell(top + 4, c).value)).toEqual([
      100,
      null,
      null,
      null,
      'Chưa thẩm định',
      'Trạng thái: Đang thẩm định',
    ]);
    const sc = wb.getWorksheet('Thành phố Sông Công')!;
    const ts = rowWith(sc, 1, 'Số TT');
    expect([0, 1, 2, 3].map((i) => [sc.getCell(ts + 2 + i, 6).value, sc.getCell(ts + 2 + i, 7).value])).toEqual(
      Array.from({ length: 4 }, () => [null, 'Chưa thẩm định']),
    );
    expect(cellsOf(sc)).not.toContain('Yếu');
  });

  it('Appendix II of a district still in appraisal: the appraised commune ranked 1, the others unranked and "Chưa thẩm định"', async () => {
    const r = await download(a2(DH), province);
    expectDownload(r, `Phu-luc-II_Huyen-Dinh-Hoa_${C}.xlsx`);
    const ws = (await workbook(r.bytes)).worksheets[0]!;
    await expectAppendix2(ws, 'Huyện Định Hóa', (await ranking(DH)).rows);
    const top = rowWith(ws, 1, 'Số TT');
    expect(
      [0, 1, 2].map((i) => [
        ws.getCell(top + 2 + i, 2).value,
        ws.getCell(top + 2 + i, 6).value,
        ws.getCell(top + 2 + i, 7).value,
      ]),
    ).toEqual([
      ['UBND xã Bảo Cường', 1, 'Trung bình'],
      ['UBND thị trấn Chợ Chu', null, 'Chưa thẩm định'],
      ['UBND xã Phú Đình', null, 'Chưa thẩm định'],
    ]);
  });
});

// ---- chapter 4: a step interrupted halfway ------------------------------------------------------

describe('a ranking step interrupted between the ranking and its communes is finished by the next read', () => {
  /** Makes the store fail on its `n`th assessment update from now (a crash in the middle of a step). */
  function crashOnUpdate(n: number) {
    const real = store.update.bind(store);
    let calls = 0;
    store.update = (async (...args: Parameters<Store['update']>) => {
      if (++calls === n) throw new Error('simulated crash');
      return real(...args);
    }) as Store['update'];
    return () => {
      store.update = real;
    };
  }

  it('approve and publish each crash after the first commune; the ranking, the province’s and the public results all finish them', async () => {
    const chair = await districtChair(PL);
    let restore = crashOnUpdate(2);
    try {
      expectError(await step(PL, 'approve', chair), 500, 'INTERNAL');
    } finally {
      restore();
    }
    // The ranking is APPROVED; the read of the province's results moves the communes that lag.
    const c = (await api.get(`/api/cycles/${C}/consolidated`, province)).body as ResultsResponse;
    const pl = c.districts.find((d) => d.id === PL)!;
    expect([pl.rankingStatus, pl.communes, pl.appraised, pl.approved, pl.published]).toEqual(['APPROVED', 4, 4, 4, 0]);
    for (const u of PL_UNITS) {
      expect((await read(u)).status).toBe('APPROVED');
      const audit = auditResponse.parse((await api.get(path(u, '/audit'), province)).body);
      expect(audit.filter((x) => x.action === 'approve').map((x) => [x.by, x.role, x.from, x.to])).toEqual([
        ['Đào Văn Lương', 'district_chair', 'APPRAISED', 'APPROVED'],
      ]);
      expect(
        await eventually(
          () => stepOf(u),
          (x) => x === 'publication',
        ),
      ).toBe('publication');
    }
    expect((await ranking(PL)).rows.map((x) => [x.unitId, x.rank, x.appraised.points, x.status])).toEqual([
      ['du', 1, 95, 'APPROVED'],
      ['giang-tien', 2, 85, 'APPROVED'],
      ['yen-ninh', 3, 80, 'APPROVED'],
      ['dong-dat', 4, 63.34, 'APPROVED'],
    ]);

    restore = crashOnUpdate(2);
    try {
      expectError(await step(PL, 'publish', chair), 500, 'INTERNAL');
    } finally {
      restore();
    }
    // Published: the public, with no token, sees every commune of it at once.
    const pub = (await api.get(`/api/cycles/${C}/results`)).body as ResultsResponse;
    expect(pub.rows.filter((x) => x.districtId === PL).map((x) => [x.unitId, x.appraised.points, x.class])).toEqual([
      ['du', 95, 'xuat-sac'],
      ['giang-tien', 85, 'tot'],
      ['yen-ninh', 80, 'tot'],
      ['dong-dat', 63.34, 'trung-binh'],
    ]);
    expect(pub.classCounts.byDistrict[PL]).toEqual({ 'xuat-sac': 1, tot: 2, kha: 0, 'trung-binh': 1, yeu: 0 });
    const d = pub.districts.find((x) => x.id === PL)!;
    expect([d.rankingStatus, d.communes, d.published]).toEqual(['PUBLISHED', 4, 4]);
    // Average index 80,835 → 80,84 (half-up), the same in the public results and the province workbook.
    expect(d.averageIndex).toBe(80.84);
    const wb = await workbook((await download(`/api/cycles/${C}/consolidated.xlsx`, province)).bytes);
    const sum = wb.worksheets[0]!;
    const line = sum.getRow(rowWith(sum, 2, 'Huyện Phú Lương')).values as ExcelJS.CellValue[];
    expect(line).toContain(80.84);
    expect(line).not.toContain(80.83);
    for (const u of PL_UNITS) {
      expect((await read(u)).status).toBe('PUBLISHED');
      expect(
        await eventually(
          () => stepOf(u),
          (x) => x === 'report',
        ),
      ).toBe('report');
    }
  });

  it('refuses a malformed step body (400) and an unknown district (404), changing nothing', async () => {
    const chair = await districtChair(PL);
    const before = await ranking(PL);
    expectError(await step(PL, 'report', chair, { version: 'hai' }), 400, 'VALIDATION');
    expectError(await step(PL, 'report', chair, { version: 2, note: 'x' }), 400, 'VALIDATION');
    expectError(await api.get(rankingPath('khong-co'), province), 404, 'NOT_FOUND');
    expectError(await api.get(`/api/cycles/1999/results`), 404, 'NOT_FOUND');
    expect(await ranking(PL)).toEqual(before);
  });
});

const CLASS_LABEL: Record<string, string> = {
  'xuat-sac': 'Xuất sắc',
  tot: 'Tốt',
  kha: 'Khá',
  'trung-binh': 'Trung bình',
  yeu: 'Yếu',
};
/** "Xã Phúc Xuân" → "UBND xã Phúc Xuân", as Appendix II writes a unit. */
const ubnd = (name: string) => `UBND ${name.charAt(0).toLowerCase()}${name.slice(1)}`;
