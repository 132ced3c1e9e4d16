/**
 * The assessment lifecycle state machine (functions/lifecycle/definition.ts), run locally by the stack
 * with aws-local-stepfunctions, driven only through the HTTP API: every path (submit, return and
 * resubmit, the deadline passing, extension, late acceptance, complete), single injected failures
 * (DynamoDB's status and the machine's wait never disagree for longer than the next read), and a restart.
 *
 * Mocks only force failures the real parts cannot produce on demand: a crash in the handler after the
 * status write, a failed SendTaskSuccess, a crash between the assessment write and its audit record,
 * and one DynamoDB write of the waiting task's token that throws.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lifecycle } from '../../functions/lib/lifecycle.js';
import type { Store } from '../../functions/lib/store.js';
import type { LocalStack } from '../../local/stack.js';
import {
  assessmentListResponse,
  auditResponse,
  cyclesResponse,
  type AuditEntry,
  type RowSaveResponse,
} from '../../shared/schemas.js';
import { Api, expectError, expectUnchanged, seededCycleId, snapshot, startTestStack } from '../support/api.js';
import { eventually, expectAgreement, Flow, ok, okSave, sleep } from '../support/appraisal.js';

let env: Awaited<ReturnType<typeof startTestStack>>;
let stack: LocalStack;
let api: Api;
let flow: Flow;
let store: Store;
let lifecycle: Lifecycle;
let province: string;
const C = seededCycleId();
const runner = () => stack.lifecycle;

beforeAll(async () => {
  env = await startTestStack();
  stack = env.stack;
  api = env.api;
  flow = await new Flow(api, C).init();
  province = await flow.token('province');
  // The same module instances the stack's handlers and the lifecycle task use.
  ({ store, lifecycle } = await import('../../functions/lib/context.js'));
});
afterAll(async () => {
  if (store) store.afterApply = undefined;
  // The restart test replaces the stack: stop whichever is running, then remove the data.
  await stack?.stop();
  if (env) rmSync(env.dataDir, { recursive: true, force: true });
});

const agree = (unit: string, reply?: { status: string; selfLocked: boolean }) => expectAgreement(flow, runner, unit, reply);

/** The stored status as the district list shows it: a list does not repair the lifecycle, a GET of the assessment does. */
async function listed(unit: string) {
  const list = assessmentListResponse.parse((await api.get(`/api/cycles/${C}/assessments`, province)).body);
  return list.find((a) => a.unitId === unit)!;
}

async function auditOf(unit: string): Promise<AuditEntry[]> {
  const r = await api.get(flow.path(unit, '/audit'), province);
  expect(r.status).toBe(200);
  return auditResponse.parse(r.body);
}

/** The steps of the lifecycle in an audit trail: [action, from, to status]. */
const steps = (audit: AuditEntry[]) =>
  audit
    .filter((e) =>
      ['submit', 'return', 'complete', 'status', 'acceptLate', 'deadlinePassed', 'extendDeadline'].includes(e.action),
    )
    .map((e) => [e.action, e.from, typeof e.to === 'object' && e.to !== null ? (e.to as { status: string }).status : e.to]);

/** The generic 500: a fixed code, nothing from the error inside. */
function expect500(r: { status: number; body: unknown }) {
  expect(r.status).toBe(500);
  expect(r.body).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
}

