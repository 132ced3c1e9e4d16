/**
 * Frameworks as data (API.md, "Frameworks as data"), through the local router against dynalite: list and
 * read (a draft is the province's), copy, PUT at a version (two writers at once), activate with every
 * problem named, retire, opening a cycle only on an active framework, and a cycle that keeps its
 * framework's snapshot whatever happens to the framework afterwards. Every refusal is checked for its
 * code and for leaving the frameworks (and the cycles) as they were.
 *
 * Import/export: frameworks-xlsx.test.ts. Scores against the kinds of rows: frameworks-scores.test.ts.
 * A table from before frameworks were data: frameworks-upgrade.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  definitionOfResponse,
  frameworkListResponse,
  frameworkResponse,
  type FrameworkDefinitionWire,
  type FrameworkResponse,
  type WireNode,
} from '../../shared/frameworks/wire.js';
import type { FrameworkDocNode } from '../../shared/frameworks/document.js';
import type { Role } from '../../shared/permissions.js';
import { assessmentResponse, cyclesResponse } from '../../shared/schemas.js';
import { Api, assessmentPath, expectError, handlersStore, seededCycleId, startTestStack, flattenNodes } from '../support/api.js';

const FW = 'thai-nguyen-4203-2021';
const SAMPLE = 'mau-2026';

let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let province: string;

beforeAll(async () => {
  env = await startTestStack();
  api = env.api;
  province = await api.token('province');
});
afterAll(async () => {
  await env?.stop();
});

/** Every role but the province, each with a unit of its level (the test province's). */
const OTHERS: [Role, string | undefined][] = [
  ['commune_officer', 'phuc-xuan'],
  ['commune_chair', 'phuc-xuan'],
  ['district_appraiser', 'tp-thai-nguyen'],
  ['district_secretary', 'tp-thai-nguyen'],
  ['district_chair', 'tp-thai-nguyen'],
  ['province_appraiser', undefined],
  ['province_secretary', undefined],
  ['province_chair', undefined],
  ['operator', undefined],
];
const tokens = new Map<string, Promise<string>>();
const tokenOf = (role: Role, unitId?: string) => {
  const key = `${role}/${unitId ?? ''}`;
  if (!tokens.has(key)) tokens.set(key, api.token(role, unitId));
  return tokens.get(key)!;
};

