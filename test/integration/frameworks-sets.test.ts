/**
 * One cycle, two criteria sets (issue 22, item 1 "criteria sets per unit group"): a framework copied
 * from 4203 whose phường set differs from the set of xã and đặc khu (one row, L, split in the phường set
 * into L.a and L.b, 0,25 of its maximum moved to L.b), opened on the province-level test organisation
 * `tn-test-2025`, which ranks phường and xã in separate blocks.
 *
 * Each commune reads and saves the rows of its own set (a row of the other set → 400), its totals are of
 * its own set, the list summaries and the ranking score each commune against its set, block by block,
 * and Appendix I lists its own set's rows. A ranking block mixing kinds of different sets → 409 at open.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  definitionOfResponse,
  frameworkResponse,
  type FrameworkDefinitionWire,
  type WireNode,
} from '../../shared/frameworks/wire.js';
import { assessmentResponse, assessmentSummary, type AssessmentResponse } from '../../shared/schemas.js';
import { consolidatedResponse } from '../../shared/api/rankings.js';
import {
  Api,
  assessmentPath,
  expectError,
  expectUnchanged,
  snapshot,
  startTestStack,
  flattenNodes,
  tokenCache,
} from '../support/api.js';
import { PROVINCE_ORG_ID } from '../support/fixture-province.js';

const FW = 'thu-hai-bo';
const C = '2036';
const PROVINCE = 'thai-nguyen';
const XA = ['x-phuc-xuan', 'x-dai-phuc'];
const PHUONG = ['p-phan-dinh-phung', 'p-song-cong'];
const ALL = [...XA, ...PHUONG];

let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let province: string;
/** The row split in the phường set, its maximum, and each set's leaves. */
let L: WireNode;
let xaLeaves: WireNode[];
let phuongLeaves: WireNode[];

const tokenOf = tokenCache(() => api);
const flatten = flattenNodes;
const leavesIn = (items: WireNode[]) => flatten(items).filter((n) => n.children.length === 0);
const leavesOf = (u: string) => (PHUONG.includes(u) ? phuongLeaves : xaLeaves);

beforeAll(async () => {
  env = await startTestStack();
  api = env.api;
  province = await api.token('province');
  const copied = await api.request('POST', '/api/frameworks', {
    token: province,
    body: { copyFrom: 'thai-nguyen-4203-2021', id: FW, title: 'Bộ tiêu chí thử: phường chấm riêng' },
  });
  expect(copied.status, JSON.stringify(copied.body)).toBe(201);
  const def: FrameworkDefinitionWire = structuredClone(definitionOfResponse(frameworkResponse.parse(copied.body)));
  expect(def.sets).toHaveLength(1);
  const common = def.sets[0]!;
  xaLeaves = leavesIn(common.items);
  L = xaLeaves.find((l) => l.kind === 'score' && l.maxPoints >= 0.5)!;
  const phuongItems = structuredClone(common.items);
  const split = flatten(phuongItems).find((n) => n.code === L.code)!;
  split.kind = 'group';
  split.children = [
    { ...structuredClone(L), code: `${L.code}.a`, title: `${L.title} (phần a)`, maxPoints: L.maxPoints - 0.25, children: [] },
    { ...structuredClone(L), code: `${L.code}.b`, title: `${L.title} (phần b)`, maxPoints: 0.25, children: [] },
  ];
  def.sets = [
    { ...common, unitKinds: common.unitKinds.filter((k) => k !== 'phuong') },
    { id: 'phuong', title: 'Tiêu chí phường', unitKinds: ['phuong'], items: phuongItems },
  ];
  def.years = [Number(C)];
  phuongLeaves = leavesIn(phuongItems);
  const saved = await api.request('PUT', `/api/frameworks/${FW}`, { token: province, body: { version: 1, definition: def } });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const active = await api.request('POST', `/api/frameworks/${FW}/activate`, { token: province, body: { version: 2 } });
  expect(active.status, JSON.stringify(active.body)).toBe(200);
});
afterAll(async () => {
  await env?.stop();
});

const open = (organisationId?: string) =>
  api.request('POST', '/api/cycles', {
    token: province,
    body: {
      year: Number(C),
      frameworkId: FW,
      selfAssessmentDeadline: '2036-12-31T17:00:00+07:00',
      ...(organisationId ? { organisationId } : {}),
    },
  });
