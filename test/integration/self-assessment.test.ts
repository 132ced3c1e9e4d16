/**
 * The commune's self-assessment through the local router against dynalite: list, read, save, submit,
 * audit. Every refused request is checked to have changed nothing (assessment and audit trail).
 * Each test works on its own commune of the seeded cycle, so the order of the tests does not matter.
 */
import { frameworkResponse, type WireNode } from '../../shared/frameworks/wire.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assessmentListResponse,
  assessmentResponse,
  auditResponse,
  rowSaveResponse,
  unitsResponse,
} from '../../shared/schemas.js';
import {
  Api,
  assessmentPath,
  expectConforms,
  expectError,
  expectField,
  expectUnchanged,
  saveAnswerOf,
  seededCycleId,
  snapshot,
  startTestStack,
} from '../support/api.js';

let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let province: string;
let leaves: { code: string; max: number; naAllowed: boolean }[];
const C = seededCycleId();

beforeAll(async () => {
  env = await startTestStack();
  api = env.api;
  province = await api.token('province');
  const fw = frameworkResponse.parse((await api.get('/api/frameworks/thai-nguyen-4203-2021', province)).body);
  const flat = (items: WireNode[]): WireNode[] => items.flatMap((i) => [i, ...flat(i.children)]);
  leaves = flat(fw.items)
    .filter((i) => i.children.length === 0)
    .map((i) => ({ code: i.code, max: i.maxPoints, naAllowed: i.notApplicableAllowed }));
});
afterAll(async () => {
  await env?.stop();
});

const selfPath = (unit: string) => `${assessmentPath(C, unit)}/self`;
const submitPath = (unit: string) => `${assessmentPath(C, unit)}/submit`;
const save = (unit: string, token: string, version: number, items: Record<string, unknown>) =>
  api.request('PUT', selfPath(unit), { token, body: { version, items } });

const readWhole = async (unit: string, token: string) =>
  assessmentResponse.parse((await api.get(assessmentPath(C, unit), token)).body);

/** Every scored row at its maximum, except the codes given (left out) and overrides. */
function allAtMax(opts: { except?: string[]; set?: Record<string, unknown> } = {}) {
  const items: Record<string, unknown> = {};
  for (const l of leaves) if (!opts.except?.includes(l.code)) items[l.code] = { score: l.max };
  return { ...items, ...opts.set };
}

describe('GET /api/cycles/{cycleId}/assessments (list)', () => {
  it('shows a commune only itself, a district only its communes, the province all; summaries carry progress and totals', async () => {
    const officer = await api.token('commune_officer', 'thang-loi');
    const saved = await save('thang-loi', officer, 0, { '2.5': { score: 1 }, '3.2.5': { score: 1.25 } });
    expect(saved.status).toBe(200);

    const own = assessmentListResponse.parse((await api.get(`/api/cycles/${C}/assessments`, officer)).body);
    expect(own).toHaveLength(1);
    expect(own[0]).toEqual({
      unitId: 'thang-loi',
      unitName: 'Phường Thắng Lợi',
      unitKind: 'phuong',
      appraisingUnitId: 'tp-song-cong',
      districtId: 'tp-song-cong',
      status: 'DRAFT',
      version: 1,
      progress: { scored: 2, applicable: 119 },
      selfLocked: false,
      late: false,
      self: { points: 2.25, index: 2.25, percent: 2.25, class: 'yeu' },
      appraised: { points: 0, index: 0, percent: 0, class: 'yeu' },
    });

    for (const role of ['district_appraiser', 'district_secretary', 'district_chair'] as const) {
      const district = assessmentListResponse.parse(
        (await api.get(`/api/cycles/${C}/assessments`, await api.token(role, 'tp-song-cong'))).body,
      );
      expect(district.map((a) => a.unitId).sort()).toEqual(['ba-xuyen', 'mo-che', 'tan-quang', 'thang-loi']);
      expect(district.every((a) => a.districtId === 'tp-song-cong')).toBe(true);
    }

    const all = assessmentListResponse.parse((await api.get(`/api/cycles/${C}/assessments`, province)).body);
    const units = unitsResponse.parse((await api.get('/api/units', province)).body);
    expect(all.map((a) => a.unitId).sort()).toEqual(units.districts.flatMap((d) => d.communes.map((c) => c.id)).sort());
    expect(all.find((a) => a.unitId === 'thang-loi')?.self).toEqual({ points: 2.25, index: 2.25, percent: 2.25, class: 'yeu' });
  });

  it('refuses the operator (no access to scores) with 403', async () => {
    expectError(await api.get(`/api/cycles/${C}/assessments`, await api.token('operator')), 403, 'FORBIDDEN');
  });

  it('answers 404 for a cycle that does not exist', async () => {
    expectError(await api.get('/api/cycles/1999/assessments', province), 404, 'NOT_FOUND');
  });
});

