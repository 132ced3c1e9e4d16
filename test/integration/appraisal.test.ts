/**
 * The district's appraisal (Decision 4203, Điều 6.2 and Điều 7) through the local router against
 * dynalite, with the lifecycle state machine running: illegal steps, malformed input, roles and units,
 * versions, areas of appraisers and their assignment, concurrency, and the audit trail.
 * Every refused request is checked to have changed nothing (assessment and audit trail), and the
 * machine's wait to still match the stored status. Each test works on its own communes.
 */
import type { AssignmentsResponse } from '../../shared/schemas.js';
import type { ErrorBody } from '../../shared/api/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelOfAction } from '../../shared/labels.js';
import {
  assignmentsResponse,
  auditResponse,
  cyclesResponse,
  type AuditEntry,
  type RowSaveResponse,
} from '../../shared/schemas.js';
import {
  Api,
  expectError,
  expectField,
  expectUnchanged,
  saveAnswerOf,
  seededCycleId,
  snapshot,
  startTestStack,
  type Reply,
} from '../support/api.js';
import { expectAgreement, Flow, ok, okSave } from '../support/appraisal.js';

let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let flow: Flow;
let province: string;
const C = seededCycleId();

beforeAll(async () => {
  env = await startTestStack();
  api = env.api;
  flow = await new Flow(api, C).init();
  province = await flow.token('province');
});
afterAll(async () => {
  await env?.stop();
});

const agree = (unit: string, reply?: { status: string; selfLocked: boolean }) =>
  expectAgreement(flow, () => env.stack.lifecycle, unit, reply);
const assignmentsPath = (districtId: string) => `/api/cycles/${C}/assignments/${districtId}`;
/** Locally an appraiser's id is the `sub` of their dev token (README): role, district, name as a slug. */
const appraiserId = (districtId: string, slug: string) => `local:district_appraiser:${districtId}:${slug}`;

/** Each attempt is refused with this status and code, and changes nothing at all. */
async function refusedAll(unit: string, status: number, code: string, attempts: [string, () => Promise<Reply>][]) {
  const before = await snapshot(api, province, C, unit);
  for (const [what, send] of attempts) {
    const r = await send();
    expect({ what, status: r.status, code: (r.body as Partial<ErrorBody> | undefined)?.error?.code }).toEqual({
      what,
      status,
      code,
    });
    expectError(r, status, code);
  }
  await expectUnchanged(api, province, before);
  return before;
}

async function auditOf(unit: string): Promise<AuditEntry[]> {
  const r = await api.get(flow.path(unit, '/audit'), province);
  expect(r.status).toBe(200);
  return auditResponse.parse(r.body);
}

describe('illegal steps → 409 LIFECYCLE, nothing changed', () => {
  it('on a DRAFT: appraise, return, complete; accept-late while not locked by the deadline', async () => {
    const unit = 'hoang-van-thu';
    const sec = await flow.secretary(unit);
    const appraiser = await flow.token('district_appraiser', flow.district(unit));
    const officer = await flow.token('commune_officer', unit);
    const v = okSave(await flow.saveSelf(unit, officer, 0, { '1.1.1': { score: 1 } }), 'DRAFT').version;
    await refusedAll(unit, 409, 'LIFECYCLE', [
      ['secretary appraises a DRAFT', () => flow.appraise(unit, sec, v, { '1.1.1': { score: 1 } })],
      ['appraiser appraises a DRAFT', () => flow.appraise(unit, appraiser, v, { '1.1.1': { score: 1 } })],
      ['return a DRAFT', () => flow.post(unit, '/return', sec, { version: v, reason: 'Chưa nộp mà trả lại' })],
      ['complete a DRAFT', () => flow.post(unit, '/complete', sec, { version: v })],
      ['accept-late an unlocked DRAFT', () => flow.post(unit, '/accept-late', sec, { version: v })],
    ]);
    await agree(unit, { status: 'DRAFT', selfLocked: false });
  });

  it('on a SUBMITTED: complete (not yet in appraisal), deadline, accept-late; the commune may no longer save, submit or add evidence', async () => {
    const unit = 'phan-dinh-phung';
    const sec = await flow.secretary(unit);
    const officer = await flow.token('commune_officer', unit);
    const chair = await flow.token('commune_chair', unit);
    const v = (await flow.fillAndSubmit(unit)).version;
    await refusedAll(unit, 409, 'LIFECYCLE', [
      ['complete a SUBMITTED', () => flow.post(unit, '/complete', sec, { version: v })],
      [
        'new deadline for a SUBMITTED',
        () => flow.post(unit, '/deadline', sec, { version: v, deadline: new Date(Date.now() + 86_400_000).toISOString() }),
      ],
      ['accept-late a SUBMITTED', () => flow.post(unit, '/accept-late', sec, { version: v })],
      ['officer saves', () => flow.saveSelf(unit, officer, v, { '1.1.1': { score: 0.5 } })],
      ['chair saves', () => flow.saveSelf(unit, chair, v, { '1.1.1': { score: 0.5 } })],
      ['chair submits again', () => flow.submit(unit, chair, v)],
      ['officer adds evidence', () => flow.evidence(unit, officer)],
    ]);
    await agree(unit, { status: 'SUBMITTED', selfLocked: false });
  });

  it('on an IN_APPRAISAL: self save, submit, evidence, deadline, accept-late', async () => {
    const unit = 'quang-trung';
    const sec = await flow.secretary(unit);
    const officer = await flow.token('commune_officer', unit);
    const chair = await flow.token('commune_chair', unit);
    await flow.fillAndSubmit(unit);
    const v = (await flow.appraiseAtSelf(unit, ['1.1.1'])).version;
    await refusedAll(unit, 409, 'LIFECYCLE', [
      ['officer saves', () => flow.saveSelf(unit, officer, v, { '2.5': { score: 0.5 } })],
      ['chair submits', () => flow.submit(unit, chair, v)],
      ['chair adds evidence', () => flow.evidence(unit, chair, '2.5')],
      [
        'new deadline',
        () => flow.post(unit, '/deadline', sec, { version: v, deadline: new Date(Date.now() + 86_400_000).toISOString() }),
      ],
      ['accept-late', () => flow.post(unit, '/accept-late', sec, { version: v })],
    ]);
    await agree(unit, { status: 'IN_APPRAISAL', selfLocked: false });
  });

  it('on an APPRAISED: return, appraise, complete again, self save, submit, evidence, deadline', async () => {
    const unit = 'phuc-xuan';
    const sec = await flow.secretary(unit);
    const officer = await flow.token('commune_officer', unit);
    const chair = await flow.token('commune_chair', unit);
    await flow.fillAndSubmit(unit);
    const appraised = ok(
      await flow.post(unit, '/complete', sec, { version: (await flow.appraiseAtSelf(unit)).version }),
      'APPRAISED',
    );
    const v = appraised.version;
    await refusedAll(unit, 409, 'LIFECYCLE', [
      ['return an APPRAISED', () => flow.post(unit, '/return', sec, { version: v, reason: 'Xem lại' })],
      ['appraise an APPRAISED', () => flow.appraise(unit, sec, v, { '1.1.1': { score: 0.5, comment: 'Sửa sau khi xong' } })],
      ['complete again', () => flow.post(unit, '/complete', sec, { version: v })],
      ['officer saves', () => flow.saveSelf(unit, officer, v, { '1.1.1': { score: 0.5 } })],
      ['chair submits', () => flow.submit(unit, chair, v)],
      ['officer adds evidence', () => flow.evidence(unit, officer)],
      [
        'new deadline',
        () => flow.post(unit, '/deadline', sec, { version: v, deadline: new Date(Date.now() + 86_400_000).toISOString() }),
      ],
      ['accept-late', () => flow.post(unit, '/accept-late', sec, { version: v })],
    ]);
    await agree(unit, { status: 'APPRAISED', selfLocked: false });
  });
});

