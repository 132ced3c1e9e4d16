/**
 * Scores against the kinds of rows (API.md, "Frameworks as data"), in a province-level cycle opened on
 * an activated copy of the sample draft `mau-2026` (choice rows 1.1.1 and 1.2.1, survey row 4.2.5, bonus
 * T.1 yes-no and T.2 capped at 3, penalty P.1 yes-no and P.2 capped at 5, results in percent), to which
 * the copy adds an area IX of 0,5 point so that the total is 100,5 and percent differs from the index.
 *
 * Choice and yes-no scores outside their options → 400 naming the row; survey rows are the council
 * secretary's (PUT …/survey), both self and appraised, audited, refused to others and after approval;
 * bonus, penalty and survey rows never block submit; totals (main, bonus, penalty, index, percent) are
 * computed here from the rule and compared; approval waits for every survey row (422 INCOMPLETE).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  definitionOfResponse,
  frameworkResponse,
  type FrameworkDefinitionWire,
  type FrameworkResponse,
  type WireNode,
} from '../../shared/frameworks/wire.js';
import type { Role } from '../../shared/permissions.js';
import { assessmentResponse, auditResponse, type AssessmentResponse } from '../../shared/schemas.js';
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

const SAMPLE = 'mau-2026';
const C = '2035';
const PROVINCE = 'thai-nguyen';
const U1 = 'x-phuc-xuan';
const OTHERS = ['x-dai-phuc', 'p-phan-dinh-phung', 'p-song-cong'];
const ALL = [U1, ...OTHERS];

let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let province: string;
let fw: FrameworkResponse;
/** The main criteria's leaves, and the bonus and penalty rows, with their kinds. */
let leaves: WireNode[];
let extra: WireNode[];

const tokenOf = tokenCache(() => api);
const flatten = flattenNodes;
const leafOf = (code: string) => [...leaves, ...extra].find((l) => l.code === code)!;