describe('GET and PUT …/assessments/{unitId}[/self]', () => {
  it('reads a fresh DRAFT: 119 unscored rows, zero totals', async () => {
    const r = await api.get(assessmentPath(C, 'phuc-xuan'), await api.token('commune_officer', 'phuc-xuan'));
    expect(r.status).toBe(200);
    const a = assessmentResponse.parse(r.body);
    expect(a).toMatchObject({
      cycleId: C,
      unitId: 'phuc-xuan',
      unitName: 'Xã Phúc Xuân',
      unitKind: 'xa',
      districtId: 'tp-thai-nguyen',
      status: 'DRAFT',
      version: 0,
    });
    expect(Object.keys(a.items).sort()).toEqual(leaves.map((l) => l.code).sort());
    expect(a.items['1.1.1']).toEqual({
      selfScore: null,
      appraisedScore: null,
      notApplicable: false,
      explanation: '',
      appraisalComment: '',
      evidence: [],
    });
    expect(a.totals.self).toEqual({
      points: 0,
      applicableMax: 100,
      index: 0,
      class: 'yeu',
      // 4203: 100 points, no bonus or penalty group: main = points, percent = index.
      main: 0,
      bonus: 0,
      penalty: 0,
      percent: 0,
    });
    expect(a.totals.areas.I).toEqual({ self: 0, appraised: 0, max: 10, achievementPct: 0 });
    expect(Object.keys(a.totals.areas)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']);
  });

  it('saves scores and answers hand-computed totals: 0,75 + 0,5 → 1,25 points; 0,1 + 0,2 → exactly 0,3', async () => {
    const officer = await api.token('commune_officer', 'phuc-xuan');
    const r = await save('phuc-xuan', officer, 0, {
      '1.1.1': { score: 0.75 },
      '1.2.1': { score: 0.5, explanation: 'Có kế hoạch số 12/KH-UBND' },
    });
    expect(r.status).toBe(200);
    // The answer of a save of two rows: those two rows, the head and the new totals.
    const a = rowSaveResponse.parse(r.body);
    expect(Object.keys(a.items).sort()).toEqual(['1.1.1', '1.2.1']);
    expect(a.version).toBe(1);
    expect(a.items['1.1.1']?.selfScore).toBe(0.75);
    expect(a.items['1.2.1']).toMatchObject({ selfScore: 0.5, explanation: 'Có kế hoạch số 12/KH-UBND' });
    expect(a.totals.self).toEqual({
      points: 1.25,
      applicableMax: 100,
      index: 1.25,
      class: 'yeu',
      // 4203: 100 points, no bonus or penalty group: main = points, percent = index.
      main: 1.25,
      bonus: 0,
      penalty: 0,
      percent: 1.25,
    });
    // Area I: 1,25 of 10 → 12,5 %.
    expect(a.totals.areas.I).toEqual({ self: 1.25, appraised: 0, max: 10, achievementPct: 12.5 });
    expect(a.totals.areas.II).toEqual({ self: 0, appraised: 0, max: 7, achievementPct: 0 });
    // What GET shows agrees with what PUT answered: same head, same rows, same totals.
    const whole = await readWhole('phuc-xuan', officer);
    expect(r.body).toEqual(saveAnswerOf(whole, ['1.1.1', '1.2.1']));
    expect(a.totals).toEqual(whole.totals);

    // Hundredths add without floating-point drift; a chair may save too; null clears a score.
    const chair = await api.token('commune_chair', 'phuc-xuan');
    const r2 = await save('phuc-xuan', chair, 1, { '1.3.1': { score: 0.1 }, '1.3.2': { score: 0.2 }, '1.2.1': { score: null } });
    expect(r2.status).toBe(200);
    const b = rowSaveResponse.parse(r2.body);
    expect(b.version).toBe(2);
    expect(b.items['1.2.1']?.selfScore).toBeNull();
    // 0,75 + 0,1 + 0,2 = 1,05: the totals count 1.1.1, a row this save did not name (nor answer).
    expect(b.totals.self).toEqual({
      points: 1.05,
      applicableMax: 100,
      index: 1.05,
      class: 'yeu',
      // 4203: 100 points, no bonus or penalty group: main = points, percent = index.
      main: 1.05,
      bonus: 0,
      penalty: 0,
      percent: 1.05,
    });
    expect(b.totals.areas.I?.self).toBe(1.05);
    expect(b.items['1.1.1']).toBeUndefined();
    expect(r2.body).toEqual(saveAnswerOf(await readWhole('phuc-xuan', chair), ['1.3.1', '1.3.2', '1.2.1']));
  });

  it("a save's answer meets its endpoint's schema (the contract check of every reply), which the whole assessment would not", async () => {
    const unit = 'kha-son';
    const officer = await api.token('commune_officer', unit);
    const r = await save(unit, officer, 0, { '4.1.1': { score: 1 } });
    expect(r.status).toBe(200);
    // api.request already checked it; the check itself, again and in the open:
    expect(() => expectConforms('PUT', selfPath(unit), r)).not.toThrow();
    expect(Object.keys(rowSaveResponse.parse(r.body).items)).toEqual(['4.1.1']);
    // The same check refuses the whole assessment (its keys beyond the contract) as that endpoint's answer.
    const whole = await api.get(assessmentPath(C, unit), officer);
    expect(() => expectConforms('PUT', selfPath(unit), { ...r, body: whole.body })).toThrow(/only the contract's keys/);
  });

  it('rescales the index when 1.8.1 and 1.8.2 are not applicable (99-point maximum)', async () => {
    const officer = await api.token('commune_officer', 'hoang-van-thu');
    // Every applicable row at its maximum except: 4.2.6 (3,5), 4.1.2 (1,5), 3.2.5 (1,5), 8.1.1 (1,5),
    // 1.4.2 (1,25), 1.3.4 (0,5) at 0 and 1.3.1 at 0,1 of 0,25: 99 − 9,9 = 89,1 points.
    const items = allAtMax({
      except: ['1.8.1', '1.8.2'],
      set: {
        '1.8.1': { notApplicable: true },
        '1.8.2': { notApplicable: true },
        '4.2.6': { score: 0 },
        '4.1.2': { score: 0 },
        '3.2.5': { score: 0 },
        '8.1.1': { score: 0 },
        '1.4.2': { score: 0 },
        '1.3.4': { score: 0 },
        '1.3.1': { score: 0.1 },
      },
    });
    const r = await save('hoang-van-thu', officer, 0, items);
    expect(r.status).toBe(200);
    const a = rowSaveResponse.parse(r.body);
    expect(Object.keys(a.items).sort()).toEqual(Object.keys(items).sort());
    // 89,1 / 99 × 100 = 90,00 → xuất sắc (the raw 89,1 points alone would be "tốt").
    expect(a.totals.self).toEqual({
      points: 89.1,
      applicableMax: 99,
      index: 90,
      class: 'xuat-sac',
      // 4203: 100 points, no bonus or penalty group: main = points, percent = index.
      main: 89.1,
      bonus: 0,
      penalty: 0,
      percent: 90,
    });
    expect(a.items['1.8.1']).toMatchObject({ notApplicable: true, selfScore: null });
    // Area I: 10 − 1 (not applicable) − 1,25 − 0,5 − 0,15 = 7,1 of 9 applicable → 78,888… → 78,89 %.
    expect(a.totals.areas.I).toMatchObject({ self: 7.1, max: 10, achievementPct: 78.89 });

    // 1.3.1 at 0,09: 89,09 / 99 × 100 = 89,9898… → 89,99 (half-up to two decimals) → tốt.
    const r2 = await save('hoang-van-thu', officer, 1, { '1.3.1': { score: 0.09 } });
    expect(r2.status).toBe(200);
    expect(rowSaveResponse.parse(r2.body).totals.self).toEqual({
      points: 89.09,
      applicableMax: 99,
      index: 89.99,
      class: 'tot',
      main: 89.09,
      bonus: 0,
      penalty: 0,
      percent: 89.99,
    });

    const summary = assessmentListResponse.parse((await api.get(`/api/cycles/${C}/assessments`, officer)).body)[0];
    expect(summary).toMatchObject({
      unitId: 'hoang-van-thu',
      progress: { scored: 117, applicable: 117 },
      self: { points: 89.09, index: 89.99, class: 'tot' },
    });

    // 1.8.1 applicable again (and unscored): maximum 100 − 0,5 = 99,5 → 89,09 / 99,5 × 100 = 89,537… → 89,54.
    const r3 = await save('hoang-van-thu', officer, 2, { '1.8.1': { notApplicable: false } });
    expect(r3.status).toBe(200);
    expect(rowSaveResponse.parse(r3.body).totals.self).toEqual({
      points: 89.09,
      applicableMax: 99.5,
      index: 89.54,
      class: 'tot',
      main: 89.09,
      bonus: 0,
      penalty: 0,
      percent: 89.54,
    });
  });

  it('refuses malformed input with 400 VALIDATION naming the field, and changes nothing', async () => {
    const unit = 'quang-trung';
    const officer = await api.token('commune_officer', unit);
    expect((await save(unit, officer, 0, { '1.1.1': { score: 0.5 } })).status).toBe(200);
    const before = await snapshot(api, province, C, unit);
    const v = before.assessment.version;
    const cases: { name: string; raw?: string; body?: unknown; field: string }[] = [
      { name: 'empty body', raw: '', field: '(body)' },
      { name: 'invalid JSON', raw: '{"version": 1, "items": {', field: '(body)' },
      { name: 'an array', body: [], field: '(body)' },
      { name: 'version missing', body: { items: { '1.1.1': { score: 0.5 } } }, field: 'version' },
      { name: 'version as a string', body: { version: String(v), items: { '1.1.1': { score: 0.5 } } }, field: 'version' },
      { name: 'negative version', body: { version: -1, items: { '1.1.1': { score: 0.5 } } }, field: 'version' },
      { name: 'items missing', body: { version: v }, field: 'items' },
      { name: 'no rows', body: { version: v, items: {} }, field: 'items' },
      {
        name: 'score as a string with a decimal comma',
        body: { version: v, items: { '1.1.1': { score: '0,5' } } },
        field: 'items.1.1.1.score',
      },
      { name: 'three decimals', body: { version: v, items: { '1.1.1': { score: 0.125 } } }, field: 'items.1.1.1.score' },
      { name: 'negative score', body: { version: v, items: { '1.1.1': { score: -0.25 } } }, field: 'items.1.1.1.score' },
      {
        name: "above the row's maximum (1)",
        body: { version: v, items: { '1.1.1': { score: 1.25 } } },
        field: 'items.1.1.1.score',
      },
      {
        name: "above the row's maximum (0,25)",
        body: { version: v, items: { '1.3.1': { score: 0.26 } } },
        field: 'items.1.3.1.score',
      },
      { name: 'a parent code', body: { version: v, items: { '1.1': { score: 1 } } }, field: 'items.1.1' },
      { name: 'an area code', body: { version: v, items: { I: { score: 1 } } }, field: 'items.I' },
      { name: 'an unknown code', body: { version: v, items: { '9.9.9': { score: 0.5 } } }, field: 'items.9.9.9' },
      { name: 'a malformed code', body: { version: v, items: { abc: { score: 0.5 } } }, field: 'items.abc' },
      {
        name: 'N/A on a row that does not allow it',
        body: { version: v, items: { '1.1.1': { notApplicable: true } } },
        field: 'items.1.1.1.notApplicable',
      },
      {
        name: 'N/A as a string',
        body: { version: v, items: { '1.8.1': { notApplicable: 'yes' } } },
        field: 'items.1.8.1.notApplicable',
      },
      {
        name: 'a score on a row marked N/A',
        body: { version: v, items: { '1.8.1': { notApplicable: true, score: 0.5 } } },
        field: 'items.1.8.1.score',
      },
      {
        name: 'explanation too long',
        body: { version: v, items: { '1.1.1': { explanation: 'x'.repeat(4001) } } },
        field: 'items.1.1.1.explanation',
      },
      {
        name: 'one good row and one bad row (the good one is not saved either)',
        body: { version: v, items: { '1.1.2': { score: 1 }, '1.1': { score: 1 } } },
        field: 'items.1.1',
      },
    ];
    for (const c of cases) {
      const r = await api.request('PUT', selfPath(unit), {
        token: officer,
        ...(c.raw !== undefined ? { raw: c.raw } : { body: c.body }),
      });
      const e = expectError(r, 400, 'VALIDATION');
      expectField(e.details, c.field);
    }
    await expectUnchanged(api, province, before);
  });

  it('refuses a body over the 1 MB limit with 413 TOO_LARGE (an answer, not a reset connection), and changes nothing', async () => {
    const unit = 'quang-trung';
    const officer = await api.token('commune_officer', unit);
    const before = await snapshot(api, province, C, unit);
    const huge = { version: before.assessment.version, items: { '1.1.2': { score: 1, explanation: 'x'.repeat(1_200_000) } } };
    const r = await api.request('PUT', selfPath(unit), { token: officer, body: huge });
    expectError(r, 413, 'TOO_LARGE');
    await expectUnchanged(api, province, before);
  });

  it('refuses extra keys with 400 whose details name the key, and changes nothing', async () => {
    const unit = 'quang-trung';
    const officer = await api.token('commune_officer', unit);
    const before = await snapshot(api, province, C, unit);
    const v = before.assessment.version;
    const top = await api.request('PUT', selfPath(unit), {
      token: officer,
      body: { version: v, items: { '1.1.2': { score: 1 } }, force: true },
    });
    expectField(expectError(top, 400, 'VALIDATION').details, 'force');
    const nested = await api.request('PUT', selfPath(unit), {
      token: officer,
      body: { version: v, items: { '1.1.2': { score: 1, weight: 2 } } },
    });
    expectField(expectError(nested, 400, 'VALIDATION').details, 'items.1.1.2.weight');
    await expectUnchanged(api, province, before);
  });
});

describe('who may do what', () => {
  const unit = 'phan-dinh-phung'; // tp-thai-nguyen

  it('refuses wrong roles with 403 FORBIDDEN and changes nothing', async () => {
    const before = await snapshot(api, province, C, unit);
    const body = { version: 0, items: { '1.1.1': { score: 1 } } };
    // Nobody but the commune's own officer and chair edits its self scores.
    for (const [role, unitId] of [
      ['district_appraiser', 'tp-thai-nguyen'],
      ['district_secretary', 'tp-thai-nguyen'],
      ['district_chair', 'tp-thai-nguyen'],
      ['province', undefined],
      ['operator', undefined],
    ] as const) {
      const token = await api.token(role, unitId);
      expectError(await api.request('PUT', selfPath(unit), { token, body }), 403, 'FORBIDDEN');
      expectError(await api.request('POST', submitPath(unit), { token, body: { version: 0 } }), 403, 'FORBIDDEN');
    }
    // Only the chair submits.
    const officer = await api.token('commune_officer', unit);
    expectError(await api.request('POST', submitPath(unit), { token: officer, body: { version: 0 } }), 403, 'FORBIDDEN');
    // The operator sees no scores.
    const operator = await api.token('operator');
    expectError(await api.get(assessmentPath(C, unit), operator), 403, 'FORBIDDEN');
    expectError(await api.get(`${assessmentPath(C, unit)}/audit`, operator), 403, 'FORBIDDEN');
    await expectUnchanged(api, province, before);
  });

  it('refuses callers of another unit with 403 FORBIDDEN and changes nothing', async () => {
    const before = await snapshot(api, province, C, unit);
    const otherOfficer = await api.token('commune_officer', 'phuc-xuan'); // same district, other commune
    const otherChair = await api.token('commune_chair', 'mo-che'); // other district
    const otherDistrict = await api.token('district_secretary', 'tp-song-cong');
    const body = { version: 0, items: { '1.1.1': { score: 1 } } };
    for (const token of [otherOfficer, otherChair]) {
      expectError(await api.get(assessmentPath(C, unit), token), 403, 'FORBIDDEN');
      expectError(await api.get(`${assessmentPath(C, unit)}/audit`, token), 403, 'FORBIDDEN');
      expectError(await api.request('PUT', selfPath(unit), { token, body }), 403, 'FORBIDDEN');
    }
    expectError(await api.request('POST', submitPath(unit), { token: otherChair, body: { version: 0 } }), 403, 'FORBIDDEN');
    expectError(await api.get(assessmentPath(C, unit), otherDistrict), 403, 'FORBIDDEN');
    expectError(await api.get(`${assessmentPath(C, unit)}/audit`, otherDistrict), 403, 'FORBIDDEN');
    expectError(await api.get(assessmentPath(C, unit), await api.token('district_appraiser', 'tp-song-cong')), 403, 'FORBIDDEN');
    await expectUnchanged(api, province, before);
  });

  it('lets the district of the commune and the province read it', async () => {
    for (const token of [
      await api.token('district_appraiser', 'tp-thai-nguyen'),
      await api.token('district_chair', 'tp-thai-nguyen'),
      province,
    ]) {
      const r = await api.get(assessmentPath(C, unit), token);
      expect(r.status).toBe(200);
      expect(assessmentResponse.parse(r.body).unitId).toBe(unit);
      expect(auditResponse.parse((await api.get(`${assessmentPath(C, unit)}/audit`, token)).body).length).toBeGreaterThan(0);
    }
  });

  it('answers 404 for a commune that does not exist', async () => {
    expectError(await api.get(assessmentPath(C, 'no-such-commune'), province), 404, 'NOT_FOUND');
  });
});

describe('stale versions', () => {
  it('two writers of the SAME row from the same version: the second gets 409 CONFLICT with the current value', async () => {
    const unit = 'thinh-duc';
    const a = await api.token('commune_officer', unit, undefined, 'Người A');
    const b = await api.token('commune_chair', unit, undefined, 'Người B');
    expect((await save(unit, a, 0, { '2.5': { score: 1, explanation: 'Đã ban hành' } })).status).toBe(200);
    const before = await snapshot(api, province, C, unit);

    const r = await save(unit, b, 0, { '2.5': { score: 0.5 }, '2.6': { score: 1 } });
    const e = expectError(r, 409, 'CONFLICT');
    expect(e.details).toMatchObject({
      version: 1,
      conflicts: [{ code: '2.5', current: { score: 1, notApplicable: false, explanation: 'Đã ban hành' } }],
    });
    // The whole request was refused: 2.6 was not saved either.
    await expectUnchanged(api, province, before);

    // Having seen the new value, B saves again from the current version.
    const retry = await save(unit, b, 1, { '2.5': { score: 0.5 } });
    expect(retry.status).toBe(200);
    expect(rowSaveResponse.parse(retry.body)).toMatchObject({ version: 2, items: { '2.5': { selfScore: 0.5 } } });
  });

  it('two writers of DIFFERENT rows from the same version: both succeed and both values are kept', async () => {
    const unit = 'quyet-thang';
    const a = await api.token('commune_officer', unit);
    const b = await api.token('commune_chair', unit);
    expect((await save(unit, a, 0, { '2.5': { score: 1 } })).status).toBe(200);
    const r = await save(unit, b, 0, { '2.6': { score: 0.75 } });
    expect(r.status).toBe(200);
    // B's answer: its own row, and totals that count A's row too.
    const answer = rowSaveResponse.parse(r.body);
    expect(answer.version).toBe(2);
    expect(Object.keys(answer.items)).toEqual(['2.6']);
    expect(answer.totals.self.points).toBe(1.75);
    const after = await readWhole(unit, b);
    expect(after.items['2.5']?.selfScore).toBe(1);
    expect(after.items['2.6']?.selfScore).toBe(0.75);
    expect(after.totals).toEqual(answer.totals);
    const audit = auditResponse.parse((await api.get(`${assessmentPath(C, unit)}/audit`, a)).body);
    expect(audit.filter((x) => x.action === 'self.score').map((x) => [x.code, x.from, x.to])).toEqual([
      ['2.5', null, 1],
      ['2.6', null, 0.75],
    ]);
  });

  it('a version newer than the current one → 409 CONFLICT, nothing changed', async () => {
    const unit = 'quyet-thang';
    const a = await api.token('commune_officer', unit);
    const before = await snapshot(api, province, C, unit);
    const r = await save(unit, a, before.assessment.version + 5, { '2.4.1': { score: 0.5 } });
    expectError(r, 409, 'CONFLICT');
    await expectUnchanged(api, province, before);
  });
});

describe('POST …/submit', () => {
  it('422 INCOMPLETE lists exactly the unscored rows; a stale version → 409; once complete → SUBMITTED; then the self-assessment is closed', async () => {
    const unit = 'ba-xuyen';
    const chair = await api.token('commune_chair', unit, undefined, 'Chủ tịch Bá Xuyên');
    const officer = await api.token('commune_officer', unit);

    // Nothing scored: every one of the 119 rows is missing.
    const empty = await snapshot(api, province, C, unit);
    const none = expectError(
      await api.request('POST', submitPath(unit), { token: chair, body: { version: 0 } }),
      422,
      'INCOMPLETE',
    );
    expect(none.details.codes).toHaveLength(119);
    await expectUnchanged(api, province, empty);

    expect((await save(unit, officer, 0, allAtMax({ except: ['2.5', '5.2', '8.5.2'] }))).status).toBe(200);
    let before = await snapshot(api, province, C, unit);
    const inc = expectError(
      await api.request('POST', submitPath(unit), { token: chair, body: { version: 1 } }),
      422,
      'INCOMPLETE',
    );
    expect(inc.details).toEqual({ codes: ['2.5', '5.2', '8.5.2'] });
    await expectUnchanged(api, province, before);

    // A not-applicable row needs no score.
    expect((await save(unit, officer, 1, { '8.5.2': { notApplicable: true } })).status).toBe(200);
    before = await snapshot(api, province, C, unit);
    const inc2 = expectError(
      await api.request('POST', submitPath(unit), { token: chair, body: { version: 2 } }),
      422,
      'INCOMPLETE',
    );
    expect(inc2.details).toEqual({ codes: ['2.5', '5.2'] });
    await expectUnchanged(api, province, before);

    expect((await save(unit, officer, 2, { '2.5': { score: 0.5 }, '5.2': { score: 1.5 } })).status).toBe(200);
    before = await snapshot(api, province, C, unit);
    expect(before.assessment.version).toBe(3);

    // Submitting what one saw at an older version is refused.
    expectError(await api.request('POST', submitPath(unit), { token: chair, body: { version: 2 } }), 409, 'CONFLICT');
    // Malformed submit bodies.
    for (const [raw, field] of [
      ['', '(body)'],
      ['{"version":', '(body)'],
      ['{}', 'version'],
      ['{"version":"3"}', 'version'],
    ] as const)
      expectField(
        expectError(await api.request('POST', submitPath(unit), { token: chair, raw }), 400, 'VALIDATION').details,
        field,
      );
    // The officer may not submit.
    expectError(await api.request('POST', submitPath(unit), { token: officer, body: { version: 3 } }), 403, 'FORBIDDEN');
    await expectUnchanged(api, province, before);

    const ok = await api.request('POST', submitPath(unit), { token: chair, body: { version: 3 } });
    expect(ok.status).toBe(200);
    const submitted = assessmentResponse.parse(ok.body);
    expect(submitted.status).toBe('SUBMITTED');
    expect(submitted.version).toBe(4);
    expect(submitted.submittedAt).toBeTruthy();
    // All at max except 2.5 (0,5 of 1), with 8.5.2 (0,5) not applicable: 99,5 − 0,5 = 99 of 99,5 → 99,497… → 99,5.
    expect(submitted.totals.self).toEqual({
      points: 99,
      applicableMax: 99.5,
      index: 99.5,
      class: 'xuat-sac',
      // 4203: 100 points, no bonus or penalty group: main = points, percent = index.
      main: 99,
      bonus: 0,
      penalty: 0,
      percent: 99.5,
    });
    const audit = auditResponse.parse((await api.get(`${assessmentPath(C, unit)}/audit`, chair)).body);
    expect(audit.at(-1)).toMatchObject({
      by: 'Chủ tịch Bá Xuyên',
      role: 'commune_chair',
      action: 'submit',
      from: 'DRAFT',
      to: 'SUBMITTED',
    });

    // After submission the commune can neither save nor submit again.
    before = await snapshot(api, province, C, unit);
    expectError(await save(unit, officer, 4, { '2.5': { score: 1 } }), 409, 'LIFECYCLE');
    expectError(await save(unit, chair, 4, { '2.5': { score: 1 } }), 409, 'LIFECYCLE');
    expectError(await api.request('POST', submitPath(unit), { token: chair, body: { version: 4 } }), 409, 'LIFECYCLE');
    await expectUnchanged(api, province, before);
  });
});

describe('GET …/audit', () => {
  it('records every change with who, role, action, code and from → to in points', async () => {
    const unit = 'tan-quang';
    const officer = await api.token('commune_officer', unit, undefined, 'Nguyễn Văn An');
    const chair = await api.token('commune_chair', unit, undefined, 'Trần Thị Bình');
    expect((await save(unit, officer, 0, { '1.1.1': { score: 0.75 }, '1.2.1': { score: 0.5 } })).status).toBe(200);
    expect(
      (
        await save(unit, chair, 1, {
          '1.1.1': { score: 0.5 },
          '1.8.1': { notApplicable: true },
          '1.2.1': { explanation: 'Kế hoạch 05/KH' },
        })
      ).status,
    ).toBe(200);
    // Saving the same value again is no change: no new version, no audit entry.
    const same = await save(unit, officer, 2, { '1.1.1': { score: 0.5 } });
    expect(same.status).toBe(200);
    expect(rowSaveResponse.parse(same.body).version).toBe(2);

    const r = await api.get(`${assessmentPath(C, unit)}/audit`, await api.token('district_secretary', 'tp-song-cong'));
    expect(r.status).toBe(200);
    const audit = auditResponse.parse(r.body);
    expect(audit.map(({ at: _at, ...rest }) => rest)).toEqual([
      { by: 'Khởi tạo dữ liệu mẫu', role: 'province', action: 'open', to: 'DRAFT', version: 0 },
      { by: 'Nguyễn Văn An', role: 'commune_officer', action: 'self.score', code: '1.1.1', from: null, to: 0.75, version: 1 },
      { by: 'Nguyễn Văn An', role: 'commune_officer', action: 'self.score', code: '1.2.1', from: null, to: 0.5, version: 1 },
      { by: 'Trần Thị Bình', role: 'commune_chair', action: 'self.score', code: '1.1.1', from: 0.75, to: 0.5, version: 2 },
      {
        by: 'Trần Thị Bình',
        role: 'commune_chair',
        action: 'self.notApplicable',
        code: '1.8.1',
        from: false,
        to: true,
        version: 2,
      },
      {
        by: 'Trần Thị Bình',
        role: 'commune_chair',
        action: 'self.explanation',
        code: '1.2.1',
        from: '',
        to: 'Kế hoạch 05/KH',
        version: 2,
      },
    ]);
    for (const entry of audit) expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
    // The entries of one change (one save) share its version and its time.
    expect(new Set(audit.filter((e) => e.version === 2).map((e) => e.at)).size).toBe(1);
  });
});