describe('malformed input → 400 VALIDATION naming the field, nothing changed', () => {
  it('return, complete and appraisal bodies', async () => {
    const unit = 'quyet-thang';
    const sec = await flow.secretary(unit);
    const v = (await flow.fillAndSubmit(unit)).version;
    const before = await snapshot(api, province, C, unit);
    const row25 = flow.leaves.find((l) => l.code === '2.5')!;
    const cases: [string, () => Promise<Reply>, string][] = [
      ['return without a reason', () => flow.post(unit, '/return', sec, { version: v }), 'reason'],
      ['return with an empty reason', () => flow.post(unit, '/return', sec, { version: v, reason: '' }), 'reason'],
      ['return with a blank reason', () => flow.post(unit, '/return', sec, { version: v, reason: '   \n ' }), 'reason'],
      ['return with a number as reason', () => flow.post(unit, '/return', sec, { version: v, reason: 5 }), 'reason'],
      ['return without a version', () => flow.post(unit, '/return', sec, { reason: 'Thiếu' }), 'version'],
      [
        'return with an extra key',
        () => flow.post(unit, '/return', sec, { version: v, reason: 'Thiếu', status: 'RETURNED' }),
        'status',
      ],
      ['complete with a text version', () => flow.post(unit, '/complete', sec, { version: String(v) }), 'version'],
      ['complete with an extra key', () => flow.post(unit, '/complete', sec, { version: v, force: true }), 'force'],
      [
        'score above the row maximum',
        () => flow.appraise(unit, sec, v, { '2.5': { score: row25.max + 0.01 } }),
        'items.2.5.score',
      ],
      ['score with 3 decimals', () => flow.appraise(unit, sec, v, { '2.5': { score: 0.125 } }), 'items.2.5.score'],
      ['negative score', () => flow.appraise(unit, sec, v, { '2.5': { score: -0.25 } }), 'items.2.5.score'],
      ['score as text', () => flow.appraise(unit, sec, v, { '2.5': { score: '0,5' } }), 'items.2.5.score'],
      ['a parent code (scored from its rows)', () => flow.appraise(unit, sec, v, { '2.1': { score: 0.25 } }), 'items.2.1'],
      ['an area code', () => flow.appraise(unit, sec, v, { II: { score: 0.25 } }), 'items.II'],
      ['an unknown code', () => flow.appraise(unit, sec, v, { '9.9.9': { score: 0.25 } }), 'items.9.9.9'],
      ['an extra key in a row', () => flow.appraise(unit, sec, v, { '2.5': { score: 1, selfScore: 1 } }), 'items.2.5.selfScore'],
      ['no rows', () => flow.appraise(unit, sec, v, {}), 'items'],
      ['a comment too long', () => flow.appraise(unit, sec, v, { '2.5': { comment: 'x'.repeat(4001) } }), 'items.2.5.comment'],
    ];
    for (const [what, send, field] of cases) {
      const r = await send();
      expect({ what, status: r.status }).toEqual({ what, status: 400 });
      expectField(expectError(r, 400, 'VALIDATION').details, field);
    }
    // An extra key in the body.
    const extra = await api.request('PUT', flow.path(unit, '/appraisal'), {
      token: sec,
      body: { version: v, items: { '2.5': { score: 1 } }, status: 'APPRAISED' },
    });
    expectField(expectError(extra, 400, 'VALIDATION').details, 'status');
    // A row valid but another one invalid: the whole request is refused.
    const mixed = await flow.appraise(unit, sec, v, { '2.6': { score: 1 }, '2.5': { score: 7 } });
    expectField(expectError(mixed, 400, 'VALIDATION').details, 'items.2.5.score');
    await expectUnchanged(api, province, before);
    await agree(unit, { status: 'SUBMITTED', selfLocked: false });
  });

  it('deadline bodies: not a date-time, no time zone, in the past; accept-late without a version', async () => {
    const unit = 'thinh-duc';
    const sec = await flow.secretary(unit);
    const cases: [string, unknown, string][] = [
      ['a word', { deadline: 'ngày mai' }, 'deadline'],
      ['a date without time', { deadline: '2099-01-01' }, 'deadline'],
      ['a Vietnamese date', { deadline: '31/12/2099 17:00' }, 'deadline'],
      ['no time zone', { deadline: '2099-01-01T17:00:00' }, 'deadline'],
      ['an impossible date', { deadline: '2099-02-30T17:00:00+07:00' }, 'deadline'],
      ['a number', { deadline: 4102444800000 }, 'deadline'],
      ['missing', { version: 0 }, 'deadline'],
      ['in the past', { deadline: '2021-06-30T17:00:00+07:00' }, 'deadline'],
      ['a second ago', { deadline: new Date(Date.now() - 1000).toISOString() }, 'deadline'],
      ['negative version', { deadline: '2099-01-01T17:00:00+07:00', version: -1 }, 'version'],
      ['an extra key', { deadline: '2099-01-01T17:00:00+07:00', unlock: true }, 'unlock'],
    ];
    const before = await snapshot(api, province, C, unit);
    for (const [what, body, field] of cases) {
      const r = await flow.post(unit, '/deadline', sec, body);
      expect({ what, status: r.status }).toEqual({ what, status: 400 });
      expectField(expectError(r, 400, 'VALIDATION').details, field);
    }
    expectField(expectError(await flow.post(unit, '/accept-late', sec, {}), 400, 'VALIDATION').details, 'version');
    await expectUnchanged(api, province, before);
    await agree(unit, { status: 'DRAFT', selfLocked: false });
  });
});