beforeAll(async () => {
  env = await startTestStack();
  api = env.api;
  province = await api.token('province');
  const copied = await api.request('POST', '/api/frameworks', {
    token: province,
    body: { copyFrom: SAMPLE, id: 'thu-diem-thuong', title: 'Bộ tiêu chí thử điểm thưởng, điểm trừ' },
  });
  expect(copied.status, JSON.stringify(copied.body)).toBe(201);
  const def: FrameworkDefinitionWire = structuredClone(definitionOfResponse(frameworkResponse.parse(copied.body)));
  def.sets[0]!.items.push({
    code: 'IX',
    title: 'Lĩnh vực thử',
    maxPoints: 0.5,
    kind: 'group',
    notApplicableAllowed: false,
    children: [{ code: '9.1', title: 'Tiêu chí thử', maxPoints: 0.5, kind: 'score', notApplicableAllowed: false, children: [] }],
  });
  def.totalPoints = 100.5;
  def.years = [Number(C)];
  const saved = await api.request('PUT', '/api/frameworks/thu-diem-thuong', {
    token: province,
    body: { version: 1, definition: def },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const active = await api.request('POST', '/api/frameworks/thu-diem-thuong/activate', { token: province, body: { version: 2 } });
  expect(active.status, JSON.stringify(active.body)).toBe(200);
  fw = frameworkResponse.parse(active.body);
  leaves = flatten(fw.items).filter((n) => n.children.length === 0);
  extra = [...fw.bonus!.items, ...fw.penalty!.items];
  const opened = await api.request('POST', '/api/cycles', {
    token: province,
    body: {
      year: Number(C),
      frameworkId: fw.id,
      selfAssessmentDeadline: '2035-12-31T17:00:00+07:00',
      organisationId: PROVINCE_ORG_ID,
    },
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
});
afterAll(async () => {
  await env?.stop();
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
const saveSurvey = async (u: string, items: Record<string, unknown>, token?: string) =>
  api.request('PUT', path(u, '/survey'), {
    token: token ?? (await tokenOf('province_secretary')),
    body: { version: (await read(u)).version, items },
  });
const secretary = () => tokenOf('province_secretary');

/** U1's self-assessment: the choice rows at a lower option, one row not applicable, every bonus and penalty row. */
let u1Items: Record<string, { score?: number; notApplicable?: boolean; explanation?: string }>;
/** The others: every main row at its maximum, no bonus, no penalty. */
const fullMain = () => Object.fromEntries(leaves.filter((l) => l.kind !== 'survey').map((l) => [l.code, { score: l.maxPoints }]));

const h = (points: number) => Math.round(points * 100);
/** Half-up division of non-negative whole hundredths. */
const halfUp = (num: number, den: number) => Math.floor((2 * num + den) / (2 * den));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The side's totals by the rule of API.md, from the scores sent (in points, back from hundredths). */
function expectedTotals(items: Record<string, { score?: number | null; notApplicable?: boolean }>) {
  const T = h(fw.totalPoints);
  const sum = (rows: WireNode[]) => rows.reduce((s, l) => s + h(items[l.code]?.score ?? 0), 0);
  const main = sum(leaves.filter((l) => !items[l.code]?.notApplicable));
  const applicableMax = T - leaves.filter((l) => items[l.code]?.notApplicable).reduce((s, l) => s + h(l.maxPoints), 0);
  const bonus = Math.min(sum(fw.bonus!.items), h(fw.bonus!.cap));
  const penalty = Math.min(sum(fw.penalty!.items), h(fw.penalty!.cap));
  const mainIndex = halfUp(main * T, applicableMax);
  const index = clamp(mainIndex + bonus - penalty, 0, T);
  const points = clamp(main + bonus - penalty, 0, T);
  const percent = halfUp(index * 10000, T);
  const band = fw.classBands.find((b) => percent >= h(b.minIndex))!;
  return {
    main: main / 100,
    bonus: bonus / 100,
    penalty: penalty / 100,
    applicableMax: applicableMax / 100,
    index: index / 100,
    points: points / 100,
    percent: percent / 100,
    class: band.class,
  };
}

describe('scores against the kinds of rows', () => {
  it('the sample copy is what the test needs: its kinds, caps and display', () => {
    expect([...leaves, ...extra].filter((l) => l.kind !== 'score').map((l) => [l.code, l.kind])).toEqual([
      ['1.1.1', 'choice'],
      ['1.2.1', 'choice'],
      ['4.2.5', 'survey'],
      ['T.1', 'yes-no'],
      ['P.1', 'yes-no'],
    ]);
    expect({ display: fw.display, bonus: fw.bonus!.cap, penalty: fw.penalty!.cap, total: fw.totalPoints }).toEqual({
      display: 'percent',
      bonus: 3,
      penalty: 5,
      total: 100.5,
    });
  });

  it('PUT self: a choice score that is none of the options, a yes-no score that is neither 0 nor the maximum, any survey row → 400 naming the row; nothing changed', async () => {
    const before = await snapshot(api, province, C, U1);
    const refusals: [Record<string, unknown>, string][] = [
      [{ '1.1.1': { score: 0.75 } }, '1.1.1'],
      [{ '1.2.1': { score: 0.3 } }, '1.2.1'],
      [{ 'T.1': { score: 1 } }, 'T.1'],
      [{ 'P.1': { score: 1.5 } }, 'P.1'],
      [{ '4.2.5': { score: 0 } }, '4.2.5'],
      [{ '2.1.1': { score: leafOf('2.1.1').maxPoints }, '4.2.5': { score: leafOf('4.2.5').maxPoints } }, '4.2.5'],
    ];
    for (const [items, code] of refusals) {
      const e = expectError(await saveSelf(U1, items), 400, 'VALIDATION');
      expect(e.message, JSON.stringify(items)).toContain(code);
      expect(e.details).toEqual([expect.objectContaining({ code, field: `items.${code}.score` })]);
    }
    await expectUnchanged(api, province, before);
  });

  it('PUT self takes each option’s points and 0 or the maximum of a yes-no row; totals: main, bonus (capped at 3), penalty (capped at 5), index and percent exact', async () => {
    const na = leaves.find((l) => l.notApplicableAllowed && l.kind === 'score')!;
    u1Items = {
      ...fullMain(),
      '1.1.1': { score: 0.5 },
      '1.2.1': { score: 0.25 },
      [na.code]: { notApplicable: true, explanation: 'Không phát sinh trong năm' },
      'T.1': { score: 2 },
      'T.2': { score: 1.5 },
      'P.1': { score: 3 },
      'P.2': { score: 2.5 },
    };
    const r = await saveSelf(U1, u1Items);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const want = expectedTotals(u1Items);
    // The caps bite: 3,5 bonus points count 3, 5,5 penalty points count 5.
    expect([want.bonus, want.penalty]).toEqual([3, 5]);
    expect(want.percent).not.toBe(want.index);
    expect(r.body.totals.self).toEqual(want);
    expect((await read(U1)).totals.self).toEqual(want);
    // The other yes-no value and the other options.
    const other = await saveSelf(U1, { 'T.1': { score: 0 }, '1.1.1': { score: 1 }, '1.2.1': { score: 0 } });
    expect(other.status, JSON.stringify(other.body)).toBe(200);
    const back = await saveSelf(U1, { 'T.1': { score: 2 }, '1.1.1': { score: 0.5 }, '1.2.1': { score: 0.25 } });
    expect(back.body.totals.self).toEqual(want);
  });

  it('PUT …/survey by a commune or an appraiser → 403; nothing changed', async () => {
    const before = await snapshot(api, province, C, U1);
    for (const [role, unit] of [
      ['commune_chair', U1],
      ['commune_officer', U1],
      ['province_appraiser', undefined],
      ['province_chair', undefined],
      ['province', undefined],
    ] as [Role, string | undefined][])
      expectError(await saveSurvey(U1, { '4.2.5': { score: 1 } }, await tokenOf(role, unit)), 403, 'FORBIDDEN');
    await expectUnchanged(api, province, before);
  });

  it('PUT …/survey of a row that is not a survey row → 400; nothing changed', async () => {
    const before = await snapshot(api, province, C, U1);
    const e = expectError(await saveSurvey(U1, { '2.1.1': { score: 0.5 } }), 400, 'VALIDATION');
    expect(e.message).toContain('2.1.1');
    expectError(await saveSurvey(U1, { '4.2.5': { score: leafOf('4.2.5').maxPoints + 1 } }), 400, 'VALIDATION');
    await expectUnchanged(api, province, before);
  });

  it('PUT …/survey by the council’s secretary → 200: the row’s self and appraised score, audited; the appraisal has not started', async () => {
    const survey = leafOf('4.2.5');
    const score = Math.round(survey.maxPoints * 60) / 100;
    const auditBefore = auditResponse.parse((await api.request('GET', path(U1, '/audit'), { token: province })).body);
    const r = await saveSurvey(U1, { '4.2.5': { score } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const a = assessmentResponse.parse(r.body);
    expect(a.status).toBe('DRAFT');
    expect(a.items['4.2.5']).toMatchObject({ selfScore: score, appraisedScore: score });
    u1Items['4.2.5'] = { score };
    expect(a.totals.self).toEqual(expectedTotals(u1Items));
    expect(await read(U1)).toEqual(a);
    const audit = auditResponse.parse((await api.request('GET', path(U1, '/audit'), { token: province })).body);
    expect(audit.slice(0, auditBefore.length)).toEqual(auditBefore);
    expect(audit.slice(auditBefore.length)).toEqual([
      expect.objectContaining({ action: 'survey.score', role: 'province_secretary' }),
    ]);
    expect(JSON.stringify(audit[audit.length - 1])).toContain('4.2.5');
  });

  it('bonus, penalty and survey rows never block submit: a commune with none of them submits', async () => {
    for (const u of OTHERS) {
      const saved = await saveSelf(u, fullMain());
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.totals.self).toEqual(expectedTotals(fullMain()));
    }
    for (const u of ALL) {
      const r = await api.request('POST', path(u, '/submit'), {
        token: await tokenOf('commune_chair', u),
        body: { version: (await read(u)).version },
      });
      expect(r.status, `${u}: ${JSON.stringify(r.body)}`).toBe(200);
      expect(r.body.status).toBe('SUBMITTED');
    }
  });

  it('PUT appraisal of a survey row → 400 naming it; a choice off its options → 400; nothing changed', async () => {
    const before = await snapshot(api, province, C, U1);
    for (const [items, code] of [
      [{ '4.2.5': { score: 0 } }, '4.2.5'],
      [{ '1.1.1': { score: 0.2, comment: 'Chấm lại' } }, '1.1.1'],
      [{ 'P.1': { score: 1, comment: 'Chấm lại' } }, 'P.1'],
    ] as [Record<string, unknown>, string][]) {
      const r = await api.request('PUT', path(U1, '/appraisal'), {
        token: await secretary(),
        body: { version: (await read(U1)).version, items },
      });
      expect(expectError(r, 400, 'VALIDATION').message).toContain(code);
    }
    await expectUnchanged(api, province, before);
  });

  it('approving the ranking while a survey row has no points → 422 INCOMPLETE naming them; then with every survey row → approved; PUT …/survey after → 409', async () => {
    // Every unit appraised at its self scores (bonus and penalty too), then completed.
    for (const u of ALL) {
      const cur = await read(u);
      const items = Object.fromEntries(
        [...leaves, ...extra]
          .filter((l) => l.kind !== 'survey' && cur.items[l.code]!.selfScore !== null)
          .map((l) => [l.code, { score: cur.items[l.code]!.selfScore }]),
      );
      const ap = await api.request('PUT', path(u, '/appraisal'), {
        token: await secretary(),
        body: { version: cur.version, items },
      });
      expect(ap.status, `${u}: ${JSON.stringify(ap.body)}`).toBe(200);
      const done = await api.request('POST', path(u, '/complete'), {
        token: await secretary(),
        body: { version: ap.body.version },
      });
      expect(done.status, `${u}: ${JSON.stringify(done.body)}`).toBe(200);
      expect(done.body.status).toBe('APPRAISED');
    }
    expect((await read(U1)).totals.appraised).toEqual(expectedTotals(u1Items));

    const rankingPath = `/api/cycles/${C}/rankings/${PROVINCE}`;
    const ranking = async () => {
      const r = await api.request('GET', rankingPath, { token: province });
      expect(r.status).toBe(200);
      return r.body;
    };
    const chair = await tokenOf('province_chair');
    const before = await ranking();
    const snaps = await Promise.all(ALL.map((u) => snapshot(api, province, C, u)));
    const e = expectError(
      await api.request('POST', `${rankingPath}/approve`, { token: chair, body: { version: before.version } }),
      422,
      'INCOMPLETE',
    );
    expect((e.details.missing as { unitId: string; code: string }[]).map((m) => [m.unitId, m.code]).sort()).toEqual(
      OTHERS.map((u) => [u, '4.2.5']).sort(),
    );
    expect(await ranking()).toEqual(before);
    for (const s of snaps) await expectUnchanged(api, province, s);

    for (const u of OTHERS) expect((await saveSurvey(u, { '4.2.5': { score: leafOf('4.2.5').maxPoints } })).status).toBe(200);
    const ready = await ranking();
    const approved = await api.request('POST', `${rankingPath}/approve`, { token: chair, body: { version: ready.version } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('APPROVED');
    expect(approved.body.framework).toMatchObject({
      id: fw.id,
      display: 'percent',
      totalPoints: 100.5,
      bonusCap: 3,
      penaltyCap: 5,
    });
    const row = (approved.body.rows as any[]).find((r) => r.unitId === U1);
    const want = expectedTotals(u1Items);
    expect(row.appraised).toEqual({
      points: want.points,
      index: want.index,
      main: want.main,
      bonus: want.bonus,
      penalty: want.penalty,
      percent: want.percent,
    });
    expect(row.class).toBe(want.class);

    const after = await snapshot(api, province, C, U1);
    expect(after.assessment.status).toBe('APPROVED');
    expectError(await saveSurvey(U1, { '4.2.5': { score: 0 } }), 409, 'LIFECYCLE');
    await expectUnchanged(api, province, after);
  });
});