describe('every path of the state machine, run locally', () => {
  it('a fresh cycle: every commune is a DRAFT and its execution waits for the submission', async () => {
    for (const unit of ['hoang-van-thu', 'thinh-duc', 'la-hien']) {
      const a = await agree(unit);
      expect(a).toMatchObject({ status: 'DRAFT', selfLocked: false, version: 0 });
      expect(runner().currentStep(C, unit)).toBe('submission');
    }
  });

  it('submit → appraisal; return → submission; resubmit; appraise; return again; resubmit; complete → approval', async () => {
    const unit = 'phuc-xuan';
    const officer = await flow.token('commune_officer', unit);
    const chair = await flow.token('commune_chair', unit);
    const sec = await flow.secretary(unit);
    await agree(unit, { status: 'DRAFT', selfLocked: false });

    let r: RowSaveResponse = await flow.fillAndSubmit(unit);
    await agree(unit, r);

    // Return #1, straight from SUBMITTED: the commune may edit again.
    r = ok(
      await flow.post(unit, '/return', sec, { version: r.version, reason: 'Bổ sung văn bản kiểm chứng tiêu chí 1.1.1' }),
      'RETURNED',
    );
    expect(r).toMatchObject({ selfLocked: false, returnReason: 'Bổ sung văn bản kiểm chứng tiêu chí 1.1.1' });
    await agree(unit, r);
    r = okSave(
      await flow.saveSelf(unit, officer, r.version, { '1.1.1': { score: 0.75, explanation: 'Đã bổ sung' } }),
      'RETURNED',
    );
    await agree(unit, r);

    r = ok(await flow.submit(unit, chair, r.version), 'SUBMITTED');
    expect(r.returnReason).toBeUndefined();
    await agree(unit, r);

    // Appraisal starts; return #2 from IN_APPRAISAL.
    r = okSave(await flow.appraise(unit, sec, r.version, { '1.1.1': { score: 0.75 } }), 'IN_APPRAISAL');
    await agree(unit, r);
    r = ok(await flow.post(unit, '/return', sec, { version: r.version, reason: 'Giải trình tiêu chí 2.5' }), 'RETURNED');
    expect(r.returnReason).toBe('Giải trình tiêu chí 2.5');
    await agree(unit, r);
    r = okSave(
      await flow.saveSelf(unit, officer, r.version, { '2.5': { explanation: 'Giải trình: đã thực hiện đủ' } }),
      'RETURNED',
    );
    r = ok(await flow.submit(unit, chair, r.version), 'SUBMITTED');
    await agree(unit, r);

    // Appraisal of every row (the earlier appraised score is kept), then complete.
    r = await flow.appraiseAtSelf(unit);
    await agree(unit, r);
    r = ok(await flow.post(unit, '/complete', sec, { version: r.version }), 'APPRAISED');
    await agree(unit, r);
    expect(runner().currentStep(C, unit)).toBe('approval');
    // Every row at its maximum except 1.1.1 (0,75 of 1): 99,75.
    expect(r.totals.appraised).toMatchObject({ points: 99.75, index: 99.75, class: 'xuat-sac' });

    const audit = await auditOf(unit);
    expect(steps(audit)).toEqual([
      ['submit', 'DRAFT', 'SUBMITTED'],
      ['return', 'SUBMITTED', 'RETURNED'],
      ['submit', 'RETURNED', 'SUBMITTED'],
      ['status', 'SUBMITTED', 'IN_APPRAISAL'],
      ['return', 'IN_APPRAISAL', 'RETURNED'],
      ['submit', 'RETURNED', 'SUBMITTED'],
      ['status', 'SUBMITTED', 'IN_APPRAISAL'],
      ['complete', 'IN_APPRAISAL', 'APPRAISED'],
    ]);
    expect(audit.filter((e) => e.action === 'return').map((e) => (e.to as { reason?: string }).reason)).toEqual([
      'Bổ sung văn bản kiểm chứng tiêu chí 1.1.1',
      'Giải trình tiêu chí 2.5',
    ]);
    for (const e of audit.filter((x) => x.action === 'return' || x.action === 'complete'))
      expect(e).toMatchObject({ role: 'district_secretary', by: 'Trần Thị Thư Ký' });
    for (const e of audit.filter((x) => x.action === 'submit')) expect(e.role).toBe('commune_chair');
  });

  it('the deadline passes → locked (late-decision); extension → editable with a new timeout; late acceptance → SUBMITTED, late, unscored rows count 0', async () => {
    const unit = 'quyet-thang';
    const officer = await flow.token('commune_officer', unit);
    const chair = await flow.token('commune_chair', unit);
    const sec = await flow.secretary(unit);
    // The commune has scored three rows: 1 + 0,75 + 1,25 = 3 points.
    let r = okSave(
      await flow.saveSelf(unit, officer, 0, { '1.1.1': { score: 1 }, '2.5': { score: 0.75 }, '3.1.2': { score: 1.25 } }),
      'DRAFT',
    );

    // Its own deadline, 2 s from now.
    const soon = new Date(Date.now() + 2000).toISOString();
    r = ok(await flow.post(unit, '/deadline', sec, { deadline: soon, version: r.version, shorten: true }), 'DRAFT');
    expect(r).toMatchObject({ deadline: soon, selfLocked: false });
    await agree(unit, r);

    // The deadline passes: the machine's timeout locks the self-assessment and waits for the district's decision.
    const step = await eventually(
      () => runner().currentStep(C, unit),
      (s) => s === 'late-decision',
      8000,
    );
    expect(step).toBe('late-decision');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(soon));
    const locked = await agree(unit, { status: 'DRAFT', selfLocked: true });

    // The commune can no longer save, submit or add evidence.
    const before = await snapshot(api, province, C, unit);
    expectError(await flow.saveSelf(unit, officer, locked.version, { '1.1.2': { score: 1 } }), 409, 'LIFECYCLE');
    expectError(await flow.saveSelf(unit, chair, locked.version, { '1.1.1': { score: 0.5 } }), 409, 'LIFECYCLE');
    expectError(await flow.submit(unit, chair, locked.version), 409, 'LIFECYCLE');
    expectError(await flow.evidence(unit, officer), 409, 'LIFECYCLE');
    await expectUnchanged(api, province, before);
    const lock = before.audit.filter((e) => e.action === 'deadlinePassed');
    expect(lock).toHaveLength(1);
    expect(Date.parse(lock[0]!.at)).toBeGreaterThanOrEqual(Date.parse(soon));
    expect(lock[0]!.by.length).toBeGreaterThan(0);

    // Extension by an hour: editable again, waiting for the submission, with a wait armed for the new deadline.
    const later = new Date(Date.now() + 3_600_000).toISOString();
    r = ok(await flow.post(unit, '/deadline', sec, { deadline: later, version: locked.version }), 'DRAFT');
    expect(r).toMatchObject({ deadline: later, selfLocked: false });
    await agree(unit, r);
    const armed = await eventually(
      () => store.getWait(C, unit),
      (w) => w?.step === 'submission' && w.deadline === later,
    );
    expect(armed).toMatchObject({ step: 'submission', deadline: later });
    r = okSave(await flow.saveSelf(unit, officer, r.version, { '1.1.2': { score: 1 } }), 'DRAFT'); // 4 points now

    // A new, nearer deadline replaces the hour-long timeout: it locks again when it passes.
    const soon2 = new Date(Date.now() + 2000).toISOString();
    r = ok(await flow.post(unit, '/deadline', sec, { deadline: soon2, version: r.version, shorten: true }), 'DRAFT');
    await agree(unit, r);
    expect(
      await eventually(
        () => runner().currentStep(C, unit),
        (s) => s === 'late-decision',
        8000,
      ),
    ).toBe('late-decision');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(soon2));
    const locked2 = await agree(unit, { status: 'DRAFT', selfLocked: true });

    // Late acceptance: taken into appraisal as it stands.
    r = ok(await flow.post(unit, '/accept-late', sec, { version: locked2.version }), 'SUBMITTED');
    expect(r).toMatchObject({ late: true, selfLocked: false });
    // 4 points scored, 115 applicable rows unscored count 0: 4 of 100.
    expect(r.totals.self).toMatchObject({ points: 4, applicableMax: 100, index: 4, class: 'yeu' });
    expect(r.items['1.2.1']?.selfScore).toBeNull();
    await agree(unit, r);
    expect(runner().currentStep(C, unit)).toBe('appraisal');

    const audit = await auditOf(unit);
    // Each date brought forward is recorded as a shortening, from the deadline it replaced (first the cycle's).
    const cycleDeadline = cyclesResponse
      .parse((await api.get('/api/cycles', province)).body)
      .find((c) => c.id === C)!.selfAssessmentDeadline;
    expect(
      audit.filter((e) => e.action === 'deadline' || e.action === 'deadline.shorten').map((e) => [e.action, e.from, e.to]),
    ).toEqual([
      ['deadline.shorten', cycleDeadline, soon],
      ['deadline', soon, later],
      ['deadline.shorten', later, soon2],
    ]);
    // Two locks, each recorded when its deadline had passed; the late acceptance as a status step.
    const locks = audit.filter((e) => e.action === 'deadlinePassed');
    expect(locks).toHaveLength(2);
    expect(Date.parse(locks[1]!.at)).toBeGreaterThanOrEqual(Date.parse(soon2));
    expect(steps(audit).filter(([action]) => action !== 'deadlinePassed' && action !== 'extendDeadline')).toEqual([
      ['acceptLate', 'DRAFT', 'SUBMITTED'],
    ]);
    for (const e of audit.filter((x) => ['deadline', 'deadline.shorten', 'acceptLate'].includes(x.action)))
      expect(e).toMatchObject({ by: 'Trần Thị Thư Ký', role: 'district_secretary' });
  });
});