describe('shortening a deadline, and a deadline for the clarification (issue 21, items 3 and 27)', () => {
  const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

  it('an earlier date than the deadline in force needs shorten: true (else 400, nothing changed); taken, it is audited as rút ngắn hạn', async () => {
    const unit = 'kha-son';
    const sec = await flow.secretary(unit);
    const cycle = cyclesResponse.parse((await api.get('/api/cycles', province)).body).find((c) => c.id === C)!;
    // The walk's case: no own deadline, a date before the cycle's (30 days away) offered as an extension.
    const before = await snapshot(api, province, C, unit);
    for (const body of [{ deadline: inDays(7) }, { deadline: inDays(7), shorten: false }, { deadline: inDays(7), version: 0 }]) {
      const e = expectError(await flow.post(unit, '/deadline', sec, body), 400, 'VALIDATION');
      expectField(e.details, 'deadline');
      expect(e.message).toContain('rút ngắn hạn');
    }
    await expectUnchanged(api, province, before);

    // An extension beyond the cycle's deadline, then a nearer one without the confirmation: refused.
    const extended = inDays(40);
    let a = ok(await flow.post(unit, '/deadline', sec, { deadline: extended }), 'DRAFT');
    expect(a.deadline).toBe(extended);
    const extendedState = await snapshot(api, province, C, unit);
    expectError(await flow.post(unit, '/deadline', sec, { deadline: inDays(35), version: a.version }), 400, 'VALIDATION');
    await expectUnchanged(api, province, extendedState);

    // The same date, or a later one, is no shortening.
    a = ok(await flow.post(unit, '/deadline', sec, { deadline: extended, version: a.version }), 'DRAFT');

    // Confirmed as a shortening: taken, and recorded as one, from the deadline it replaced.
    const shorter = inDays(35);
    a = ok(await flow.post(unit, '/deadline', sec, { deadline: shorter, version: a.version, shorten: true }), 'DRAFT');
    expect(a.deadline).toBe(shorter);
    const audit = auditResponse.parse((await api.get(flow.path(unit, '/audit'), province)).body);
    const dated = audit.filter((e) => e.action.startsWith('deadline') && e.action !== 'deadlinePassed');
    expect(dated.map((e) => [e.action, e.from, e.to])).toEqual([
      ['deadline', null, extended],
      ['deadline', extended, extended],
      ['deadline.shorten', extended, shorter],
    ]);
    expect(labelOfAction('deadline.shorten').toLowerCase()).toContain('rút ngắn hạn');
    // Shortening the cycle's deadline for a commune without its own: from the cycle's.
    const other = 'diem-thuy';
    const near = inDays(5);
    ok(await flow.post(other, '/deadline', await flow.secretary(other), { deadline: near, shorten: true }), 'DRAFT');
    const otherAudit = auditResponse.parse((await api.get(flow.path(other, '/audit'), province)).body);
    expect(otherAudit.filter((e) => e.action === 'deadline.shorten').map((e) => [e.from, e.to])).toEqual([
      [cycle.selfAssessmentDeadline, near],
    ]);
    await agree(unit, { status: 'DRAFT', selfLocked: false });
  });

  it("return with a deadline for the clarification: malformed or past → 400, wrong role → 403, a DRAFT → 409, nothing changed; valid, it is the commune's deadline", async () => {
    const unit = 'tan-duc';
    const sec = await flow.secretary(unit);
    const v = (await flow.fillAndSubmit(unit)).version;
    const reason = 'Giải trình tiêu chí 2.5';
    const before = await snapshot(api, province, C, unit);
    const cases: [string, unknown][] = [
      ['a word', 'ngày mai'],
      ['a date without time', '2099-01-01'],
      ['no time zone', '2099-01-01T17:00:00'],
      ['an impossible date', '2099-02-30T17:00:00+07:00'],
      ['a number', 4102444800000],
      ['null', null],
      ['in the past', '2021-06-30T17:00:00+07:00'],
    ];
    for (const [what, deadline] of cases) {
      const r = await flow.post(unit, '/return', sec, { version: v, reason, deadline });
      expect({ what, status: r.status }).toEqual({ what, status: 400 });
      expectField(expectError(r, 400, 'VALIDATION').details, 'deadline');
    }
    const good = inDays(10);
    const chair = await flow.token('district_chair', flow.district(unit));
    const otherSecretary = await flow.token('district_secretary', 'tp-pho-yen');
    expectError(await flow.post(unit, '/return', chair, { version: v, reason, deadline: good }), 403, 'FORBIDDEN');
    expectError(await flow.post(unit, '/return', otherSecretary, { version: v, reason, deadline: good }), 403, 'FORBIDDEN');
    await expectUnchanged(api, province, before);
    const draft = 'du';
    const draftBefore = await snapshot(api, province, C, draft);
    expectError(
      await flow.post(draft, '/return', await flow.secretary(draft), { version: 0, reason, deadline: good }),
      409,
      'LIFECYCLE',
    );
    await expectUnchanged(api, province, draftBefore);

    const r = ok(await flow.post(unit, '/return', sec, { version: v, reason, deadline: good }), 'RETURNED');
    expect(r).toMatchObject({ deadline: good, returnReason: reason, selfLocked: false });
    const audit = auditResponse.parse((await api.get(flow.path(unit, '/audit'), province)).body);
    expect(audit.filter((e) => e.action === 'deadline').map((e) => [e.from, e.to])).toEqual([[null, good]]);
    await agree(unit, r);
  });
});

