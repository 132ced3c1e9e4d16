/**
 * Province-level appraisal (API.md "Province-level appraisal and merged communes", since 1 July 2025),
 * in the test province's `tn-test-2025` (test/support/fixture-province.ts): four communes formed from
 * the legacy ones, ranked in two blocks (phường; xã and đặc khu), appraised by the province's council,
 * approved and published by the province's chairman; the ranking ends at PUBLISHED. Then year over
 * year through the merge, and a cycle that keeps its organisation when the configuration changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { LocalStack } from '../../local/stack.js';
import { registerProvince } from '../../provinces/index.js';
import {
  consolidatedResponse,
  rankingResponse,
  resultsResponse,
  type ConsolidatedResponse,
  type RankingResponse,
} from '../../shared/api/index.js';
import { assessmentListResponse, cyclesResponse, unitsResponse, type AssessmentResponse } from '../../shared/schemas.js';
import { Api, expectError, expectUnchanged, handlersStore, seededCycleId, snapshot, startTestStack } from '../support/api.js';
import { getFramework } from '../../shared/framework-registry.js';
import type { AssessmentStatus } from '../../shared/lifecycle.js';
import { eventually, Flow, ok, okSave } from '../support/appraisal.js';
import {
  LEGACY_DISTRICTS,
  LEGACY_ORG_ID,
  PROVINCE_ORG_ID,
  provinceLevelOrganisation,
  registerTestProvince,
  testProvince,
} from '../support/fixture-province.js';

const FW = 'thai-nguyen-4203-2021';
const PROVINCE = 'thai-nguyen';
const PC = '2030';
const C = seededCycleId();
const NEW_UNITS = ['p-phan-dinh-phung', 'p-song-cong', 'x-phuc-xuan', 'x-dai-phuc'];

let env: Awaited<ReturnType<typeof startTestStack>>;
let stack: LocalStack;
let api: Api;
let province: string;
let flow: Flow;

beforeAll(async () => {
  env = await startTestStack();
  stack = env.stack;
  api = env.api;
  province = await api.token('province');
  const r = await api.call(
    'openCycle',
    {},
    {
      token: province,
      body: {
        year: Number(PC),
        frameworkId: FW,
        selfAssessmentDeadline: '2030-12-31T17:00:00+07:00',
        organisationId: PROVINCE_ORG_ID,
      },
    },
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  flow = await new Flow(api, PC).init();
});
afterAll(async () => {
  registerTestProvince();
  await stack?.stop();
  const { rmSync } = await import('node:fs');
  rmSync(env.dataDir, { recursive: true, force: true });
});

const rankingPath = (tail = '') => `/api/cycles/${PC}/rankings/${PROVINCE}${tail}`;

describe('opening a province-level cycle', () => {
  it('fixes the organisation named: the cycle row, its units (the province as the one appraising unit), its blocks', async () => {
    const cycles = cyclesResponse.parse((await api.get('/api/cycles', province)).body);
    expect(cycles.find((c) => c.id === PC)).toMatchObject({ organisationId: PROVINCE_ORG_ID, appraisingLevel: 'province' });
    expect(cycles.find((c) => c.id === C)).toMatchObject({ organisationId: LEGACY_ORG_ID, appraisingLevel: 'district' });

    const units = unitsResponse.parse((await api.get(`/api/units?cycleId=${PC}`, province)).body);
    expect(units.organisationId).toBe(PROVINCE_ORG_ID);
    expect(units.appraisingLevel).toBe('province');
    expect(units.districts).toEqual([]);
    expect(units.appraisingUnits.map((u) => u.id)).toEqual([PROVINCE]);
    expect(units.appraisingUnits[0]!.name).toBe('Tỉnh Thái Nguyên');
    expect(units.appraisingUnits[0]!.communes.map((c) => c.id)).toEqual(NEW_UNITS);
    expect(units.appraisingUnits[0]!.communes[0]).toMatchObject({
      kind: 'phuong',
      formedFrom: ['hoang-van-thu', 'phan-dinh-phung', 'quang-trung'],
      formerDistrictId: 'tp-thai-nguyen',
    });
    expect(units.rankingBlocks.map((b) => b.id)).toEqual(['phuong', 'xa']);

    // Without cycleId: the current organisation (the legacy one, in the test province).
    const current = unitsResponse.parse((await api.get('/api/units', province)).body);
    expect(current.organisationId).toBe(LEGACY_ORG_ID);
    expect(current.appraisingUnits).toHaveLength(9);
    expect(current.districts.map((d) => d.id)).toEqual(current.appraisingUnits.map((u) => u.id));

    expectError(await api.get('/api/units?cycleId=..%2Fx', province), 400, 'VALIDATION');
    expectError(await api.get('/api/units?cycleId=1999', province), 404, 'NOT_FOUND');
  });

  it('refuses an organisation the province does not have (400 naming organisationId), and opens nothing', async () => {
    const r = await api.call(
      'openCycle',
      {},
      {
        token: province,
        body: { year: 2040, frameworkId: FW, selfAssessmentDeadline: '2040-12-31T17:00:00+07:00', organisationId: 'tn-1990' },
      },
    );
    const e = expectError(r, 400, 'VALIDATION');
    expect(e.details).toEqual([{ field: 'organisationId' }]);
    const cycles = cyclesResponse.parse((await api.get('/api/cycles', province)).body);
    expect(cycles.map((c) => c.id)).not.toContain('2040');
  });

  it('lists the assessments with the province as their appraising unit', async () => {
    const secretary = await api.token('province_secretary');
    const list = assessmentListResponse.parse((await api.get(`/api/cycles/${PC}/assessments`, secretary)).body);
    expect(list.map((a) => a.unitId).sort()).toEqual([...NEW_UNITS].sort());
    for (const a of list) expect(a).toMatchObject({ appraisingUnitId: PROVINCE, districtId: PROVINCE, status: 'DRAFT' });
    // A district's staff have nothing to do here; nor a commune of another organisation.
    expectError(
      await api.get(`/api/cycles/${PC}/assessments`, await api.token('district_secretary', 'tp-thai-nguyen')),
      403,
      'FORBIDDEN',
    );
    expectError(
      await api.get(`/api/cycles/${PC}/assessments`, await api.token('commune_officer', 'phuc-xuan')),
      403,
      'FORBIDDEN',
    );
  });
});

describe('the province-level journey', () => {
  const APPRAISER = 'Nguyễn Văn Thẩm';
  const appraiserSub = 'local:province_appraiser:thai-nguyen:nguyen-van-tham';
  /** Rows appraised below the self score, per commune (each row then needs a comment). */
  const lowered: Record<string, string[]> = {
    'p-phan-dinh-phung': [],
    'p-song-cong': ['1.1.1'],
    'x-phuc-xuan': ['1.3.1'],
    'x-dai-phuc': ['1.3.2'],
  };

  it('assigns an appraiser area II of one commune; a commune outside the province, or a district secretary, is refused', async () => {
    const secretary = await flow.secretary('x-phuc-xuan');
    const path = `/api/cycles/${PC}/assignments/${PROVINCE}`;
    const body = (communes: string[]) => ({
      version: 0,
      appraisers: [{ id: appraiserSub, name: APPRAISER, areas: ['II'], communes }],
    });
    const before = (await api.get(path, secretary)).body;
    expectError(await api.request('PUT', path, { token: secretary, body: body(['mo-che']) }), 400, 'VALIDATION');
    expectError(
      await api.request('PUT', path, {
        token: await api.token('district_secretary', 'tp-thai-nguyen'),
        body: body(['x-phuc-xuan']),
      }),
      403,
      'FORBIDDEN',
    );
    expect((await api.get(path, secretary)).body).toEqual(before);

    const r = await api.request('PUT', path, { token: secretary, body: body(['x-phuc-xuan']) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      districtId: PROVINCE,
      version: 1,
      appraisers: [{ id: appraiserSub, areas: ['II'], communes: ['x-phuc-xuan'] }],
      history: [{ action: 'assignment', role: 'province_secretary', to: { areas: ['II'], communes: ['x-phuc-xuan'] } }],
    });
  });

  it('self-assessment → submit → appraisal: the appraiser within area II of their commune only; the secretary completes', async () => {
    for (const u of NEW_UNITS) await flow.fillAndSubmit(u);
    const appraiser = await api.token('province_appraiser', undefined, undefined, APPRAISER);
    const [area2] = flow.leavesOfArea('II');
    const [area3] = flow.leavesOfArea('III');

    const mine = await flow.read('x-phuc-xuan');
    const inArea = await flow.appraise('x-phuc-xuan', appraiser, mine.version, { [area2!.code]: { score: area2!.max } });
    const afterOwn = okSave(inArea, 'IN_APPRAISAL', [area2!.code]);

    const before = await snapshot(api, province, PC, 'x-phuc-xuan');
    expectError(
      await flow.appraise('x-phuc-xuan', appraiser, afterOwn.version, { [area3!.code]: { score: area3!.max } }),
      403,
      'FORBIDDEN',
    );
    await expectUnchanged(api, province, before);
    const other = await snapshot(api, province, PC, 'x-dai-phuc');
    expectError(
      await flow.appraise('x-dai-phuc', appraiser, other.assessment.version, { [area2!.code]: { score: area2!.max } }),
      403,
      'FORBIDDEN',
    );
    await expectUnchanged(api, province, other);
    // A district's secretary may not appraise in a province-level cycle.
    const d = await snapshot(api, province, PC, 'x-dai-phuc');
    expectError(
      await flow.appraise('x-dai-phuc', await api.token('district_secretary', 'tp-thai-nguyen'), d.assessment.version, {
        [area2!.code]: { score: area2!.max },
      }),
      403,
      'FORBIDDEN',
    );
    await expectUnchanged(api, province, d);

    const secretary = await flow.secretary('x-phuc-xuan');
    for (const u of NEW_UNITS) {
      const cur = await flow.read(u);
      const items = Object.fromEntries(
        flow.leaves.map((l) =>
          lowered[u]!.includes(l.code)
            ? [l.code, { score: 0, comment: 'Chưa có tài liệu kiểm chứng' }]
            : [l.code, { score: l.max }],
        ),
      );
      const appraised = okSave(await flow.appraise(u, secretary, cur.version, items), 'IN_APPRAISAL');
      ok(await flow.post(u, '/complete', secretary, { version: appraised.version }), 'APPRAISED');
    }
  });

  it('the province chairman approves and publishes; district roles and Sở Nội vụ may not; report answers 409 LIFECYCLE', async () => {
    const chair = await api.token('province_chair');
    for (const t of [await api.token('district_chair', 'tp-thai-nguyen'), province, await flow.secretary('x-phuc-xuan')])
      expectError(await api.request('POST', rankingPath('/approve'), { token: t }), 403, 'FORBIDDEN');
    const open = rankingResponse.parse((await api.get(rankingPath(), chair)).body);
    expect(open).toMatchObject({
      appraisingUnitId: PROVINCE,
      appraisingLevel: 'province',
      status: 'OPEN',
      finalStatus: 'PUBLISHED',
    });
    expectError(await api.request('POST', rankingPath('/report'), { token: chair }), 409, 'LIFECYCLE');
    expectError(await api.request('POST', rankingPath('/publish'), { token: chair }), 409, 'LIFECYCLE');

    const approved = rankingResponse.parse((await api.request('POST', rankingPath('/approve'), { token: chair })).body);
    expect(approved.status).toBe('APPROVED');
    expect(approved.blocks.map((b) => b.id)).toEqual(['phuong', 'xa']);
    // Worked by hand: 100 points in all; each lowered row loses its maximum (1.1.1: 1; 1.3.1, 1.3.2: 0,25).
    // Phường: Phan Đình Phùng 100 → 1, Sông Công 99 → 2. Xã: Phúc Xuân and Đại Phúc 99,75 → both 1 (a tie, within the block).
    const byUnit = Object.fromEntries(
      approved.rows.map((r) => [r.unitId, { block: r.block, rank: r.rank, index: r.appraised.index }]),
    );
    expect(byUnit).toEqual({
      'p-phan-dinh-phung': { block: 'phuong', rank: 1, index: 100 },
      'p-song-cong': { block: 'phuong', rank: 2, index: 99 },
      'x-phuc-xuan': { block: 'xa', rank: 1, index: 99.75 },
      'x-dai-phuc': { block: 'xa', rank: 1, index: 99.75 },
    });
    expect(approved.rows.map((r) => r.block)).toEqual(['phuong', 'phuong', 'xa', 'xa']);
    for (const r of approved.rows) expect(r.appraisingUnitId).toBe(PROVINCE);

    expect((await api.get(`/api/cycles/${PC}/results`)).body).toMatchObject({ rows: [] });
    const published = rankingResponse.parse(
      (await api.request('POST', rankingPath('/publish'), { token: chair, body: { version: approved.version } })).body,
    );
    expect(published.status).toBe('PUBLISHED');
    expect(published.history.map((h) => [h.action, h.role, h.to])).toEqual([
      ['approve', 'province_chair', 'APPROVED'],
      ['publish', 'province_chair', 'PUBLISHED'],
    ]);

    // The ranking ends at PUBLISHED: report is refused and nothing changes.
    const before = await snapshot(api, province, PC, 'x-phuc-xuan');
    const report = expectError(await api.request('POST', rankingPath('/report'), { token: chair }), 409, 'LIFECYCLE');
    expect(report.details).toMatchObject({ finalStatus: 'PUBLISHED' });
    await expectUnchanged(api, province, before);
    expect(rankingResponse.parse((await api.get(rankingPath(), chair)).body)).toEqual(published);

    // Every commune is PUBLISHED and its execution has ended (nothing more to wait for).
    for (const u of NEW_UNITS) {
      expect((await flow.read(u)).status).toBe('PUBLISHED');
      expect(
        await eventually(
          () => stack.lifecycle.currentStep(PC, u),
          (s) => s === undefined,
        ),
      ).toBeUndefined();
    }
  });

  it('the public results show the province ranking by block; the public cycles list it', async () => {
    const r = resultsResponse.parse((await api.get(`/api/cycles/${PC}/results`)).body);
    expect(r).toMatchObject({ published: true, appraisingLevel: 'province', organisationId: PROVINCE_ORG_ID });
    expect(r.districts.map((d) => [d.id, d.rankingStatus, d.published])).toEqual([[PROVINCE, 'PUBLISHED', 4]]);
    expect(r.rows.map((x) => [x.unitId, x.block, x.rank])).toEqual(
      expect.arrayContaining([
        ['p-phan-dinh-phung', 'phuong', 1],
        ['p-song-cong', 'phuong', 2],
        ['x-phuc-xuan', 'xa', 1],
        ['x-dai-phuc', 'xa', 1],
      ]),
    );
    expect(r.rows.find((x) => x.unitId === 'p-song-cong')).toMatchObject({
      formerDistrictId: 'tp-song-cong',
      districtId: PROVINCE,
    });
    expect((await api.get('/api/public/cycles')).body).toEqual(
      // Issue 21, item 11: the public index words a province-level year by its level (no "đơn vị cấp huyện").
      expect.arrayContaining([{ id: PC, year: 2030, appraisingLevel: 'province', publishedDistricts: 1 }]),
    );
  });

  it('Appendix II is headed by the province People\u2019s Committee, its rows under each block', async () => {
    const r = await fetch(`${api.url}${rankingPath('/appendix-2.xlsx')}`, { headers: { authorization: `Bearer ${province}` } });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const col1 = Array.from({ length: ws.rowCount }, (_, i) => String(ws.getCell(i + 1, 1).value ?? ''));
    expect(col1[0]).toBe('ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN');
    expect(String(ws.getCell(5, 1).value)).toContain('của Chủ tịch UBND tỉnh Thái Nguyên');
    const phuong = col1.indexOf('Phường');
    const xa = col1.indexOf('Xã và đặc khu');
    expect(phuong).toBeGreaterThan(0);
    expect(xa).toBeGreaterThan(phuong + 2);
    expect(String(ws.getCell(phuong + 2, 2).value)).toBe('UBND phường Phan Đình Phùng');
    // The rank (column F, after the "Chỉ số" column E).
    expect(ws.getCell(phuong + 2, 6).value).toBe(1);
    expect(ws.getCell(phuong + 3, 6).value).toBe(2);
    expect([ws.getCell(xa + 2, 6).value, ws.getCell(xa + 3, 6).value]).toEqual([1, 1]);
  });

  it('Appendix I names the province once, as the appraising unit (issue 21, item 13)', async () => {
    const r = await fetch(`${api.url}/api/cycles/${PC}/assessments/p-phan-dinh-phung/appendix-1.xlsx`, {
      headers: { authorization: `Bearer ${province}` },
    });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    const heading = String(wb.worksheets[0]!.getCell(3, 1).value);
    expect(heading).toMatch(/^Năm 2030 — Tỉnh Thái Nguyên — Trạng thái: /);
  });
});