describe('deadlines across steps', () => {
  it('a commune that met its extended deadline and is returned after it passed may respond: RETURNED, not locked, waiting for its submission; a deadline set for the response locks it in turn', async () => {
    const unit = 'song-cau';
    const officer = await flow.token('commune_officer', unit);
    const chair = await flow.token('commune_chair', unit);
    const sec = await flow.secretary(unit);
    const extended = new Date(Date.now() + 2500).toISOString();
    ok(await flow.post(unit, '/deadline', sec, { deadline: extended, version: 0, shorten: true }), 'DRAFT');
    const submitted = await flow.fillAndSubmit(unit);
    expect(Date.parse(submitted.submittedAt!)).toBeLessThan(Date.parse(extended));
    expect(submitted.late).toBeUndefined();
    await agree(unit, submitted);
    await sleep(Math.max(0, Date.parse(extended) - Date.now()) + 100);

    // Returned for clarification after the extension passed (Điều 6.2: the district asks, the commune answers).
    let r: RowSaveResponse = ok(
      await flow.post(unit, '/return', sec, { version: submitted.version, reason: 'Giải trình tiêu chí 3.1.1' }),
      'RETURNED',
    );
    expect(r.selfLocked).toBe(false);
    await agree(unit, r);
    await sleep(1500);
    expect(runner().currentStep(C, unit)).toBe('submission');
    r = await agree(unit, { status: 'RETURNED', selfLocked: false });
    // Any change of the commune's deadline is in the audit trail: the last one recorded is the one in force.
    const deadlines = (await auditOf(unit)).filter((e) => e.action === 'deadline');
    expect(deadlines.at(-1)?.to ?? null).toBe(r.deadline ?? null);
    r = okSave(await flow.saveSelf(unit, officer, r.version, { '3.1.1': { explanation: 'Đã giải trình' } }), 'RETURNED');

    // The secretary may give the response a deadline of its own: when it passes, the response is locked.
    const respondBy = new Date(Date.now() + 1500).toISOString();
    r = ok(await flow.post(unit, '/deadline', sec, { deadline: respondBy, version: r.version }), 'RETURNED');
    await agree(unit, r);
    expect(
      await eventually(
        () => runner().currentStep(C, unit),
        (s) => s === 'late-decision',
        8000,
      ),
    ).toBe('late-decision');
    const locked = await agree(unit, { status: 'RETURNED', selfLocked: true });
    expectError(await flow.submit(unit, chair, locked.version), 409, 'LIFECYCLE');
    r = ok(await flow.post(unit, '/accept-late', sec, { version: locked.version }), 'SUBMITTED');
    expect(r.late).toBe(true);
    await agree(unit, r);
  });

  it('a deadline brought forward while the machine is arming the submission wait: the timeout follows the stored deadline', async () => {
    const unit = 'minh-lap';
    const sec = await flow.secretary(unit);
    // Interleave: just as the machine's waiting task starts registering (after PrepareSelf computed its
    // timeout from a deadline a day away), the secretary brings the deadline forward to 2 s from now.
    type RunTask = (p: { action: string; unitId: string; step?: string }) => Promise<unknown>;
    const sfn = runner() as unknown as { runTask: RunTask };
    const original = sfn.runTask;
    let moved: Promise<Awaited<ReturnType<Flow['post']>>> | undefined;
    const soon = new Date(Date.now() + 2500).toISOString();
    sfn.runTask = async (p) => {
      if (p.action === 'await' && p.unitId === unit && p.step === 'submission' && !moved) {
        moved = flow.post(unit, '/deadline', sec, { deadline: soon, shorten: true });
        await moved;
      }
      return original(p);
    };
    try {
      ok(
        await flow.post(unit, '/deadline', sec, { deadline: new Date(Date.now() + 86_400_000).toISOString(), shorten: true }),
        'DRAFT',
      );
      await eventually(
        () => moved,
        (m) => m !== undefined,
      );
      expect((await moved!).status).toBe(200);
    } finally {
      sfn.runTask = original;
    }
    expect((await flow.read(unit)).deadline).toBe(soon);
    expect(
      await eventually(
        () => runner().currentStep(C, unit),
        (s) => s === 'late-decision',
        8000,
      ),
    ).toBe('late-decision');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(soon));
    await agree(unit, { status: 'DRAFT', selfLocked: true });
  });
});