describe('roles and units → 403, nothing changed', () => {
  it('only the district appraisers and secretary appraise; only the secretary returns, completes, extends, accepts late; only in their own district', async () => {
    const unit = 'mo-che'; // tp-song-cong
    const d = flow.district(unit);
    const v = (await flow.fillAndSubmit(unit)).version;
    const officer = await flow.token('commune_officer', unit);
    const chair = await flow.token('commune_chair', unit);
    const appraiser = await flow.token('district_appraiser', d);
    const districtChair = await flow.token('district_chair', d);
    const operator = await flow.token('operator');
    const otherSecretary = await flow.token('district_secretary', 'tp-pho-yen');
    const otherAppraiser = await flow.token('district_appraiser', 'tp-pho-yen');
    const deadline = new Date(Date.now() + 86_400_000).toISOString();
    const appraise = (t: string) => () => flow.appraise(unit, t, v, { '2.5': { score: 1 } });
    await refusedAll(unit, 403, 'FORBIDDEN', [
      ['commune officer appraises', appraise(officer)],
      ['commune chair appraises', appraise(chair)],
      ['district chair appraises', appraise(districtChair)],
      ['province appraises', appraise(province)],
      ['operator appraises', appraise(operator)],
      ['appraiser returns', () => flow.post(unit, '/return', appraiser, { version: v, reason: 'Thiếu' })],
      ['appraiser completes', () => flow.post(unit, '/complete', appraiser, { version: v })],
      ['district chair returns', () => flow.post(unit, '/return', districtChair, { version: v, reason: 'Thiếu' })],
      ['commune chair completes', () => flow.post(unit, '/complete', chair, { version: v })],
      ['district chair extends', () => flow.post(unit, '/deadline', districtChair, { version: v, deadline })],
      ['commune chair extends', () => flow.post(unit, '/deadline', chair, { version: v, deadline })],
      ['appraiser extends', () => flow.post(unit, '/deadline', appraiser, { version: v, deadline })],
      ['appraiser accepts late', () => flow.post(unit, '/accept-late', appraiser, { version: v })],
      ['commune chair accepts late', () => flow.post(unit, '/accept-late', chair, { version: v })],
      ['secretary of another district appraises', appraise(otherSecretary)],
      ['appraiser of another district appraises', appraise(otherAppraiser)],
      [
        'secretary of another district returns',
        () => flow.post(unit, '/return', otherSecretary, { version: v, reason: 'Thiếu' }),
      ],
      ['secretary of another district completes', () => flow.post(unit, '/complete', otherSecretary, { version: v })],
      ['secretary of another district extends', () => flow.post(unit, '/deadline', otherSecretary, { version: v, deadline })],
      ['secretary of another district accepts late', () => flow.post(unit, '/accept-late', otherSecretary, { version: v })],
    ]);
    // Unauthenticated: 401.
    expectError(
      await api.request('PUT', flow.path(unit, '/appraisal'), { body: { version: v, items: { '2.5': { score: 1 } } } }),
      401,
      'UNAUTHENTICATED',
    );
    await agree(unit, { status: 'SUBMITTED', selfLocked: false });
    // The district's own appraiser and secretary may.
    const r = okSave(await flow.appraise(unit, appraiser, v, { '2.5': { score: 1 } }), 'IN_APPRAISAL');
    okSave(await flow.appraise(unit, await flow.secretary(unit), r.version, { '2.6': { score: 1 } }), 'IN_APPRAISAL');
  });
});

describe('versions, completeness, comments', () => {
  it('return and complete need the current version: an older or a future one → 409 CONFLICT; an appraisal from a future version too', async () => {
    const unit = 'ba-xuyen';
    const sec = await flow.secretary(unit);
    await flow.fillAndSubmit(unit);
    const v = (await flow.appraiseAtSelf(unit)).version;
    const before = await refusedAll(unit, 409, 'CONFLICT', [
      ['return from the previous version', () => flow.post(unit, '/return', sec, { version: v - 1, reason: 'Thiếu' })],
      ['complete from the previous version', () => flow.post(unit, '/complete', sec, { version: v - 1 })],
      ['complete from the first version', () => flow.post(unit, '/complete', sec, { version: 0 })],
      ['complete from a future version', () => flow.post(unit, '/complete', sec, { version: v + 1 })],
      ['appraise from a future version', () => flow.appraise(unit, sec, v + 5, { '2.5': { score: 0.5, comment: 'Chưa đủ' } })],
    ]);
    const stale = expectError(await flow.post(unit, '/complete', sec, { version: v - 1 }), 409, 'CONFLICT');
    expect(stale.details).toMatchObject({ version: v });
    expect(before.assessment.version).toBe(v);
    const done = ok(await flow.post(unit, '/complete', sec, { version: v }), 'APPRAISED');
    await agree(unit, done);
  });

  it('complete with rows lacking an appraised score → 422 INCOMPLETE listing exactly them; appraised ≠ self needs a comment (400 items.<code>.comment)', async () => {
    const unit = 'tan-quang';
    const sec = await flow.secretary(unit);
    await flow.fillAndSubmit(unit);
    const missing = ['2.3.2', '5.2', '8.4.4'];
    let a = await flow.appraiseAtSelf(
      unit,
      flow.leaves.map((l) => l.code).filter((c) => !missing.includes(c)),
    );
    const before = await snapshot(api, province, C, unit);
    const r = await flow.post(unit, '/complete', sec, { version: a.version });
    const e = expectError(r, 422, 'INCOMPLETE');
    expect([...(e.details as { codes: string[] }).codes].sort()).toEqual([...missing].sort());

    // 2.3.2 (max 1,5, self 1,5) appraised at 1 without a comment, or with a blank one → 400 naming the comment.
    const noComment = await flow.appraise(unit, sec, a.version, { '2.3.2': { score: 1 } });
    expectField(expectError(noComment, 400, 'VALIDATION').details, 'items.2.3.2.comment');
    const blank = await flow.appraise(unit, sec, a.version, { '2.3.2': { score: 1, comment: '  ' } });
    expectField(expectError(blank, 400, 'VALIDATION').details, 'items.2.3.2.comment');
    // One good row and one without its comment: nothing is saved.
    const mixed = await flow.appraise(unit, sec, a.version, { '5.2': { score: 1.5 }, '8.4.4': { score: 0.25 } });
    expectField(expectError(mixed, 400, 'VALIDATION').details, 'items.8.4.4.comment');
    await expectUnchanged(api, province, before);

    // With comments (and the equal one without): accepted, then complete.
    a = okSave(
      await flow.appraise(unit, sec, a.version, {
        '2.3.2': { score: 1, comment: 'Chưa ban hành kế hoạch kiểm tra' },
        '5.2': { score: 1.5 },
        '8.4.4': { score: 0.25, comment: 'Tỷ lệ chưa đạt' },
      }),
      'IN_APPRAISAL',
    );
    // Later, the score changes again: the comment given stays and still explains it.
    a = okSave(await flow.appraise(unit, sec, a.version, { '2.3.2': { score: 0.75 } }), 'IN_APPRAISAL');
    expect(a.items['2.3.2']).toMatchObject({ appraisedScore: 0.75, appraisalComment: 'Chưa ban hành kế hoạch kiểm tra' });
    const done = ok(await flow.post(unit, '/complete', sec, { version: a.version }), 'APPRAISED');
    // 100 − (1,5 − 0,75) − (0,5 − 0,25) = 99.
    expect(done.totals.appraised).toMatchObject({ points: 99, index: 99, class: 'xuat-sac' });
    expect(done.totals.self.points).toBe(100);
    await agree(unit, done);
  });
});

