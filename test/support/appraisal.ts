/**
 * Helpers for the appraisal and lifecycle integration tests: the requests of each role, the wait the
 * lifecycle state machine should be in for a stored status (written here from Decision 4203's Điều 6
 * and the API's status list, not taken from the definition under test), and polling.
 */
import { expect } from 'vitest';
import type { LocalLifecycleRunner } from '../../local/lifecycle-runner.js';
import {
  assessmentResponse,
  rowSaveResponse,
  unitsResponse,
  type AssessmentResponse,
  type RowSaveResponse,
} from '../../shared/schemas.js';
import { Api, assessmentPath, leavesOf, type Reply } from './api.js';

export type Step = 'submission' | 'late-decision' | 'appraisal' | 'approval' | 'publication' | 'report';
export type Leaf = Awaited<ReturnType<typeof leavesOf>>[number];

/**
 * The human step an assessment waits for, by its stored status: the commune submits (or, once its
 * deadline has passed and locked it, the district decides on the late report); the district appraises
 * (also while it is being appraised); the district chairman approves; then it is published; then reported.
 */
export function expectedStep(status: string, selfLocked: boolean): Step | undefined {
  if (status === 'DRAFT' || status === 'RETURNED') return selfLocked ? 'late-decision' : 'submission';
  if (status === 'SUBMITTED' || status === 'IN_APPRAISAL') return 'appraisal';
  if (status === 'APPRAISED') return 'approval';
  if (status === 'APPROVED') return 'publication';
  if (status === 'PUBLISHED') return 'report';
  return undefined;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads until `ok` holds or the time is up; answers the last value read (the caller asserts on it). */
export async function eventually<T>(
  read: () => T | Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 3000,
  everyMs = 15,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await sleep(everyMs);
  }
}

/** The requests of every role on one cycle's assessments. */
export class Flow {
  leaves: Leaf[] = [];
  districtOf = new Map<string, string>();
  /** Who appraises this cycle (its units come from the organisation it opened with). */
  level: 'district' | 'province' = 'district';
  private tokens = new Map<string, Promise<string>>();

  constructor(
    public api: Api,
    readonly cycleId: string,
  ) {}

  async init(): Promise<this> {
    const province = await this.token('province');
    this.leaves = await leavesOf(this.api, province);
    const ofCycle = await this.api.get(`/api/units?cycleId=${encodeURIComponent(this.cycleId)}`, province);
    const units = unitsResponse.parse((ofCycle.status === 200 ? ofCycle : await this.api.get('/api/units', province)).body);
    this.level = units.appraisingLevel;
    for (const d of units.appraisingUnits) for (const c of d.communes) this.districtOf.set(c.id, d.id);
    return this;
  }

  /** A cached dev token (the stack keeps its signing secret across a restart). */
  token(role: Parameters<Api['token']>[0], unitId?: string, areas?: string[], name?: string): Promise<string> {
    const key = JSON.stringify([role, unitId, areas, name]);
    if (!this.tokens.has(key)) this.tokens.set(key, this.api.token(role, unitId, areas, name));
    return this.tokens.get(key)!;
  }

  district(unit: string): string {
    const d = this.districtOf.get(unit);
    if (!d) throw new Error(`no district for ${unit}`);
    return d;
  }

  path(unit: string, tail = ''): string {
    return assessmentPath(this.cycleId, unit) + tail;
  }

  secretary(unit: string, name = 'Trần Thị Thư Ký') {
    return this.level === 'province'
      ? this.token('province_secretary', undefined, undefined, name)
      : this.token('district_secretary', this.district(unit), undefined, name);
  }

  async read(unit: string, token?: string): Promise<AssessmentResponse> {
    const r = await this.api.get(this.path(unit), token ?? (await this.token('province')));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return assessmentResponse.parse(r.body);
  }

  saveSelf(unit: string, token: string, version: number, items: Record<string, unknown>) {
    return this.api.request('PUT', this.path(unit, '/self'), { token, body: { version, items } });
  }

  submit(unit: string, token: string, version: number) {
    return this.api.request('POST', this.path(unit, '/submit'), { token, body: { version } });
  }