describe('a single failure never leaves DynamoDB and the machine disagreeing past the next read', () => {
  it('(a) a crash after the status write, before the callback: 500; the machine still waits; one GET repairs it', async () => {
    const unit = 'mo-che';
    const chair = await flow.token('commune_chair', unit);
    const saved = okSave(await flow.saveSelf(unit, chair, 0, flow.full()), 'DRAFT');
    await agree(unit, saved);

    const original = lifecycle.sync;
    let crashed = 0;
    lifecycle.sync = async function (this: Lifecycle, a, ...rest) {
      if (a.unitId === unit && a.status === 'SUBMITTED' && crashed++ === 0)
        throw new Error('crash between the status write and the callback');
      return original.call(this, a, ...rest);
    };
    let r;
    try {
      r = await flow.submit(unit, chair, saved.version);
    } finally {
      delete (lifecycle as { sync?: unknown }).sync;
    }
    expect(crashed).toBe(1);
    expect500(r);
    // DynamoDB has the step; the machine, not told, still waits for the submission.
    expect(await listed(unit)).toMatchObject({ status: 'SUBMITTED', version: saved.version + 1 });
    await sleep(300);
    expect(runner().currentStep(C, unit)).toBe('submission');
    // One read of the assessment sends the missing callback.
    expect((await flow.read(unit)).status).toBe('SUBMITTED');
    expect(
      await eventually(
        () => runner().currentStep(C, unit),
        (s) => s === 'appraisal',
      ),
    ).toBe('appraisal');
    await agree(unit, { status: 'SUBMITTED', selfLocked: false });
    expect(steps(await auditOf(unit))).toEqual([['submit', 'DRAFT', 'SUBMITTED']]);
  });

  it('(b) a failed callback (SendTaskSuccess rejects once): 200 SUBMITTED; the machine still waits; one GET repairs it', async () => {
    const unit = 'thang-loi';
    const chair = await flow.token('commune_chair', unit);
    const saved = okSave(await flow.saveSelf(unit, chair, 0, flow.full()), 'DRAFT');
    await agree(unit, saved);
    const wait = await eventually(
      () => store.getWait(C, unit),
      (w) => w?.step === 'submission',
    );
    expect(wait?.step).toBe('submission');

    const sfn = runner();
    let failed = 0;
    const original = sfn.success;
    sfn.success = async function (this: typeof sfn, token, output) {
      if (token === wait!.token && failed++ === 0)
        throw Object.assign(new Error('connect ETIMEDOUT states.local'), { name: 'TimeoutError' });
      return original.call(this, token, output);
    };
    let r;
    try {
      r = await flow.submit(unit, chair, saved.version);
      expect(failed).toBe(1);
      const a = ok(r, 'SUBMITTED');
      expect(a.version).toBe(saved.version + 1);
      expect(await listed(unit)).toMatchObject({ status: 'SUBMITTED' });
      await sleep(300);
      expect(runner().currentStep(C, unit)).toBe('submission');
      // One read repairs it (the second callback goes through).
      expect((await flow.read(unit)).status).toBe('SUBMITTED');
      expect(
        await eventually(
          () => runner().currentStep(C, unit),
          (s) => s === 'appraisal',
        ),
      ).toBe('appraisal');
    } finally {
      delete (sfn as { success?: unknown }).success;
    }
    expect(failed).toBe(2);
    await agree(unit, { status: 'SUBMITTED', selfLocked: false });
    // And the machine follows the next step as usual.
    const sec = await flow.secretary(unit);
    const ret = ok(await flow.post(unit, '/return', sec, { version: saved.version + 1, reason: 'Thiếu tài liệu' }), 'RETURNED');
    await agree(unit, ret);
  });

  it('(c) a crash between the assessment write and the audit write on a status step: 500; the status is in place; the machine follows after the next read; audited once', async () => {
    const unit = 'ba-xuyen';
    const chair = await flow.token('commune_chair', unit);
    const sec = await flow.secretary(unit);
    await flow.fillAndSubmit(unit);
    const inAppraisal = await flow.appraiseAtSelf(unit, ['1.1.1', '1.1.2']);
    await agree(unit, inAppraisal);

    let crashed = 0;
    store.afterApply = async (a) => {
      if (a.unitId === unit && crashed++ === 0) throw new Error('crash after the assessment write');
    };
    let r;
    try {
      r = await flow.post(unit, '/return', sec, { version: inAppraisal.version, reason: 'Giải trình tiêu chí 1.1.2' });
    } finally {
      store.afterApply = undefined;
    }
    expect(crashed).toBe(1);
    expect500(r);
    expect(await listed(unit)).toMatchObject({ status: 'RETURNED', version: inAppraisal.version + 1 });
    await sleep(300);
    expect(runner().currentStep(C, unit)).toBe('appraisal');

    const a = await flow.read(unit);
    expect(a).toMatchObject({ status: 'RETURNED', returnReason: 'Giải trình tiêu chí 1.1.2', version: inAppraisal.version + 1 });
    expect(
      await eventually(
        () => runner().currentStep(C, unit),
        (s) => s === 'submission',
      ),
    ).toBe('submission');
    await agree(unit, { status: 'RETURNED', selfLocked: false });
    const audit = await auditOf(unit);
    expect(audit.filter((e) => e.action === 'return')).toHaveLength(1);
    expect(steps(audit)).toEqual([
      ['submit', 'DRAFT', 'SUBMITTED'],
      ['status', 'SUBMITTED', 'IN_APPRAISAL'],
      ['return', 'IN_APPRAISAL', 'RETURNED'],
    ]);
    // The commune goes on: resubmits, and the machine follows.
    const again = ok(await flow.submit(unit, chair, a.version), 'SUBMITTED');
    await agree(unit, again);
    expect((await auditOf(unit)).filter((e) => e.action === 'return')).toHaveLength(1);
  });

  it('(d) the lifecycle task fails once storing its token: Retry/Catch → Resync brings the machine back to the right wait, and that wait answers callbacks', async () => {
    const unit = 'tan-quang';
    const chair = await flow.token('commune_chair', unit);
    const saved = okSave(await flow.saveSelf(unit, chair, 0, flow.full()), 'DRAFT');
    await agree(unit, saved);

    const original = store.putWait;
    let failures = 0;
    store.putWait = async function (this: Store, cycleId, unitId, w) {
      if (unitId === unit && w.step === 'appraisal' && failures++ === 0)
        throw Object.assign(new Error('Throughput exceeds the current capacity'), {
          name: 'ProvisionedThroughputExceededException',
        });
      return original.call(this, cycleId, unitId, w);
    };
    let submitted;
    try {
      submitted = ok(await flow.submit(unit, chair, saved.version), 'SUBMITTED');
      expect(
        await eventually(
          () => runner().currentStep(C, unit),
          (s) => s === 'appraisal',
          8000,
        ),
      ).toBe('appraisal');
      expect(
        await eventually(
          () => store.getWait(C, unit),
          (w) => w?.step === 'appraisal',
          8000,
        ),
      ).toMatchObject({ step: 'appraisal' });
    } finally {
      delete (store as { putWait?: unknown }).putWait;
    }
    // It did fail once, and registered again after the Resync.
    expect(failures).toBe(2);
    await agree(unit, submitted);
    // The wait registered after the Resync is live: a step moves the machine without any repair by a read.
    const sec = await flow.secretary(unit);
    const ret = ok(await flow.post(unit, '/return', sec, { version: submitted.version, reason: 'Bổ sung' }), 'RETURNED');
    expect(
      await eventually(
        () => runner().currentStep(C, unit),
        (s) => s === 'submission',
      ),
    ).toBe('submission');
    await agree(unit, ret);
  });
});