describe("a save's answer", () => {
  it('holds exactly the rows it named (two here), the head, and the totals a following GET shows, the appraised side included', async () => {
    const unit = 'minh-lap';
    const sec = await flow.secretary(unit);
    const v = (await flow.fillAndSubmit(unit)).version;
    const [a, b] = flow.leavesOfArea('III');
    const r = await flow.appraise(unit, sec, v, {
      [a!.code]: { score: 0, comment: 'Không có tài liệu kiểm chứng' },
      [b!.code]: { score: b!.max },
    });
    const answer = okSave(r, 'IN_APPRAISAL', [a!.code, b!.code]);
    expect(answer.version).toBe(v + 1);
    expect(answer.items[a!.code]).toMatchObject({
      selfScore: a!.max,
      appraisedScore: 0,
      appraisalComment: 'Không có tài liệu kiểm chứng',
    });
    // Only b carries appraised points so far; the self side is whole (every row at its maximum).
    expect(answer.totals.appraised.points).toBe(b!.max);
    expect(answer.totals.areas.III?.appraised).toBe(b!.max);
    expect(answer.totals.self.points).toBe(100);
    const whole = await flow.read(unit);
    expect(r.body).toEqual(saveAnswerOf(whole, [a!.code, b!.code]));
    expect(answer.totals).toEqual(whole.totals);
    await agree(unit, answer);
  });
});