describe('year over year through the merge', () => {
  /** In the seeded (legacy, district-level) cycle: rows appraised at 0, the rest at their maximum. */
  const earlier: Record<string, string[]> = {
    'hoang-van-thu': ['1.1.1'],
    'phan-dinh-phung': [],
    'quang-trung': ['1.2.1', '1.3.1'],
    'mo-che': ['1.1.1', '1.1.2'],
    'phuc-xuan': [],
  };

  it('shows each merged commune beside the units it was formed from, each with its earlier index, and their mean', async () => {
    const old = await new Flow(api, C).init();
    for (const [u, zero] of Object.entries(earlier)) {
      await old.fillAndSubmit(u);
      const secretary = await old.secretary(u);
      const cur = await old.read(u);
      const items = Object.fromEntries(
        old.leaves.map((l) => (zero.includes(l.code) ? [l.code, { score: 0, comment: 'Thiếu' }] : [l.code, { score: l.max }])),
      );
      const a = okSave(await old.appraise(u, secretary, cur.version, items), 'IN_APPRAISAL');
      ok(await old.post(u, '/complete', secretary, { version: a.version }), 'APPRAISED');
    }

    const r = await api.get(`/api/cycles/${PC}/consolidated`, province);
    expect(r.status).toBe(200);
    const c: ConsolidatedResponse = consolidatedResponse.parse(r.body);
    const point = c.history.find((h) => h.cycleId === C)!;
    expect(point.organisationId).toBe(LEGACY_ORG_ID);
    // Worked by hand (100 points in all): Hoàng Văn Thụ 100 − 1 = 99; Phan Đình Phùng 100;
    // Quang Trung 100 − 0,5 − 0,25 = 99,25; their mean 298,25 / 3 = 99,41666… → 99,42.
    const { weaknesses, ...ppdp } = point.byUnit['p-phan-dinh-phung']!;
    expect(ppdp).toEqual({
      organisationId: LEGACY_ORG_ID,
      units: [
        { unitId: 'hoang-van-thu', unitName: 'Phường Hoàng Văn Thụ', index: 99 },
        { unitId: 'phan-dinh-phung', unitName: 'Phường Phan Đình Phùng', index: 100 },
        { unitId: 'quang-trung', unitName: 'Phường Quang Trung', index: 99.25 },
      ],
      mean: 99.42,
    });
    // Its earlier units' weakest rows together: 1.1.1 lost 1 of 3 × 1 point (1/3 → 0,33 a commune, 33,33 %),
    // 1.2.1 0,5 of 3 × 0,5 (0,17; 33,33 %), 1.3.1 0,25 of 3 × 0,25 (0,08; 33,33 %).
    expect(weaknesses.map((w) => [w.code, w.communes, w.averageLost, w.lostPct])).toEqual([
      ['1.1.1', 3, 0.33, 33.33],
      ['1.2.1', 3, 0.17, 33.33],
      ['1.3.1', 3, 0.08, 33.33],
    ]);
    // Mỏ Chè 100 − 2 = 98; Thắng Lợi not appraised there: no index, the mean of what exists.
    expect(point.byUnit['p-song-cong']).toMatchObject({
      organisationId: LEGACY_ORG_ID,
      units: [
        { unitId: 'mo-che', unitName: 'Phường Mỏ Chè', index: 98 },
        { unitId: 'thang-loi', unitName: 'Phường Thắng Lợi', index: null },
      ],
      mean: 98,
    });
    expect(point.byUnit['x-phuc-xuan']).toMatchObject({
      units: [{ unitId: 'phuc-xuan', index: 100 }],
      mean: 100,
      weaknesses: [],
    });
    // The province council and its chairman see the same comparison as Sở Nội vụ.
    for (const role of ['province_secretary', 'province_chair'] as const) {
      const mine = consolidatedResponse.parse((await api.get(`/api/cycles/${PC}/consolidated`, await api.token(role))).body);
      expect(mine.history.find((h) => h.cycleId === C)?.byUnit, role).toEqual(point.byUnit);
    }
    // The district-level cycle itself stays as it was: its units, its districts.
    const old2 = unitsResponse.parse((await api.get(`/api/units?cycleId=${C}`, province)).body);
    expect(old2.appraisingLevel).toBe('district');
    expect(old2.districts).toHaveLength(9);
  });
});