async function list(token = province) {
  const r = await api.request('GET', '/api/frameworks', { token });
  expect(r.status).toBe(200);
  return frameworkListResponse.parse(r.body);
}
async function read(id: string, token = province): Promise<FrameworkResponse> {
  const r = await api.request('GET', `/api/frameworks/${id}`, { token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return frameworkResponse.parse(r.body);
}
const copy = (body: unknown, token = province) => api.request('POST', '/api/frameworks', { token, body });
const put = (id: string, version: number, definition: unknown, token = province) =>
  api.request('PUT', `/api/frameworks/${id}`, { token, body: { version, definition } });
const step = (id: string, s: 'activate' | 'retire', version: number, token = province) =>
  api.request('POST', `/api/frameworks/${id}/${s}`, { token, body: { version } });

/** Everything the framework routes could change: the list and every framework the province reads. */
async function frameworksState() {
  const all = await list();
  return { all, docs: await Promise.all(all.map((f) => read(f.id))) };
}
async function cyclesState() {
  const r = await api.request('GET', '/api/cycles', { token: province });
  expect(r.status).toBe(200);
  return cyclesResponse.parse(r.body);
}

/** The definition of a GET answer, a copy of its own (to edit). */
const defOf = (r: FrameworkResponse): FrameworkDefinitionWire => structuredClone(definitionOfResponse(r));
const flatten = flattenNodes;
/** The node of `code` in a definition (its sets, then bonus and penalty), to edit in place. */
function nodeIn(def: FrameworkDefinitionWire, code: string): WireNode {
  const all = [
    ...def.sets.flatMap((s) => flatten(s.items)),
    ...flatten(def.bonus?.items ?? []),
    ...flatten(def.penalty?.items ?? []),
  ];
  const n = all.find((x) => x.code === code);
  if (!n) throw new Error(`no row ${code}`);
  return n;
}

let drafts = 0;
/** A new draft copied from `from` (4203 by default). */
async function newDraft(from = FW): Promise<FrameworkResponse> {
  const r = await copy({ copyFrom: from, title: `Bản nháp thử ${++drafts}` });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return frameworkResponse.parse(r.body);
}

describe('list and read', () => {
  it('4203 is listed active to every role, with the cycle that runs it; exact: 155 rows, 119 scored, 100 points', async () => {
    for (const token of [province, ...(await Promise.all(OTHERS.map(([r, u]) => tokenOf(r, u))))]) {
      const entry = (await list(token)).find((f) => f.id === FW);
      expect(entry).toMatchObject({ id: FW, status: 'active', display: 'points' });
      expect(entry!.cycles).toContain(seededCycleId());
      const fw = await read(FW, token);
      expect(fw.status).toBe('active');
      expect(fw.totalPoints).toBe(100);
      expect(flatten(fw.items)).toHaveLength(155);
      expect(flatten(fw.items).filter((n) => n.children.length === 0)).toHaveLength(119);
    }
  });

  it('a draft is the province’s: listed and read by the province only, to every other role it does not exist (404)', async () => {
    expect((await list()).find((f) => f.id === SAMPLE)).toMatchObject({ status: 'draft', basedOn: FW, display: 'percent' });
    expect((await read(SAMPLE)).status).toBe('draft');
    for (const [role, unit] of OTHERS) {
      const token = await tokenOf(role, unit);
      expect(
        (await list(token)).map((f) => f.id),
        role,
      ).not.toContain(SAMPLE);
      expectError(await api.request('GET', `/api/frameworks/${SAMPLE}`, { token }), 404, 'NOT_FOUND');
    }
    expectError(await api.request('GET', `/api/frameworks/${SAMPLE}`), 401, 'UNAUTHENTICATED');
  });

  it('an unknown id → 404, a malformed one → 400; nothing is created by asking', async () => {
    const before = await frameworksState();
    expectError(await api.request('GET', '/api/frameworks/khong-co-bo-nay', { token: province }), 404, 'NOT_FOUND');
    for (const bad of ['Bo_Tieu_Chi', '-dau-gach', 'x', 'a'.repeat(64), 'b%C3%A0i'])
      expectError(await api.request('GET', `/api/frameworks/${bad}`, { token: province }), 400, 'VALIDATION');
    expectError(await api.request('GET', '/api/frameworks/khong-co-bo-nay/export.xlsx', { token: province }), 404, 'NOT_FOUND');
    expect(await frameworksState()).toEqual(before);
  });
});

describe('copy', () => {
  it('201: a draft at version 1, based on the original, its decision cleared, the rest the same; listed', async () => {
    const original = await read(FW);
    expect(original.decision).toBeDefined();
    const r = await copy({ copyFrom: FW, title: '  Bộ tiêu chí năm 2027  ' });
    expect(r.status).toBe(201);
    const c = frameworkResponse.parse(r.body);
    expect(c).toMatchObject({
      id: 'bo-tieu-chi-nam-2027',
      title: 'Bộ tiêu chí năm 2027',
      status: 'draft',
      version: 1,
      basedOn: FW,
    });
    expect(c.decision).toBeUndefined();
    const { title: _t, decision: _d, basedOn: _b, ...rest } = defOf(original);
    const { title: _t2, decision: _d2, basedOn: _b2, ...copied } = defOf(c);
    expect(copied).toEqual(rest);
    expect(c.items).toEqual(original.items);
    expect(await read(c.id)).toEqual(c);
    expect((await list()).find((f) => f.id === c.id)).toEqual({
      id: c.id,
      title: c.title,
      status: 'draft',
      version: 1,
      years: c.years,
      basedOn: FW,
      display: c.display,
      cycles: [],
    });
    // The same title again: another id; a draft may be copied too.
    const again = frameworkResponse.parse((await copy({ copyFrom: c.id, title: 'Bộ tiêu chí năm 2027' })).body);
    expect(again).toMatchObject({ id: 'bo-tieu-chi-nam-2027-2', basedOn: c.id, status: 'draft' });
  });

  it('an unknown framework to copy → 400, a malformed body → 400, an id already taken → 409; nothing is created', async () => {
    const before = await frameworksState();
    const e = expectError(await copy({ copyFrom: 'khong-co-bo-nay', title: 'Bản sao' }), 400, 'VALIDATION');
    expect(e.details).toEqual([expect.objectContaining({ field: 'copyFrom' })]);
    for (const body of [
      { copyFrom: FW },
      { copyFrom: FW, title: '' },
      { copyFrom: FW, title: '   ' },
      { copyFrom: FW, title: 'Bản sao', extra: true },
      { copyFrom: FW, title: 'Bản sao', id: 'Có Dấu' },
      { copyFrom: 42, title: 'Bản sao' },
      [],
    ])
      expectError(await copy(body), 400, 'VALIDATION');
    expectError(await api.request('POST', '/api/frameworks', { token: province, raw: '{"copyFrom":' }), 400, 'VALIDATION');
    expectError(await copy({ copyFrom: FW, title: 'Trùng mã', id: SAMPLE }), 409, 'CONFLICT');
    expect(await frameworksState()).toEqual(before);
  });

  it('only the province copies: every other role → 403, no token → 401; nothing is created', async () => {
    const before = await frameworksState();
    for (const [role, unit] of OTHERS)
      expectError(await copy({ copyFrom: FW, title: `Bản sao của ${role}` }, await tokenOf(role, unit)), 403, 'FORBIDDEN');
    expectError(
      await api.request('POST', '/api/frameworks', { body: { copyFrom: FW, title: 'Ẩn danh' } }),
      401,
      'UNAUTHENTICATED',
    );
    expect(await frameworksState()).toEqual(before);
  });
});

describe('PUT a draft at its version', () => {
  it('at the current version → 200, version + 1, stored as sent; a stale version then → 409 CONFLICT, nothing changed', async () => {
    const d = await newDraft();
    const def = defOf(d);
    def.title = 'Đã sửa tên';
    nodeIn(def, '1.1.1').guidance = 'Cách chấm mới: có văn bản thì đạt.';
    def.years = [2027];
    const r = await put(d.id, 1, def);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const saved = frameworkResponse.parse(r.body);
    expect(saved).toMatchObject({ id: d.id, status: 'draft', version: 2, title: 'Đã sửa tên', years: [2027] });
    expect(defOf(saved)).toEqual(def);
    expect(await read(d.id)).toEqual(saved);

    const before = await frameworksState();
    const stale = expectError(await put(d.id, 1, { ...def, title: 'Muộn' }), 409, 'CONFLICT');
    expect(stale.message).toContain('phiên bản 2');
    expectError(await put(d.id, 7, { ...def, title: 'Sớm' }), 409, 'CONFLICT');
    expect(await frameworksState()).toEqual(before);
  });

  it('an active framework → 409 LIFECYCLE at its own version; 4203 unchanged', async () => {
    const fw = await read(FW);
    const before = await frameworksState();
    const def = defOf(fw);
    def.title = 'Sửa quyết định đã ban hành';
    expectError(await put(FW, fw.version, def), 409, 'LIFECYCLE');
    expect(await frameworksState()).toEqual(before);
  });

  it('a malformed definition → 400, nothing changed', async () => {
    const d = await newDraft();
    const before = await frameworksState();
    const good = defOf(d);
    const variants: [string, (def: any) => unknown][] = [
      ['no sets', ({ sets: _s, ...rest }) => rest],
      ['no set at all', (def) => ({ ...def, sets: [] })],
      ['a maximum that is text', (def) => ((nodeIn(def, '1.1.1').maxPoints = 'một' as never), def)],
      ['a maximum with three decimals', (def) => ((nodeIn(def, '1.1.1').maxPoints = 0.125), def)],
      ['an unknown kind', (def) => ((nodeIn(def, '1.1.1').kind = 'bogus' as never), def)],
      ['a key the node does not have', (def) => (Object.assign(nodeIn(def, '1.1.1'), { weight: 2 }), def)],
      ['an unknown display', (def) => ({ ...def, display: 'stars' })],
      ['an empty title', (def) => ({ ...def, title: '' })],
      ['not an object', () => 'bộ tiêu chí'],
    ];
    for (const [what, edit] of variants) {
      const r = await put(d.id, 1, edit(structuredClone(good)));
      expect(r.status, what).toBe(400);
      expectError(r, 400, 'VALIDATION');
    }
    expectError(
      await api.request('PUT', `/api/frameworks/${d.id}`, { token: province, body: { definition: good } }),
      400,
      'VALIDATION',
    );
    expect(await frameworksState()).toEqual(before);
  });

  it('a definition too large to store (long guidance on every row, within each field’s limit) → 413 TOO_LARGE, nothing changed', async () => {
    const d = await newDraft();
    const def = defOf(d);
    for (const n of flatten(def.sets[0]!.items)) n.guidance = `Hướng dẫn chấm ${n.code}. `.padEnd(3500, 'x');
    const body = JSON.stringify({ version: 1, definition: def });
    expect(body.length).toBeLessThan(1024 * 1024);
    const before = await frameworksState();
    expectError(await put(d.id, 1, def), 413, 'TOO_LARGE');
    expect(await frameworksState()).toEqual(before);
  });

  it('a draft may be inconsistent while it is edited: the PUT keeps it', async () => {
    const d = await newDraft();
    const def = defOf(d);
    nodeIn(def, '1.1.1').maxPoints += 1;
    def.totalPoints = 123;
    const r = await put(d.id, 1, def);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const back = await read(d.id);
    expect(nodeIn(defOf(back), '1.1.1').maxPoints).toBe(nodeIn(defOf(d), '1.1.1').maxPoints + 1);
    expect(back.totalPoints).toBe(123);
  });

  it('two PUTs at one version at once: exactly one wins, the other gets 409 CONFLICT, and the stored draft is the winner’s', async () => {
    const d = await newDraft();
    let version = 1;
    for (let round = 0; round < 6; round++) {
      const defs = ['A', 'B'].map((who) => {
        const def = defOf(d);
        def.title = `Người ${who}, lần ${round}`;
        nodeIn(def, '2.1.1').guidance = `Hướng dẫn của ${who} (${round})`;
        return def;
      });
      const replies = await Promise.all(defs.map((def) => put(d.id, version, def)));
      expect(replies.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 409]);
      const winner = replies.find((r) => r.status === 200)!;
      expectError(
        replies.find((r) => r.status === 409)!,
        409,
        'CONFLICT',
      );
      const stored = await read(d.id);
      expect(stored).toEqual(frameworkResponse.parse(winner.body));
      expect(stored.version).toBe(version + 1);
      version = stored.version;
    }
  });
});

describe('activate and retire', () => {
  it('an inconsistent draft → 409 LIFECYCLE, `details` naming every problem with its row; it stays a draft', async () => {
    const d = await newDraft();
    const def = defOf(d);
    nodeIn(def, '1.1.1').title = '';
    const last = flatten(def.sets[0]!.items).filter((n) => n.children.length === 0 && n.code.startsWith('8.'))[0]!;
    last.kind = 'choice';
    const saved = frameworkResponse.parse((await put(d.id, 1, def)).body);
    const before = await frameworksState();
    const e = expectError(await step(d.id, 'activate', saved.version), 409, 'LIFECYCLE');
    expect(e.details).toEqual([
      { code: '1.1.1', message: expect.stringContaining('thiếu tên') },
      { code: last.code, message: expect.stringContaining('ít nhất 2 phương án') },
    ]);
    expect(e.message).toContain('2 lỗi');
    expect(await frameworksState()).toEqual(before);
  });

  it('a consistent draft → active; then a PUT → 409 LIFECYCLE, activate again → 409; a stale version → 409 CONFLICT', async () => {
    const d = await newDraft();
    expectError(await step(d.id, 'activate', 5), 409, 'CONFLICT');
    const r = await step(d.id, 'activate', 1);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const active = frameworkResponse.parse(r.body);
    expect(active).toMatchObject({ id: d.id, status: 'active', version: 2 });
    expect(defOf(active)).toEqual(defOf(d));
    expect(await read(d.id)).toEqual(active);
    // Active: visible to every role now.
    expect(await read(d.id, await tokenOf('commune_officer', 'phuc-xuan'))).toEqual(active);

    const before = await frameworksState();
    expectError(await put(d.id, 2, { ...defOf(active), title: 'Sửa sau khi dùng' }), 409, 'LIFECYCLE');
    expectError(await step(d.id, 'activate', 2), 409, 'LIFECYCLE');
    expect(await frameworksState()).toEqual(before);
  });

  it('retire: an active one → retired; a draft → 409, a retired one → 409; nothing else changes', async () => {
    const d = await newDraft();
    const before = await frameworksState();
    expectError(await step(d.id, 'retire', 1), 409, 'LIFECYCLE');
    expect(await frameworksState()).toEqual(before);
    await step(d.id, 'activate', 1);
    const r = await step(d.id, 'retire', 2);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(frameworkResponse.parse(r.body)).toMatchObject({ status: 'retired', version: 3 });
    const after = await frameworksState();
    expectError(await step(d.id, 'retire', 3), 409, 'LIFECYCLE');
    expectError(await step(d.id, 'activate', 3), 409, 'LIFECYCLE');
    expectError(await put(d.id, 3, defOf(d)), 409, 'LIFECYCLE');
    expect(await frameworksState()).toEqual(after);
    // Every change is in the framework's history (who, as what, which version); the refusals are not.
    const history = (await (await handlersStore()).getFrameworkDoc(d.id))!.history;
    expect(history.map((e) => [e.action, e.version, e.role])).toEqual([
      ['framework.copy', 1, 'province'],
      ['framework.activate', 2, 'province'],
      ['framework.retire', 3, 'province'],
    ]);
    expect(history.every((e) => e.by.length > 0 && !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it('two copies under one id at once: one 201, the other 409 CONFLICT; the stored draft is the winner’s', async () => {
    const replies = await Promise.all(
      ['Bản của người A', 'Bản của người B'].map((title) => copy({ copyFrom: FW, id: 'ban-sao-dong-thoi', title })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expectError(
      replies.find((r) => r.status === 409)!,
      409,
      'CONFLICT',
    );
    expect(await read('ban-sao-dong-thoi')).toEqual(replies.find((r) => r.status === 201)!.body);
  });

  it('POST /api/cycles: a draft or a retired framework → 409 LIFECYCLE, an unknown one → 400; no cycle opened', async () => {
    const draft = await newDraft();
    const retired = await newDraft();
    await step(retired.id, 'activate', 1);
    expect((await step(retired.id, 'retire', 2)).status).toBe(200);
    const cycles = await cyclesState();
    const frameworks = await frameworksState();
    const open = (frameworkId: string) =>
      api.request('POST', '/api/cycles', {
        token: province,
        body: { year: 2041, frameworkId, selfAssessmentDeadline: '2041-12-31T17:00:00+07:00' },
      });
    expectError(await open(draft.id), 409, 'LIFECYCLE');
    expectError(await open(SAMPLE), 409, 'LIFECYCLE');
    expectError(await open(retired.id), 409, 'LIFECYCLE');
    const e = expectError(await open('khong-co-bo-nay'), 400, 'VALIDATION');
    expect(e.details).toEqual([expect.objectContaining({ field: 'frameworkId' })]);
    expect(await cyclesState()).toEqual(cycles);
    expectError(await api.request('GET', '/api/cycles/2041/assessments', { token: province }), 404, 'NOT_FOUND');
    expect(await frameworksState()).toEqual(frameworks);
  });
});

describe('a cycle keeps its framework', () => {
  it('after its framework is copied and edited, retired, even rewritten in the table: the cycle’s figures and maxima read its snapshot', async () => {
    // A framework of our own, different from 4203: 0,25 point moved from one row of 1.1 to the next.
    const d = await newDraft();
    const def = defOf(d);
    def.title = 'Bộ tiêu chí riêng của kỳ 2034';
    const [a, b] = nodeIn(def, '1.1').children.filter((n) => n.children.length === 0);
    a!.maxPoints -= 0.25;
    b!.maxPoints += 0.25;
    const edited = frameworkResponse.parse((await put(d.id, 1, def)).body);
    const active = frameworkResponse.parse((await step(d.id, 'activate', edited.version)).body);
    expect(active.status).toBe('active');

    const opened = await api.request('POST', '/api/cycles', {
      token: province,
      body: { year: 2034, frameworkId: d.id, selfAssessmentDeadline: '2034-12-31T17:00:00+07:00' },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.frameworkId).toBe(d.id);
    expect((await list()).find((f) => f.id === d.id)!.cycles).toEqual(['2034']);

    // A commune scores the row at the snapshot's maximum (more than 4203 allows there).
    const U = 'phuc-xuan';
    const chair = await tokenOf('commune_chair', U);
    const cur = assessmentResponse.parse((await api.request('GET', assessmentPath('2034', U), { token: province })).body);
    expect(cur.frameworkId).toBe(d.id);
    const saved = await api.request('PUT', `${assessmentPath('2034', U)}/self`, {
      token: chair,
      body: { version: cur.version, items: { [b!.code]: { score: b!.maxPoints }, [a!.code]: { score: a!.maxPoints } } },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const figures = async () => {
      const get = async (p: string) => {
        const r = await api.request('GET', p, { token: province });
        expect(r.status, p).toBe(200);
        return r.body as unknown;
      };
      return {
        assessment: await get(assessmentPath('2034', U)),
        list: await get('/api/cycles/2034/assessments'),
        ranking: await get('/api/cycles/2034/rankings/tp-thai-nguyen'),
        units: await get('/api/units?cycleId=2034'),
      };
    };
    const before = await figures();
    expect((before.assessment as any).totals.areas.I.max).toBe(nodeIn(def, 'I').maxPoints);
    expect((before.assessment as any).totals.self.main).toBe(a!.maxPoints + b!.maxPoints);
    expect((before.ranking as any).framework).toMatchObject({ id: d.id, title: def.title, totalPoints: 100 });

    // Afterwards: a new draft copied from it and edited (the row's maximum back, another title) …
    const next = frameworkResponse.parse((await copy({ copyFrom: d.id, title: 'Bản kế tiếp' })).body);
    const nextDef = defOf(next);
    nodeIn(nextDef, a!.code).maxPoints += 0.25;
    nodeIn(nextDef, b!.code).maxPoints -= 0.25;
    expect((await put(next.id, 1, nextDef)).status).toBe(200);
    expect((await step(next.id, 'activate', 2)).status).toBe(200);
    // … the framework retired …
    expect((await step(d.id, 'retire', active.version)).status).toBe(200);
    expect(await figures()).toEqual(before);
    // … and even its stored document rewritten behind the API's back, then a cold start.
    const store = await handlersStore();
    const stored = (await store.getFrameworkDoc(d.id))!;
    const doctored = structuredClone(stored.doc);
    doctored.title = 'Đã bị sửa trong bảng';
    doctored.version += 1;
    const walk = (ns: FrameworkDocNode[]): FrameworkDocNode[] => ns.flatMap((n) => [n, ...walk(n.children)]);
    walk(doctored.sets[0]!.items).find((n) => n.code === b!.code)!.maxPoints -= 25;
    expect(await store.putFrameworkDoc({ doc: doctored, history: stored.history }, stored.doc.version)).toBe(true);
    (await import('../../functions/lib/context.js')).forgetCaches();
    expect(await figures()).toEqual(before);
    // The row still takes the snapshot's maximum.
    const again = assessmentResponse.parse((await api.request('GET', assessmentPath('2034', U), { token: province })).body);
    const r = await api.request('PUT', `${assessmentPath('2034', U)}/self`, {
      token: chair,
      body: { version: again.version, items: { [b!.code]: { score: b!.maxPoints }, [a!.code]: { score: 0 } } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((r.body as any).totals.self.main).toBe(b!.maxPoints);
  });
});