describe('areas of an appraiser', () => {
  it('assigned area II by the secretary (through PUT assignments, with the local id): a row of area III → 403 and nothing changed; area II → 200', async () => {
    const unit = 'huong-son';
    const d = flow.district(unit); // phu-binh
    const sec = await flow.token('district_secretary', d, undefined, 'Thư ký Phú Bình');
    // No areas claim in the token: without an assignment this appraiser could appraise every area.
    const an = await flow.token('district_appraiser', d, undefined, 'Lê Văn An');
    const assigned = await api.request('PUT', assignmentsPath(d), {
      token: sec,
      body: { version: 0, appraisers: [{ id: appraiserId(d, 'le-van-an'), name: 'Lê Văn An', areas: ['II'] }] },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const v = (await flow.fillAndSubmit(unit)).version;

    const area3 = flow.leavesOfArea('III')[0]!.code;
    const area2 = flow.leavesOfArea('II');
    await refusedAll(unit, 403, 'FORBIDDEN', [
      ['a row of area III', () => flow.appraise(unit, an, v, { [area3]: { score: 0, comment: 'Không có tài liệu' } })],
      [
        'rows of areas II and III together',
        () =>
          flow.appraise(unit, an, v, { [area2[0]!.code]: { score: area2[0]!.max }, [area3]: { score: 0, comment: 'Không có' } }),
      ],
      ['a row of area VIII', () => flow.appraise(unit, an, v, { '8.1.1': { score: 1.5 } })],
    ]);
    const r = okSave(
      await flow.appraise(unit, an, v, Object.fromEntries(area2.map((l) => [l.code, { score: l.max }]))),
      'IN_APPRAISAL',
    );
    for (const l of area2) expect(r.items[l.code]?.appraisedScore).toBe(l.max);
    await agree(unit, r);
  });

  it("limited by the token's areas claim (no stored assignment): area III → 403, area II → 200", async () => {
    const unit = 'giang-tien';
    const d = flow.district(unit); // phu-luong: no assignment stored
    const binh = await flow.token('district_appraiser', d, ['II'], 'Đỗ Thị Bình');
    const v = (await flow.fillAndSubmit(unit)).version;
    await refusedAll(unit, 403, 'FORBIDDEN', [
      ['a row of area III', () => flow.appraise(unit, binh, v, { '3.1.1': { score: 1 } })],
    ]);
    okSave(await flow.appraise(unit, binh, v, { '2.5': { score: 1 } }), 'IN_APPRAISAL');
  });

  it("the stored assignment wins over the token's claim", async () => {
    const unit = 'hung-son';
    const d = flow.district(unit); // dai-tu
    const sec = await flow.token('district_secretary', d);
    // The token says area III; the secretary assigned area II.
    const cuong = await flow.token('district_appraiser', d, ['III'], 'Phạm Văn Cường');
    const put = await api.request('PUT', assignmentsPath(d), {
      token: sec,
      body: { version: 0, appraisers: [{ id: appraiserId(d, 'pham-van-cuong'), name: 'Phạm Văn Cường', areas: ['II'] }] },
    });
    expect(put.status).toBe(200);
    const v = (await flow.fillAndSubmit(unit)).version;
    await refusedAll(unit, 403, 'FORBIDDEN', [
      ['a row of area III (claimed, not assigned)', () => flow.appraise(unit, cuong, v, { '3.1.1': { score: 1 } })],
    ]);
    okSave(await flow.appraise(unit, cuong, v, { '2.5': { score: 1 } }), 'IN_APPRAISAL');
    // Another appraiser of the district, not in the assignment, keeps the claim of their token.
    const other = await flow.token('district_appraiser', d, ['III'], 'Nguyễn Thị Dung');
    const cur = await flow.read(unit);
    okSave(await flow.appraise(unit, other, cur.version, { '3.1.1': { score: 1 } }), 'IN_APPRAISAL');
    await refusedAll(unit, 403, 'FORBIDDEN', [
      ['a row of area II by the other', () => flow.appraise(unit, other, cur.version + 1, { '2.6': { score: 1 } })],
    ]);
  });
});

describe('assignments', () => {
  it('GET/PUT with versions, history audited (who, role, old → new areas), only the secretary of the district writes', async () => {
    const d = 'dong-hy';
    const commune = 'hoa-thuong';
    const sec = await flow.token('district_secretary', d, undefined, 'Lý Thị Thư');
    const a1 = { id: appraiserId(d, 'mai-van-mot'), name: 'Mai Văn Một', areas: ['II'] };
    const a2 = { id: appraiserId(d, 'mai-thi-hai'), name: 'Mai Thị Hai', areas: ['III'] };
    const get = (t: string) => api.get(assignmentsPath(d), t);
    const put = (t: string, body: unknown) => api.request('PUT', assignmentsPath(d), { token: t, body });

    const empty = await get(sec);
    expect(empty.status).toBe(200);
    expect(assignmentsResponse.parse(empty.body)).toMatchObject({ version: 0, appraisers: [] });
    expect((empty.body as AssignmentsResponse).history).toEqual([]);

    const t0 = Date.now();
    const first = await put(sec, { version: 0, appraisers: [a1] });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(assignmentsResponse.parse(first.body)).toMatchObject({ version: 1, appraisers: [a1] });
    // A second writer from version 0 → 409 CONFLICT, nothing changed.
    expectError(await put(sec, { version: 0, appraisers: [a2] }), 409, 'CONFLICT');
    expect(assignmentsResponse.parse((await get(sec)).body)).toMatchObject({ version: 1, appraisers: [a1] });

    const second = await put(sec, { version: 1, appraisers: [{ ...a1, areas: ['II', 'VI'] }, a2] });
    expect(second.status).toBe(200);
    expect(assignmentsResponse.parse(second.body)).toMatchObject({ version: 2 });

    // Two secretaries' tabs writing from the same version at once: one wins.
    const race = await Promise.all([
      put(sec, {
        version: 2,
        appraisers: [
          { ...a1, areas: ['II', 'VI'] },
          { ...a2, areas: ['III', 'IV'] },
        ],
      }),
      put(sec, { version: 2, appraisers: [{ ...a1, areas: ['I'] }, a2] }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    for (const r of race.filter((x) => x.status === 409)) expectError(r, 409, 'CONFLICT');
    const winner = race.findIndex((r) => r.status === 200);

    // Removing an appraiser.
    const third = await put(sec, { version: 3, appraisers: [a1Of(winner)] });
    expect(third.status).toBe(200);
    const t1 = Date.now();

    // Every district role and the province read it; the history says who changed which areas.
    for (const role of ['district_appraiser', 'district_chair'] as const)
      expect((await get(await flow.token(role, d))).status).toBe(200);
    const seen = await get(province);
    expect(seen.status).toBe(200);
    const body = seen.body as AssignmentsResponse;
    expect(body.version).toBe(4);
    expect(body.appraisers).toEqual([a1Of(winner)]);
    const h = body.history;
    const changes = h.map((e) => [who(e), e.from, e.to]);
    const expected: [string, string[], string[]][] = [
      [a1.name, [], ['II']],
      [a1.name, ['II'], ['II', 'VI']],
      [a2.name, [], ['III']],
      ...(winner === 0
        ? ([[a2.name, ['III'], ['III', 'IV']]] as [string, string[], string[]][])
        : ([[a1.name, ['II', 'VI'], ['I']]] as [string, string[], string[]][])),
      winner === 0 ? [a2.name, ['III', 'IV'], []] : [a2.name, ['III'], []],
    ];
    expect(changes).toEqual(expected);
    for (const e of h) {
      expect(e).toMatchObject({ by: 'Lý Thị Thư', role: 'district_secretary' });
      expect(Date.parse(e.at)).toBeGreaterThanOrEqual(t0 - 1000);
      expect(Date.parse(e.at)).toBeLessThanOrEqual(t1 + 1000);
    }

    function a1Of(w: number) {
      return w === 0 ? { ...a1, areas: ['II', 'VI'] } : { ...a1, areas: ['I'] };
    }
    /** Which appraiser an entry is about: it must name them (by name or id). */
    function who(e: AuditEntry): string {
      const text = JSON.stringify(e);
      for (const a of [a1, a2]) if (text.includes(a.name) || text.includes(a.id)) return a.name;
      return '(nobody)';
    }

    // Refused: other roles, another district's secretary, commune roles reading, bad input; nothing changes.
    const current = (await get(sec)).body;
    const denied: [string, () => Promise<Reply>, number, string][] = [
      [
        'appraiser writes',
        async () => put(await flow.token('district_appraiser', d), { version: 4, appraisers: [] }),
        403,
        'FORBIDDEN',
      ],
      [
        'district chair writes',
        async () => put(await flow.token('district_chair', d), { version: 4, appraisers: [] }),
        403,
        'FORBIDDEN',
      ],
      ['province writes', () => put(province, { version: 4, appraisers: [] }), 403, 'FORBIDDEN'],
      [
        'commune chair writes',
        async () => put(await flow.token('commune_chair', commune), { version: 4, appraisers: [] }),
        403,
        'FORBIDDEN',
      ],
      [
        'another district secretary writes',
        async () => put(await flow.token('district_secretary', 'vo-nhai'), { version: 4, appraisers: [] }),
        403,
        'FORBIDDEN',
      ],
      ['another district secretary reads', async () => get(await flow.token('district_secretary', 'vo-nhai')), 403, 'FORBIDDEN'],
      ['a commune officer reads', async () => get(await flow.token('commune_officer', commune)), 403, 'FORBIDDEN'],
      ['a stale version', () => put(sec, { version: 2, appraisers: [] }), 409, 'CONFLICT'],
      ['an unknown area', () => put(sec, { version: 4, appraisers: [{ ...a1, areas: ['IX'] }] }), 400, 'VALIDATION'],
      ['no area', () => put(sec, { version: 4, appraisers: [{ ...a1, areas: [] }] }), 400, 'VALIDATION'],
      [
        'the same appraiser twice',
        () => put(sec, { version: 4, appraisers: [a1, { ...a1, areas: ['III'] }] }),
        400,
        'VALIDATION',
      ],
      ['an extra key', () => put(sec, { version: 4, appraisers: [{ ...a1, role: 'district_secretary' }] }), 400, 'VALIDATION'],
    ];
    for (const [what, send, status, code] of denied) {
      const r = await send();
      expect({ what, status: r.status }).toEqual({ what, status });
      expectError(r, status, code);
    }
    expect((await get(sec)).body).toEqual(current);
  });
});

describe('concurrency', () => {
  it('two appraisers on different areas of one assessment, 8 requests each in parallel from the same version: all 200, nothing lost', async () => {
    const unit = 'cho-chu';
    const d = flow.district(unit); // dinh-hoa
    const sec = await flow.token('district_secretary', d);
    const put = await api.request('PUT', assignmentsPath(d), {
      token: sec,
      body: {
        version: 0,
        appraisers: [
          { id: appraiserId(d, 'hoang-van-mot'), name: 'Hoàng Văn Một', areas: ['III'] },
          { id: appraiserId(d, 'vu-thi-hai'), name: 'Vũ Thị Hai', areas: ['IV'] },
        ],
      },
    });
    expect(put.status).toBe(200);
    const mot = await flow.token('district_appraiser', d, undefined, 'Hoàng Văn Một');
    const hai = await flow.token('district_appraiser', d, undefined, 'Vũ Thị Hai');
    const base = (await flow.fillAndSubmit(unit)).version;

    // Một: 8 rows of area III, each appraised at 0 with a comment; Hai: 8 rows of area IV at the self score.
    const rowsIII = flow.leavesOfArea('III').slice(0, 8);
    const rowsIV = flow.leavesOfArea('IV').slice(0, 8);
    const replies = await Promise.all([
      ...rowsIII.map((l) => flow.appraise(unit, mot, base, { [l.code]: { score: 0, comment: `Không đạt ${l.code}` } })),
      ...rowsIV.map((l) => flow.appraise(unit, hai, base, { [l.code]: { score: l.max } })),
    ]);
    expect(
      replies.map((r) => r.status),
      JSON.stringify(replies.filter((r) => r.status !== 200).map((r) => r.body)),
    ).toEqual(replies.map(() => 200));

    const after = await snapshot(api, province, C, unit);
    expect(after.assessment.status).toBe('IN_APPRAISAL');
    expect(after.assessment.version).toBe(base + 16);
    for (const l of rowsIII)
      expect(after.assessment.items[l.code], l.code).toMatchObject({
        appraisedScore: 0,
        appraisalComment: `Không đạt ${l.code}`,
      });
    for (const l of rowsIV)
      expect(after.assessment.items[l.code], l.code).toMatchObject({ appraisedScore: l.max, appraisalComment: '' });
    const sumIV = rowsIV.reduce((s, l) => s + Math.round(l.max * 100), 0) / 100;
    expect(after.assessment.totals.appraised.points).toBe(sumIV);
    const scores = after.audit.filter((e) => e.action === 'appraisal.score');
    expect(scores.map((e) => e.code).sort()).toEqual([...rowsIII, ...rowsIV].map((l) => l.code).sort());
    for (const e of scores) expect(e.by).toBe(rowsIII.some((l) => l.code === e.code) ? 'Hoàng Văn Một' : 'Vũ Thị Hai');
    // The step into appraisal happened once.
    expect(after.audit.filter((e) => e.action === 'status')).toMatchObject([{ from: 'SUBMITTED', to: 'IN_APPRAISAL' }]);
    await agree(unit, { status: 'IN_APPRAISAL', selfLocked: false });
  });

  it('two people changing the same row from the same version: exactly one 200, the other 409 CONFLICT with the current value', async () => {
    const unit = 'phu-dinh';
    const d = flow.district(unit);
    const appraiser = await flow.token('district_appraiser', d, ['II'], 'Trịnh Văn Ba');
    const sec = await flow.secretary(unit);
    const v = (await flow.fillAndSubmit(unit)).version;
    const writes = [
      { token: appraiser, row: { score: 0.5, comment: 'Chỉ đạt một phần' } },
      { token: sec, row: { score: 0.75, comment: 'Đạt phần lớn' } },
    ];
    const replies = await Promise.all(writes.map((w) => flow.appraise(unit, w.token, v, { '2.5': w.row })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const won = replies.findIndex((r) => r.status === 200);
    const lost = 1 - won;
    const e = expectError(replies[lost]!, 409, 'CONFLICT');
    expect(e.details).toMatchObject({
      conflicts: [{ code: '2.5', current: { score: writes[won]!.row.score, comment: writes[won]!.row.comment } }],
    });

    const after = await snapshot(api, province, C, unit);
    expect(after.assessment.version).toBe(v + 1);
    expect(after.assessment.items['2.5']).toMatchObject({
      appraisedScore: writes[won]!.row.score,
      appraisalComment: writes[won]!.row.comment,
    });
    expect(after.audit.filter((x) => x.code === '2.5' && x.action === 'appraisal.score')).toMatchObject([
      { from: null, to: writes[won]!.row.score },
    ]);
    // The loser, having seen the current value, saves on top of it.
    const retry = okSave(
      await flow.appraise(unit, writes[lost]!.token, after.assessment.version, { '2.5': writes[lost]!.row }),
      'IN_APPRAISAL',
    );
    expect(retry.items['2.5']).toMatchObject({ appraisedScore: writes[lost]!.row.score });
  });
});

describe('audit', () => {
  it('every change of the appraisal is recorded: who, role, when, row, old → new (scores, comments, status, return reason, deadline)', async () => {
    const unit = 'dinh-ca';
    const d = flow.district(unit); // vo-nhai
    const t0 = Date.now();
    const chair = await flow.token('commune_chair', unit, undefined, 'Chu Văn Chủ Tịch');
    const officer = await flow.token('commune_officer', unit, undefined, 'Đinh Thị Công Chức');
    const appraiser = await flow.token('district_appraiser', d, undefined, 'Ngô Văn Thẩm');
    const sec = await flow.token('district_secretary', d, undefined, 'Đào Thị Ký');

    // Later than the cycle's (30 days): an extension.
    const deadline = new Date(Date.now() + 40 * 86_400_000).toISOString();
    let a: RowSaveResponse = ok(await flow.post(unit, '/deadline', sec, { deadline }), 'DRAFT');
    a = okSave(await flow.saveSelf(unit, officer, a.version, flow.full()), 'DRAFT');
    a = ok(await flow.submit(unit, chair, a.version), 'SUBMITTED');
    a = okSave(
      await flow.appraise(unit, appraiser, a.version, { '1.1.1': { score: 0.5, comment: 'Thiếu kế hoạch' } }),
      'IN_APPRAISAL',
    );
    a = okSave(await flow.appraise(unit, sec, a.version, { '1.1.1': { score: 0.75 } }), 'IN_APPRAISAL');
    a = okSave(await flow.appraise(unit, sec, a.version, { '1.1.1': { comment: 'Kế hoạch ban hành muộn' } }), 'IN_APPRAISAL');
    a = ok(await flow.post(unit, '/return', sec, { version: a.version, reason: 'Bổ sung kế hoạch CCHC năm' }), 'RETURNED');
    a = okSave(
      await flow.saveSelf(unit, officer, a.version, { '1.1.1': { score: 0.75, explanation: 'Kế hoạch số 12' } }),
      'RETURNED',
    );
    a = ok(await flow.submit(unit, chair, a.version), 'SUBMITTED');
    a = await flow.appraiseAtSelf(
      unit,
      flow.leaves.map((l) => l.code).filter((c) => c !== '1.1.1'),
      sec,
    );
    a = ok(await flow.post(unit, '/complete', sec, { version: a.version }), 'APPRAISED');
    const t1 = Date.now();
    await agree(unit, a);

    const audit = await auditOf(unit);
    for (const e of audit.slice(1)) {
      expect(Date.parse(e.at), JSON.stringify(e)).toBeGreaterThanOrEqual(t0 - 1000);
      expect(Date.parse(e.at), JSON.stringify(e)).toBeLessThanOrEqual(t1 + 1000);
    }
    const pick = (e: AuditEntry) => ({
      by: e.by,
      role: e.role,
      action: e.action,
      ...(e.code ? { code: e.code } : {}),
      from: e.from,
      to: e.to,
    });
    const of = (pred: (e: AuditEntry) => boolean) => audit.filter(pred).map(pick);

    // The commune's own deadline, set, then cleared by the return (its response has none unless the secretary gives one).
    expect(of((e) => e.action === 'deadline')).toEqual([
      { by: 'Đào Thị Ký', role: 'district_secretary', action: 'deadline', from: null, to: deadline },
      { by: 'Đào Thị Ký', role: 'district_secretary', action: 'deadline', from: deadline, to: null },
    ]);
    expect(of((e) => e.code === '1.1.1' && e.action.startsWith('appraisal.'))).toEqual([
      { by: 'Ngô Văn Thẩm', role: 'district_appraiser', action: 'appraisal.score', code: '1.1.1', from: null, to: 0.5 },
      {
        by: 'Ngô Văn Thẩm',
        role: 'district_appraiser',
        action: 'appraisal.comment',
        code: '1.1.1',
        from: '',
        to: 'Thiếu kế hoạch',
      },
      { by: 'Đào Thị Ký', role: 'district_secretary', action: 'appraisal.score', code: '1.1.1', from: 0.5, to: 0.75 },
      {
        by: 'Đào Thị Ký',
        role: 'district_secretary',
        action: 'appraisal.comment',
        code: '1.1.1',
        from: 'Thiếu kế hoạch',
        to: 'Kế hoạch ban hành muộn',
      },
    ]);
    expect(of((e) => e.code === '1.1.1' && e.action.startsWith('self.'))).toEqual([
      { by: 'Đinh Thị Công Chức', role: 'commune_officer', action: 'self.score', code: '1.1.1', from: null, to: 1 },
      { by: 'Đinh Thị Công Chức', role: 'commune_officer', action: 'self.score', code: '1.1.1', from: 1, to: 0.75 },
      {
        by: 'Đinh Thị Công Chức',
        role: 'commune_officer',
        action: 'self.explanation',
        code: '1.1.1',
        from: '',
        to: 'Kế hoạch số 12',
      },
    ]);
    // The status steps, in order, each by whoever took it.
    const statusSteps = audit
      .filter((e) => ['submit', 'return', 'complete', 'status'].includes(e.action))
      .map((e) => [
        e.by,
        e.action,
        e.from,
        typeof e.to === 'object' && e.to !== null ? (e.to as { status: string }).status : e.to,
      ]);
    expect(statusSteps).toEqual([
      ['Chu Văn Chủ Tịch', 'submit', 'DRAFT', 'SUBMITTED'],
      ['Ngô Văn Thẩm', 'status', 'SUBMITTED', 'IN_APPRAISAL'],
      ['Đào Thị Ký', 'return', 'IN_APPRAISAL', 'RETURNED'],
      ['Chu Văn Chủ Tịch', 'submit', 'RETURNED', 'SUBMITTED'],
      ['Đào Thị Ký', 'status', 'SUBMITTED', 'IN_APPRAISAL'],
      ['Đào Thị Ký', 'complete', 'IN_APPRAISAL', 'APPRAISED'],
    ]);
    expect(audit.find((e) => e.action === 'return')?.to).toMatchObject({ reason: 'Bổ sung kế hoạch CCHC năm' });
    // Every appraised row once (the 118 others at the self score), and 1.1.1's three changes: nothing more.
    expect(audit.filter((e) => e.action === 'appraisal.score')).toHaveLength(flow.leaves.length - 1 + 2);
  });
});

describe('"lấy điểm tự chấm" for an area (issue 21, item 20)', () => {
  it("one PUT of many rows at the commune's score is one change: its audit entries all carry the version it made; rows not named keep theirs", async () => {
    const unit = 'la-bang';
    const d = flow.district(unit);
    await flow.fillAndSubmit(unit);
    const appraiser = await flow.token('district_appraiser', d, ['II'], 'Ngô Văn Thẩm');
    const [kept, ...rest] = flow.leavesOfArea('II');
    // One row of the area already appraised otherwise (with its comment), as in the browser.
    let a = okSave(
      await flow.appraise(unit, appraiser, (await flow.read(unit)).version, {
        [kept!.code]: { score: 0, comment: 'Không có tài liệu kiểm chứng' },
      }),
      'IN_APPRAISAL',
    );
    const before = await auditOf(unit);
    const cur = await flow.read(unit);
    const items = Object.fromEntries(rest.map((l) => [l.code, { score: cur.items[l.code]!.selfScore }]));
    a = okSave(await flow.appraise(unit, appraiser, a.version, items), 'IN_APPRAISAL', Object.keys(items));

    const added = (await auditOf(unit)).slice(before.length);
    expect(added.map((e) => e.code).sort()).toEqual(rest.map((l) => l.code).sort());
    expect(added.every((e) => e.action === 'appraisal.score' && e.by === 'Ngô Văn Thẩm')).toBe(true);
    expect(new Set(added.map((e) => e.version))).toEqual(new Set([a.version]));
    const after = await flow.read(unit);
    expect(after.items[kept!.code]).toMatchObject({ appraisedScore: 0, appraisalComment: 'Không có tài liệu kiểm chứng' });
    for (const l of rest) expect(after.items[l.code]!.appraisedScore).toBe(after.items[l.code]!.selfScore);
  });
});