describe('restart', () => {
  it('stopped in the middle of an appraisal: the runner resumes every execution at the right wait; the appraisal continues and completes', async () => {
    const inAppraisal = 'ba-hang';
    const untouched = 'bai-bong';
    const locked = 'thanh-cong';
    const sec = await flow.secretary(inAppraisal);

    // A commune locked by its deadline, to come back waiting for the late decision.
    const soon = new Date(Date.now() + 1500).toISOString();
    ok(
      await flow.post(locked, '/deadline', await flow.secretary(locked), { deadline: soon, version: 0, shorten: true }),
      'DRAFT',
    );

    await flow.fillAndSubmit(inAppraisal);
    const firstRows = flow.leaves.slice(0, 40).map((l) => l.code);
    const partial = await flow.appraiseAtSelf(inAppraisal, firstRows);
    // One row appraised below the self score, with the comment the rules ask for.
    const lowered = okSave(
      await flow.appraise(inAppraisal, sec, partial.version, { '1.2.1': { score: 0.25, comment: 'Thiếu văn bản triển khai' } }),
      'IN_APPRAISAL',
    );
    await agree(inAppraisal, lowered);
    await agree(untouched, { status: 'DRAFT', selfLocked: false });
    expect(
      await eventually(
        () => runner().currentStep(C, locked),
        (s) => s === 'late-decision',
        8000,
      ),
    ).toBe('late-decision');
    const before = await snapshot(api, province, C, inAppraisal);

    await stack.stop();
    expect(runner().currentStep(C, inAppraisal)).toBeUndefined();
    const { startLocalStack } = await import('../../local/stack.js');
    stack = await startLocalStack({ port: 0, dataDir: env.dataDir, seed: true });
    api.url = stack.url;

    // The new runner resumed by itself (no read of these assessments yet).
    expect(
      await eventually(
        () => runner().currentStep(C, inAppraisal),
        (s) => s === 'appraisal',
      ),
    ).toBe('appraisal');
    expect(
      await eventually(
        () => runner().currentStep(C, untouched),
        (s) => s === 'submission',
      ),
    ).toBe('submission');
    expect(
      await eventually(
        () => runner().currentStep(C, locked),
        (s) => s === 'late-decision',
      ),
    ).toBe('late-decision');

    // Nothing lost.
    const after = await snapshot(api, province, C, inAppraisal);
    expect(after.assessment).toEqual(before.assessment);
    expect(after.audit).toEqual(before.audit);
    expect(after.assessment.items['1.2.1']).toMatchObject({ appraisedScore: 0.25, appraisalComment: 'Thiếu văn bản triển khai' });
    expect(after.assessment.items['1.1.1']).toMatchObject({ selfScore: 1, appraisedScore: 1 });
    await agree(untouched, { status: 'DRAFT', selfLocked: false });
    await agree(locked, { status: 'DRAFT', selfLocked: true });

    // The secretary continues where the appraisal stopped and completes it.
    const rest = flow.leaves.slice(40).map((l) => l.code);
    const all = await flow.appraiseAtSelf(inAppraisal, rest);
    // The save answers only the rows it named: the row appraised before the restart is read back.
    expect((await flow.read(inAppraisal)).items['1.2.1']?.appraisedScore).toBe(0.25);
    const done = ok(await flow.post(inAppraisal, '/complete', sec, { version: all.version }), 'APPRAISED');
    // 1.2.1 is worth 0,5; appraised at 0,25: 99,75.
    expect(done.totals.appraised.points).toBe(99.75);
    await agree(inAppraisal, done);
    expect(runner().currentStep(C, inAppraisal)).toBe('approval');
  });
});