  appraise(unit: string, token: string, version: number, items: Record<string, unknown>) {
    return this.api.request('PUT', this.path(unit, '/appraisal'), { token, body: { version, items } });
  }

  post(unit: string, tail: '/return' | '/complete' | '/accept-late' | '/deadline', token: string, body: unknown) {
    return this.api.request('POST', this.path(unit, tail), { token, body });
  }

  evidence(unit: string, token: string, code = '1.1.1') {
    return this.api.request('POST', this.path(unit, '/evidence'), {
      token,
      body: { code, fileName: 'Báo cáo.pdf', contentType: 'application/pdf', size: 1000 },
    });
  }

  /** Every scored row at its maximum. */
  full(): Record<string, { score: number }> {
    return Object.fromEntries(this.leaves.map((l) => [l.code, { score: l.max }]));
  }

  leavesOfArea(area: string): Leaf[] {
    return this.leaves.filter((l) => l.area === area);
  }

  /** The commune chair scores every row at its maximum and submits: → SUBMITTED. */
  async fillAndSubmit(unit: string): Promise<AssessmentResponse> {
    const chair = await this.token('commune_chair', unit);
    const cur = await this.read(unit);
    const saved = await this.saveSelf(unit, chair, cur.version, this.full());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const r = await this.submit(unit, chair, rowSaveResponse.parse(saved.body).version);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return ok(r, 'SUBMITTED');
  }

  /**
   * The secretary appraises the given rows (default: every row) at the self score: → IN_APPRAISAL.
   * Answers the save's reply (those rows and the totals); `read` for the whole assessment.
   */
  async appraiseAtSelf(unit: string, codes = this.leaves.map((l) => l.code), token?: string): Promise<RowSaveResponse> {
    const cur = await this.read(unit);
    const items = Object.fromEntries(codes.map((c) => [c, { score: cur.items[c]!.selfScore }]));
    const r = await this.appraise(unit, token ?? (await this.secretary(unit)), cur.version, items);
    return okSave(r, 'IN_APPRAISAL', codes);
  }
}

/** A 200 carrying an assessment with this status. */
export function ok(r: Reply, status: string): AssessmentResponse {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const a = assessmentResponse.parse(r.body);
  expect(a.status).toBe(status);
  return a;
}

/**
 * A 200 answering a row save (PUT …/self or …/appraisal) with this status: the head, the totals, and
 * exactly the rows the request named (`codes`, when given).
 */
export function okSave(r: Reply, status: string, codes?: string[]): RowSaveResponse {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const a = rowSaveResponse.parse(r.body);
  expect(a.status).toBe(status);
  if (codes) expect(Object.keys(a.items).sort()).toEqual([...codes].sort());
  return a;
}

/**
 * DynamoDB's status and the machine's wait agree: first without any read of the assessment (a read
 * repairs a missed callback, so it would hide one), the machine reaches the wait that the status an
 * API reply reported calls for; then a read shows the same status, and the machine is still there.
 */
export async function expectAgreement(
  flow: Flow,
  runner: () => LocalLifecycleRunner,
  unit: string,
  reply?: { status: string; selfLocked: boolean },
) {
  const C = flow.cycleId;
  if (reply) {
    const want = expectedStep(reply.status, reply.selfLocked);
    const seen = await eventually(
      () => runner().currentStep(C, unit),
      (s) => s === want,
    );
    expect(seen, `${unit}: machine's wait for ${reply.status}${reply.selfLocked ? ' (locked)' : ''}`).toBe(want);
  }
  const a = await flow.read(unit);
  if (reply)
    expect({ status: a.status, selfLocked: a.selfLocked }).toEqual({ status: reply.status, selfLocked: reply.selfLocked });
  const want = expectedStep(a.status, a.selfLocked);
  const seen = await eventually(
    () => runner().currentStep(C, unit),
    (s) => s === want,
  );
  expect(seen, `${unit}: machine's wait for stored ${a.status}${a.selfLocked ? ' (locked)' : ''}`).toBe(want);
  return a;
}