const path = (u: string, tail = '') => assessmentPath(C, u) + tail;
async function read(u: string): Promise<AssessmentResponse> {
  const r = await api.request('GET', path(u), { token: province });
  expect(r.status).toBe(200);
  return assessmentResponse.parse(r.body);
}
const saveSelf = async (u: string, items: Record<string, unknown>) =>
  api.request('PUT', path(u, '/self'), {
    token: await tokenOf('commune_chair', u),
    body: { version: (await read(u)).version, items },
  });
/** Every row of the unit's set at its maximum, except the second of each kind: L (xã) or L.b (phường) 0,25 lower. */
const scoresOf = (u: string) =>
  Object.fromEntries(
    leavesOf(u).map((l) => [
      l.code,
      {
        score:
          (u === XA[1] && l.code === L.code) || (u === PHUONG[1] && l.code === `${L.code}.b`) ? l.maxPoints - 0.25 : l.maxPoints,
      },
    ]),
  );
const expectedPoints = (u: string) => (u === XA[1] || u === PHUONG[1] ? 99.75 : 100);

describe('a cycle whose phường are scored on their own criteria set', () => {
  it('a ranking block mixing kinds of different sets → 409 at open, naming the block; the organisation ranking them apart → 201', async () => {
    // The legacy test organisation ranks every kind in one block.
    const mixed = expectError(await open(), 409, 'LIFECYCLE');
    expect(mixed.message).toMatch(/Khối xếp hạng ".+" gồm các loại đơn vị chấm theo các bộ tiêu chí khác nhau/);
    expect((await api.request('GET', `/api/cycles/${C}`, { token: province })).status).toBe(404);
    const opened = await open(PROVINCE_ORG_ID);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  });

  it('each commune reads its own set’s rows', async () => {
    for (const u of XA) {
      const a = await read(u);
      expect(Object.keys(a.items)).toContain(L.code);
      expect(Object.keys(a.items)).not.toContain(`${L.code}.a`);
    }
    for (const u of PHUONG) {
      const a = await read(u);
      expect(Object.keys(a.items)).toEqual(expect.arrayContaining([`${L.code}.a`, `${L.code}.b`]));
      expect(a.items[L.code]?.selfScore ?? null).toBeNull();
    }
  });

  it('PUT self of a row of the other set → 400 naming it; nothing changed', async () => {
    for (const [u, code] of [
      [XA[0]!, `${L.code}.a`],
      [PHUONG[0]!, L.code],
    ] as const) {
      const before = await snapshot(api, province, C, u);
      const r = await saveSelf(u, { [code]: { score: 0.25 } });
      expect(expectError(r, 400, 'VALIDATION').message).toContain(code);
      await expectUnchanged(api, province, before);
    }
  });

  it('each saves its own rows; totals are of its own set', async () => {
    for (const u of ALL) {
      const r = await saveSelf(u, scoresOf(u));
      expect(r.status, `${u}: ${JSON.stringify(r.body)}`).toBe(200);
      expect(r.body.totals.self.points, u).toBe(expectedPoints(u));
      const a = await read(u);
      expect(a.totals.self.points, u).toBe(expectedPoints(u));
      expect(a.items[PHUONG.includes(u) ? `${L.code}.b` : L.code]!.selfScore, u).toBe(
        scoresOf(u)[PHUONG.includes(u) ? `${L.code}.b` : L.code]!.score,
      );
    }
  });

  it('the list summaries score each commune on its own set: every row scored, its own points', async () => {
    const r = await api.request('GET', `/api/cycles/${C}/assessments`, { token: province });
    expect(r.status).toBe(200);
    const list = (r.body as unknown[]).map((x) => assessmentSummary.parse(x));
    for (const u of ALL) {
      const s = list.find((x) => x.unitId === u)!;
      expect(s.progress, u).toEqual({ scored: leavesOf(u).length, applicable: leavesOf(u).length });
      expect(s.self.points, u).toBe(expectedPoints(u));
    }
    expect(phuongLeaves.length).toBe(xaLeaves.length + 1);
  });

  it('submitted and appraised: the ranking ranks each block apart, each commune on its own set', async () => {
    for (const u of ALL) {
      const sub = await api.request('POST', path(u, '/submit'), {
        token: await tokenOf('commune_chair', u),
        body: { version: (await read(u)).version },
      });
      expect(sub.status, `${u}: ${JSON.stringify(sub.body)}`).toBe(200);
      const ap = await api.request('PUT', path(u, '/appraisal'), {
        token: await tokenOf('province_secretary'),
        body: { version: sub.body.version, items: scoresOf(u) },
      });
      expect(ap.status, `${u}: ${JSON.stringify(ap.body)}`).toBe(200);
      const done = await api.request('POST', path(u, '/complete'), {
        token: await tokenOf('province_secretary'),
        body: { version: ap.body.version },
      });
      expect(done.status, `${u}: ${JSON.stringify(done.body)}`).toBe(200);
      expect(done.body.status).toBe('APPRAISED');
    }
    const r = await api.request('GET', `/api/cycles/${C}/rankings/${PROVINCE}`, { token: province });
    expect(r.status).toBe(200);
    const rows = (r.body.rows as { unitId: string; block: string; rank: number; appraised: { points: number } }[]).map((x) => [
      x.unitId,
      x.block,
      x.rank,
      x.appraised.points,
    ]);
    expect(rows).toEqual([
      [PHUONG[0], 'phuong', 1, 100],
      [PHUONG[1], 'phuong', 2, 99.75],
      [XA[0], 'xa', 1, 100],
      [XA[1], 'xa', 2, 99.75],
    ]);
  });

  it('the consolidated view: each commune on its own set, ranked per block; rows weaknesses of the xã set only', async () => {
    const r = await api.request('GET', `/api/cycles/${C}/consolidated`, { token: province });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const c = consolidatedResponse.parse(r.body);
    expect(c.rows.map((x) => [x.unitId, x.block, x.rank, x.appraised.points])).toEqual([
      [PHUONG[0], 'phuong', 1, 100],
      [PHUONG[1], 'phuong', 2, 99.75],
      [XA[0], 'xa', 1, 100],
      [XA[1], 'xa', 2, 99.75],
    ]);
    // Only xã lost points on L; the phường lost theirs on L.b, a row of the other set, left out of the analysis.
    expect(c.policyNote).toContain(
      'tỷ lệ đạt theo lĩnh vực và các tiêu chí yếu chỉ tính các đơn vị chấm theo bộ tiêu chí của xã',
    );
    const weak = c.weaknesses.total.filter((w) => w.averageLost > 0);
    expect(weak.map((w) => [w.code, w.communes, w.averageLost])).toEqual([[L.code, 2, 0.13]]);
  });

  it('Appendix II lists each commune with its own set’s points, block by block', async () => {
    const r = await fetch(`${api.url}/api/cycles/${C}/rankings/${PROVINCE}/appendix-2.xlsx`, {
      headers: { authorization: `Bearer ${province}` },
    });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const names: Record<string, string> = {
      [XA[0]!]: 'xã Phúc Xuân',
      [XA[1]!]: 'xã Đại Phúc',
      [PHUONG[0]!]: 'phường Phan Đình Phùng',
      [PHUONG[1]!]: 'phường Sông Công',
    };
    for (const u of ALL) {
      const row = rows.find((r) => r.some((v) => typeof v === 'string' && v.includes(names[u]!)));
      expect(row, u).toBeDefined();
      expect(row, u).toContain(expectedPoints(u));
      expect(row, u).not.toContain(expectedPoints(u) === 100 ? 99.75 : 100);
    }
  });

  it('Appendix I lists the rows of the commune’s own set', async () => {
    const codesIn = async (u: string) => {
      const r = await fetch(`${api.url}${path(u, '/appendix-1.xlsx')}`, { headers: { authorization: `Bearer ${province}` } });
      expect(r.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await r.arrayBuffer());
      const cells = new Set<string>();
      wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.add(String(c.value))));
      return cells;
    };
    const p = await codesIn(PHUONG[0]!);
    expect(p.has(`${L.code}.a`) && p.has(`${L.code}.b`)).toBe(true);
    const x = await codesIn(XA[0]!);
    expect(x.has(L.code)).toBe(true);
    expect(x.has(`${L.code}.a`)).toBe(false);
  });
});