describe('a cycle keeps its organisation', () => {
  it('after the configuration changes and the stack restarts: same units, level, ranking; a new cycle takes the new configuration', async () => {
    const chair = await api.token('province_chair');
    const units = (await api.get(`/api/units?cycleId=${PC}`, province)).body;
    const ranking = (await api.get(rankingPath(), chair)).body as RankingResponse;
    const results = (await api.get(`/api/cycles/${PC}/results`)).body;
    const one: AssessmentResponse = (await snapshot(api, province, PC, 'x-phuc-xuan')).assessment;

    // The operator renames a commune, adds one and drops the blocks.
    registerProvince({
      ...testProvince,
      organisations: [
        testProvince.organisations![0]!,
        {
          ...provinceLevelOrganisation,
          rankingBlocks: undefined,
          communes: [
            ...provinceLevelOrganisation.communes.map((c) => (c.id === 'x-phuc-xuan' ? { ...c, name: 'Xã Phúc Xuân Mới' } : c)),
            { id: 'x-tan-cuong', name: 'Xã Tân Cương', kind: 'xa', formedFrom: ['thinh-duc'] },
          ],
        },
        // The organisations after it (the one with departments) unchanged.
        ...testProvince.organisations!.slice(2),
      ],
    });
    await stack.stop();
    const { startLocalStack } = await import('../../local/stack.js');
    stack = await startLocalStack({ port: 0, dataDir: env.dataDir, seed: true });
    api = new Api(stack.url);

    expect((await api.get(`/api/units?cycleId=${PC}`, province)).body).toEqual(units);
    expect((await api.get(rankingPath(), chair)).body).toEqual(ranking);
    expect((await api.get(`/api/cycles/${PC}/results`)).body).toEqual(results);
    expect((await snapshot(api, province, PC, 'x-phuc-xuan')).assessment).toEqual(one);
    expectError(await api.get(`/api/cycles/${PC}/assessments/x-tan-cuong`, province), 404, 'NOT_FOUND');

    const opened = await api.call(
      'openCycle',
      {},
      {
        token: province,
        body: {
          year: 2032,
          frameworkId: FW,
          selfAssessmentDeadline: '2032-12-31T17:00:00+07:00',
          organisationId: PROVINCE_ORG_ID,
        },
      },
    );
    expect(opened.status).toBe(201);
    const fresh = unitsResponse.parse((await api.get('/api/units?cycleId=2032', province)).body);
    expect(fresh.appraisingUnits[0]!.communes.map((c) => c.name)).toContain('Xã Phúc Xuân Mới');
    expect(fresh.appraisingUnits[0]!.communes).toHaveLength(5);
    expect(fresh.rankingBlocks.map((b) => b.id)).toEqual(['all']);
  });
});

describe('an earlier cycle once closed', () => {
  it('is read again on every load while it is open; once every ranking and commune has taken its last step, its year point is kept and its items are not read again', async () => {
    const store = await handlersStore();
    const fw = getFramework(FW)!;
    const units = unitsResponse.parse((await api.get(`/api/units?cycleId=${C}`, province)).body);
    const communes = units.appraisingUnits.flatMap((d) => d.communes.map((c) => ({ districtId: d.id, unitId: c.id })));
    const now = new Date().toISOString();
    // Writes no route makes (scores of a closed cycle never change): they show whether the view read the items.
    const rewrite = (c: { districtId: string; unitId: string }, status: AssessmentStatus, appraised: (code: string) => number) =>
      store.update(C, c.districtId, c.unitId, (x) => ({
        next: {
          ...x,
          status,
          rows: Object.fromEntries(fw.leaves.map((l) => [l.code, { self: l.max, appraised: appraised(l.code) }])),
          version: x.version + 1,
          updatedAt: now,
        },
        audit: [],
      }));
    const full = (code: string) => fw.leaves.find((l) => l.code === code)!.max;
    const phucXuan = communes.find((c) => c.unitId === 'phuc-xuan')!;
    const indexOfPhucXuan = async () => {
      const body = consolidatedResponse.parse((await api.get(`/api/cycles/${PC}/consolidated`, province)).body);
      return body.history.find((h) => h.cycleId === C)!.byUnit['x-phuc-xuan']!.units[0]!.index;
    };

    // Open (every commune appraised, no ranking taken its last step): each load reads the items.
    for (const c of communes) await rewrite(c, 'APPRAISED', full);
    expect(await indexOfPhucXuan()).toBe(100);
    await rewrite(phucXuan, 'APPRAISED', (code) => (code === '1.1.1' ? 0 : full(code)));
    expect(await indexOfPhucXuan()).toBe(100 - full('1.1.1') / 100);

    // Closed: every district's ranking REPORTED (a district-level cycle's last step), every commune too.
    for (const d of units.appraisingUnits) {
      const r = await store.getRanking(C, d.id);
      const v = r?.version ?? 0;
      expect(await store.putRanking({ cycleId: C, districtId: d.id, status: 'REPORTED', version: v + 1, history: [] }, v)).toBe(
        true,
      );
    }
    for (const c of communes) await rewrite(c, 'REPORTED', (code) => (c === phucXuan && code === '1.1.1' ? 0 : full(code)));
    expect(await indexOfPhucXuan()).toBe(100 - full('1.1.1') / 100);
    // Its items changed behind the view's back: the kept point stands.
    await rewrite(phucXuan, 'REPORTED', full);
    expect(await indexOfPhucXuan()).toBe(100 - full('1.1.1') / 100);
    // The current cycle itself is read on every load as before.
    expect((await api.get(`/api/cycles/${PC}/consolidated`, province)).status).toBe(200);
  });
});

describe('communes formed from units kept only for history (Bắc Kạn before the merger, issue 21 items 7 and 21)', () => {
  /** A district of another province's earlier organisation: no cycle ever ran on it here. */
  const historyOnly = {
    id: 'bk-test',
    label: 'Bắc Kạn (thử nghiệm) trước 01/7/2025',
    validFrom: '2020-01-01',
    cyclesRunHere: false as const,
    appraisingLevel: 'district' as const,
    appraisingUnits: [
      {
        id: 'bk-cho-moi',
        name: 'Huyện Chợ Mới',
        communes: [
          { id: 'bk-yen-dinh', name: 'Xã Yên Đĩnh', kind: 'xa' as const },
          { id: 'bk-quang-chu', name: 'Xã Quảng Chu', kind: 'xa' as const },
        ],
      },
    ],
  };
  const YEAR = 2034;

  it('names every former district in the units of the cycle, and the workbook says why such a commune has no earlier result', async () => {
    registerProvince({
      ...testProvince,
      organisations: [
        testProvince.organisations![0]!,
        historyOnly,
        {
          ...provinceLevelOrganisation,
          communes: [
            ...provinceLevelOrganisation.communes,
            {
              id: 'x-cho-moi',
              name: 'Xã Chợ Mới',
              kind: 'xa',
              formedFrom: ['bk-yen-dinh', 'bk-quang-chu'],
              formerDistrictId: 'bk-cho-moi',
            },
          ],
        },
      ],
    });
    const opened = await api.call(
      'openCycle',
      {},
      {
        token: province,
        body: {
          year: YEAR,
          frameworkId: FW,
          selfAssessmentDeadline: `${YEAR}-12-31T17:00:00+07:00`,
          organisationId: PROVINCE_ORG_ID,
        },
      },
    );
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);

    // Every former district the communes name, by the name the organisation data gives it (the test's own data).
    const units = unitsResponse.parse((await api.get(`/api/units?cycleId=${YEAR}`, province)).body);
    const named = new Map(units.formerDistricts.map((d) => [d.id, d.name] as const));
    const configured = new Map([...LEGACY_DISTRICTS, ...historyOnly.appraisingUnits].map((d) => [d.id, d.name] as const));
    const ids = [...new Set(units.appraisingUnits.flatMap((u) => u.communes.flatMap((c) => c.formerDistrictId ?? [])))];
    expect(ids).toContain('bk-cho-moi');
    expect(Object.fromEntries(ids.map((id) => [id, named.get(id)]))).toEqual(
      Object.fromEntries(ids.map((id) => [id, configured.get(id)])),
    );

    // "Mở kỳ đánh giá" offers the organisations a cycle may open on: not the one kept only for history.
    expect(units.organisations.map((o) => [o.id, o.current])).toEqual([
      [LEGACY_ORG_ID, true],
      [PROVINCE_ORG_ID, false],
    ]);

    // The workbook's comparison with the seeded (district-level) cycle: Xã Chợ Mới has no unit there, and says why.
    const seededYear = cyclesResponse.parse((await api.get('/api/cycles', province)).body).find((c) => c.id === C)!.year;
    const r = await fetch(`${api.url}/api/cycles/${YEAR}/consolidated.xlsx`, {
      headers: { authorization: `Bearer ${province}` },
    });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    const ws = wb.getWorksheet(`So sánh ${seededYear}`)!;
    expect(ws).toBeDefined();
    const cell = (row: number, col: number) => String(ws.getCell(row, col).value ?? '');
    const rowOf = Array.from({ length: ws.rowCount }, (_, i) => i + 1).find((i) => cell(i, 2) === 'Xã Chợ Mới')!;
    expect(rowOf).toBeGreaterThan(4);
    expect(cell(rowOf, 4)).toBe(
      `Không có dữ liệu ${seededYear} (đơn vị cũ thuộc Huyện Chợ Mới, không đánh giá năm ${seededYear} trên hệ thống)`,
    );
    // No bare dash left in the column of earlier units, and no id of a district or unit where a name belongs.
    const column = Array.from({ length: ws.rowCount - 4 }, (_, i) => cell(i + 5, 4));
    expect(column.filter((v) => v === '—')).toEqual([]);
    // The change since: this year's index less the mean, wherever both exist (the province-level cycle's workbook).
    const pc = await fetch(`${api.url}/api/cycles/${PC}/consolidated.xlsx`, { headers: { authorization: `Bearer ${province}` } });
    const pcBook = new ExcelJS.Workbook();
    await pcBook.xlsx.load(await pc.arrayBuffer());
    const pcSheet = pcBook.getWorksheet(`So sánh ${seededYear}`)!;
    expect(pcSheet.getCell(4, 7).value).toBe('Thay đổi');
    const both = Array.from({ length: pcSheet.rowCount - 4 }, (_, i) => pcSheet.getRow(i + 5)).filter(
      (row) => typeof row.getCell(3).value === 'number' && typeof row.getCell(6).value === 'number',
    );
    expect(both.length).toBeGreaterThan(0);
    for (const row of both) {
      const [now, mean] = [row.getCell(3).value as number, row.getCell(6).value as number];
      expect(row.getCell(7).value, String(row.getCell(2).value)).toBe((Math.round(now * 100) - Math.round(mean * 100)) / 100);
    }
    const allIds = [...configured.keys(), ...LEGACY_DISTRICTS.flatMap((d) => d.communes.map((c) => c.id)), 'bk-yen-dinh'];
    const texts = wb.worksheets.flatMap((s) => {
      const out: string[] = [];
      s.eachRow((row) => row.eachCell((c) => out.push(String(c.value ?? ''))));
      return out;
    });
    expect(texts.filter((t) => allIds.some((id) => t === id || t.includes(`(${id})`)))).toEqual([]);
  });
});
