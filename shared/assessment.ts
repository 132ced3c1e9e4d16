/**
 * One commune's assessment in one cycle, as stored (one item: scores, status and version together, so
 * that every change is one conditional write) and the pure operations on it. Scores are hundredths.
 *
 * Concurrency: a write carries the `version` its author last read. Each row remembers the version at
 * which its self part and its appraisal part last changed (`selfRev`, `appraisalRev`). A write is
 * refused with CONFLICT only when a row it changes was changed by someone else after that version;
 * writers of different rows never block each other. The store retries the merge when the item moved
 * underneath it.
 */
import { formatDateTime } from './dates.js';
import { assertFutureDeadline, effectiveDeadline } from './deadlines.js';
import { Incomplete, InvalidInput, LifecycleViolation, NotPermitted, StaleVersion } from './errors.js';
import { checkLeafScore } from './frameworks/score.js';
import { kindOf, toHundredths, toPoints, type Framework, type Hundredths, type UnitKind } from './framework.js';
import { transition, type AssessmentStatus, type LifecycleEvent } from './lifecycle.js';
import type { AuditAction } from './labels.js';
import { mayAppraiseArea, type Principal } from './permissions.js';
import type {
  AssessmentResponse,
  AssessmentRow,
  AssessmentSummary,
  AuditEntry,
  Cycle,
  Evidence,
  RowSaveResponse,
  SaveAppraisalRequest,
  SaveSelfRequest,
  SaveSurveyRequest,
} from './schemas.js';
import { scoreSheet, scoreSheetOf, type RowScore, type SheetTotals } from './scoring.js';
import { hasReached } from './status-order.js';

export interface StoredRow {
  self?: Hundredths | null;
  notApplicable?: boolean;
  explanation?: string;
  appraised?: Hundredths | null;
  comment?: string;
  evidence?: Evidence[];
  selfRev?: number;
  appraisalRev?: number;
}

export interface Assessment {
  cycleId: string;
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  districtId: string;
  provinceId: string;
  frameworkId: string;
  status: AssessmentStatus;
  selfLocked: boolean;
  version: number;
  rows: Record<string, StoredRow>;
  returnReason?: string;
  submittedAt?: string;
  late?: boolean;
  /** A self-assessment deadline the district set for this commune alone (extension). */
  deadline?: string;
  updatedAt: string;
}

/** The rows' parts that scoring reads: what an assessment's compact summary keeps of each row. */
export type ScoreRow = Pick<StoredRow, 'self' | 'appraised' | 'notApplicable'>;

/**
 * An assessment's figures without its texts and evidence: what rankings, the consolidated view, the
 * public results and the spreadsheets read (the store's compact summaries). A full Assessment is one too.
 */
export type AssessmentFigures = Omit<Assessment, 'rows' | 'returnReason'> & {
  rows: Record<string, ScoreRow>;
  /** The same rows as arrays in `fw.leaves` order, where the reader already has them (a summary). */
  readonly leafScores?: LeafScores;
  /**
   * totalsOf's answer, where the reader computed it as the summary arrived (never set on a full assessment);
   * `frameworkId` is the scoringKeyOf of the set it was scored against (and the leafScores are of).
   */
  readonly totals?: { frameworkId: string; self: SheetTotals; appraised: SheetTotals };
};

/** Each leaf's hundredths in `fw.leaves` order (−1 unscored), both sides, and its not-applicable mark (1). */
export interface LeafScores {
  self: ArrayLike<number>;
  appraised: ArrayLike<number>;
  notApplicable: ArrayLike<number>;
}

/** What cached leaf scores and totals are of: the framework and its criteria set (a framework may hold several). */
export const scoringKeyOf = (fw: Pick<Framework, 'id' | 'setId'>): string => (fw.setId ? `${fw.id}~${fw.setId}` : fw.id);

export function leafScoresOf(fw: Framework, a: AssessmentFigures): LeafScores {
  // A summary's arrays are of the set it was read in (its totals name it): another set's are not these leaves.
  if (a.leafScores && a.frameworkId === fw.id && (a.totals === undefined || a.totals.frameworkId === scoringKeyOf(fw)))
    return a.leafScores;
  const n = fw.leaves.length;
  const out = { self: new Array<number>(n), appraised: new Array<number>(n), notApplicable: new Array<number>(n) };
  for (let i = 0; i < n; i++) {
    const r = a.rows[fw.leaves[i]!.code];
    out.self[i] = r?.self ?? -1;
    out.appraised[i] = r?.appraised ?? -1;
    out.notApplicable[i] = r?.notApplicable ? 1 : 0;
  }
  return out;
}

export interface Change {
  next: Assessment;
  audit: AuditEntry[];
}

interface Actor {
  principal: Principal;
  now: string;
}

function entry(actor: Actor, action: AuditAction, extra: Partial<AuditEntry> = {}): AuditEntry {
  return { at: actor.now, by: actor.principal.name, role: actor.principal.role, action, ...extra };
}

const pts = (h: Hundredths | null | undefined) => (h === undefined || h === null ? null : toPoints(h));

export function newAssessment(
  init: Omit<Assessment, 'status' | 'selfLocked' | 'version' | 'rows' | 'updatedAt'>,
  now: string,
): Assessment {
  return { ...init, status: 'DRAFT', selfLocked: false, version: 0, rows: {}, updatedAt: now };
}

function leafOrFail(fw: Framework, code: string, field: string) {
  const node = fw.byCode.get(code);
  if (!node) throw new InvalidInput(`Không có tiêu chí mã ${code}`, [{ field, code }]);
  if (node.children.length > 0)
    throw new InvalidInput(`Tiêu chí ${code} được tính từ các tiêu chí thành phần; hãy chấm điểm từng tiêu chí thành phần`, [
      { field, code },
    ]);
  return node;
}

/** Who sets a score: the unit, the council, or the survey (the secretary by hand, until survey rounds). */
type ScoreSource = 'self' | 'appraisal' | 'survey';

function scoreOrFail(
  fw: Framework,
  code: string,
  score: number | null | undefined,
  field: string,
  source: ScoreSource,
): Hundredths | null | undefined {
  const node = fw.byCode.get(code)!;
  // What each kind of row accepts, and from whom: the one statement of it (shared/frameworks/score.ts).
  const asDoc = { code, maxPoints: node.max, kind: kindOf(node), options: node.options, children: node.children };
  const kindProblem = (h: Hundredths) => checkLeafScore(asDoc, h, source);
  // Who may set the row comes first: a survey row refuses the unit's and the council's entries, even a clearing.
  const who = kindProblem(0);
  if (who && (kindOf(node) === 'survey' || source === 'survey')) throw new InvalidInput(who, [{ field, code }]);
  if (score === undefined || score === null) return score;
  const h = toHundredths(score);
  if (!Number.isFinite(h)) throw new InvalidInput(`Điểm của ${code} có tối đa hai chữ số thập phân`, [{ field, code }]);
  // The schema refuses negatives too, but the domain must not depend on it: a stored negative would be
  // summed by scoreSheet yet read as "unscored" (−1) by scoreLeaves, so the two would disagree.
  if (h < 0) throw new InvalidInput(`Điểm của ${code} không được âm`, [{ field, code }]);
  if (h > node.max)
    throw new InvalidInput(`Điểm của ${code} không được vượt quá điểm tối đa ${String(toPoints(node.max)).replace('.', ',')}`, [
      { field, code, max: toPoints(node.max) },
    ]);
  // Within range: a yes-no row takes 0 or its maximum, a choice row one option's points.
  const problem = kindProblem(h);
  if (problem) throw new InvalidInput(problem, [{ field, code }]);
  return h;
}

function checkBase(a: Assessment, baseVersion: number) {
  if (baseVersion > a.version)
    throw new StaleVersion('Phiên bản gửi lên không tồn tại; vui lòng tải lại.', { version: a.version });
}

function step(a: Assessment, event: LifecycleEvent): Pick<Assessment, 'status' | 'selfLocked'> {
  return transition({ status: a.status, selfLocked: a.selfLocked }, event);
}

/** Merges a commune's self scores into its assessment (PUT …/self). */
export function applySelf(fw: Framework, a: Assessment, req: SaveSelfRequest, actor: Actor): Change {
  step(a, 'saveSelf');
  checkBase(a, req.version);
  const rows = { ...a.rows };
  const audit: AuditEntry[] = [];
  const conflicts: { code: string; current: unknown }[] = [];
  const nextVersion = a.version + 1;
  for (const [code, input] of Object.entries(req.items)) {
    const node = leafOrFail(fw, code, `items.${code}`);
    const before = rows[code] ?? {};
    const after: StoredRow = { ...before };
    if (input.notApplicable !== undefined) {
      if (input.notApplicable && !node.notApplicableAllowed)
        throw new InvalidInput(`Tiêu chí ${code} không được đánh dấu "không áp dụng"`, [
          { field: `items.${code}.notApplicable`, code },
        ]);
      after.notApplicable = input.notApplicable;
      if (input.notApplicable) after.self = null;
    }
    if (input.score !== undefined) {
      const h = scoreOrFail(fw, code, input.score, `items.${code}.score`, 'self');
      if (h !== null && h !== undefined && after.notApplicable)
        throw new InvalidInput(`Tiêu chí ${code} đang được đánh dấu "không áp dụng" nên không chấm điểm`, [
          { field: `items.${code}.score`, code },
        ]);
      after.self = h ?? null;
    }
    if (input.explanation !== undefined) after.explanation = input.explanation;
    const changed: AuditEntry[] = [];
    if ((before.self ?? null) !== (after.self ?? null))
      changed.push(entry(actor, 'self.score', { code, from: pts(before.self), to: pts(after.self) }));
    if ((before.notApplicable ?? false) !== (after.notApplicable ?? false))
      changed.push(
        entry(actor, 'self.notApplicable', { code, from: before.notApplicable ?? false, to: after.notApplicable ?? false }),
      );
    if ((before.explanation ?? '') !== (after.explanation ?? ''))
      changed.push(entry(actor, 'self.explanation', { code, from: before.explanation ?? '', to: after.explanation ?? '' }));
    if (changed.length === 0) continue;
    if ((before.selfRev ?? 0) > req.version)
      conflicts.push({
        code,
        current: { score: pts(before.self), notApplicable: before.notApplicable ?? false, explanation: before.explanation ?? '' },
      });
    after.selfRev = nextVersion;
    rows[code] = after;
    audit.push(...changed);
  }
  if (conflicts.length > 0)
    throw new StaleVersion('Một số dòng vừa được người khác thay đổi; vui lòng xem giá trị mới rồi lưu lại.', {
      version: a.version,
      conflicts,
    });
  if (audit.length === 0) return { next: a, audit };
  return { next: { ...a, rows, version: nextVersion, updatedAt: actor.now }, audit };
}

/** Merges appraised scores and comments (PUT …/appraisal); an appraiser only within the areas assigned. */
export function applyAppraisal(fw: Framework, a: Assessment, req: SaveAppraisalRequest, actor: Actor): Change {
  const state = step(a, 'saveAppraisal');
  checkBase(a, req.version);
  const rows = { ...a.rows };
  const audit: AuditEntry[] = [];
  const conflicts: { code: string; current: unknown }[] = [];
  const nextVersion = a.version + 1;
  for (const [code, input] of Object.entries(req.items)) {
    const node = leafOrFail(fw, code, `items.${code}`);
    if (!mayAppraiseArea(actor.principal, node.area))
      throw new NotPermitted(`Bạn không được phân công thẩm định lĩnh vực ${node.area} (tiêu chí ${code})`, [
        { code, area: node.area },
      ]);
    const before = rows[code] ?? {};
    const after: StoredRow = { ...before };
    if (input.score !== undefined)
      after.appraised = scoreOrFail(fw, code, input.score, `items.${code}.score`, 'appraisal') ?? null;
    if (input.comment !== undefined) after.comment = input.comment;
    if (
      after.appraised !== null &&
      after.appraised !== undefined &&
      !after.notApplicable &&
      after.appraised !== (after.self ?? null) &&
      !(after.comment ?? '').trim()
    )
      throw new InvalidInput(`Điểm thẩm định của ${code} khác điểm tự đánh giá: cần ghi nhận xét`, [
        { field: `items.${code}.comment`, code },
      ]);
    const changed: AuditEntry[] = [];
    if ((before.appraised ?? null) !== (after.appraised ?? null))
      changed.push(entry(actor, 'appraisal.score', { code, from: pts(before.appraised), to: pts(after.appraised) }));
    if ((before.comment ?? '') !== (after.comment ?? ''))
      changed.push(entry(actor, 'appraisal.comment', { code, from: before.comment ?? '', to: after.comment ?? '' }));
    if (changed.length === 0) continue;
    if ((before.appraisalRev ?? 0) > req.version)
      conflicts.push({ code, current: { score: pts(before.appraised), comment: before.comment ?? '' } });
    after.appraisalRev = nextVersion;
    rows[code] = after;
    audit.push(...changed);
  }
  if (conflicts.length > 0)
    throw new StaleVersion('Một số dòng vừa được người khác thay đổi; vui lòng xem giá trị mới rồi lưu lại.', {
      version: a.version,
      conflicts,
    });
  const statusChanged = state.status !== a.status;
  if (statusChanged) audit.push(entry(actor, 'status', { from: a.status, to: state.status }));
  if (audit.length === 0) return { next: a, audit };
  return { next: { ...a, ...state, rows, version: nextVersion, updatedAt: actor.now }, audit };
}

/**
 * The points of the framework's survey rows, set by the council's secretary (PUT …/survey), in any status
 * before APPROVED. They are both the row's self and appraised score and do not start the appraisal.
 */
export function applySurvey(fw: Framework, a: Assessment, req: SaveSurveyRequest, actor: Actor): Change {
  if (hasReached(a.status, 'APPROVED'))
    throw new LifecycleViolation('Kết quả đã được phê duyệt: không sửa điểm điều tra xã hội học nữa.', { status: a.status });
  checkBase(a, req.version);
  const rows = { ...a.rows };
  const audit: AuditEntry[] = [];
  const conflicts: { code: string; current: unknown }[] = [];
  const nextVersion = a.version + 1;
  for (const [code, input] of Object.entries(req.items)) {
    leafOrFail(fw, code, `items.${code}`);
    const h = scoreOrFail(fw, code, input.score, `items.${code}.score`, 'survey') ?? null;
    const before = rows[code] ?? {};
    if ((before.appraised ?? null) === h && (before.self ?? null) === h) continue;
    if ((before.selfRev ?? 0) > req.version || (before.appraisalRev ?? 0) > req.version)
      conflicts.push({ code, current: { score: pts(before.appraised) } });
    rows[code] = { ...before, self: h, appraised: h, selfRev: nextVersion, appraisalRev: nextVersion };
    audit.push(entry(actor, 'survey.score', { code, from: pts(before.appraised), to: pts(h) }));
  }
  if (conflicts.length > 0)
    throw new StaleVersion('Một số dòng vừa được người khác thay đổi; vui lòng xem giá trị mới rồi lưu lại.', {
      version: a.version,
      conflicts,
    });
  if (audit.length === 0) return { next: a, audit };
  return { next: { ...a, rows, version: nextVersion, updatedAt: actor.now }, audit };
}

/** The survey rows of an assessment still without points (approval needs none: 422). */
export function surveyRowsMissing(fw: Framework, a: AssessmentFigures): string[] {
  const scores = leafScoresOf(fw, a);
  const out: string[] = [];
  fw.leaves.forEach((l, i) => {
    if (kindOf(l) === 'survey' && scores.notApplicable[i] !== 1 && scores.appraised[i]! < 0) out.push(l.code);
  });
  return out;
}

const lockLabel = (locked: boolean) => (locked ? 'khóa (hết hạn tự đánh giá)' : 'mở');

function requireExactVersion(a: Assessment, v: number) {
  if (v !== a.version)
    throw new StaleVersion('Hồ sơ đã thay đổi kể từ khi bạn mở; vui lòng tải lại trước khi thực hiện.', { version: a.version });
}

/** A status step (submit, return, complete, …). Steps need the exact current version. */
export function applyStep(
  fw: Framework,
  a: Assessment,
  event: LifecycleEvent,
  actor: Actor,
  opts: { version?: number; reason?: string } = {},
): Change {
  const state = step(a, event);
  if (opts.version !== undefined) requireExactVersion(a, opts.version);
  if (event === 'submit') {
    const missing = scoreSheet(fw, selfRowOf(a)).missing;
    if (missing.length > 0) throw new Incomplete(`Còn ${missing.length} tiêu chí chưa chấm điểm`, { codes: missing });
  }
  if (event === 'complete') {
    const missing = scoreSheet(fw, appraisedRowOf(a)).missing;
    if (missing.length > 0) throw new Incomplete(`Còn ${missing.length} tiêu chí chưa có điểm thẩm định`, { codes: missing });
  }
  const next: Assessment = { ...a, ...state, version: a.version + 1, updatedAt: actor.now };
  if (event === 'submit' || event === 'acceptLate') {
    next.submittedAt = actor.now;
    delete next.returnReason;
  }
  if (event === 'acceptLate') next.late = true;
  if (event === 'return') next.returnReason = opts.reason;
  const to = opts.reason ? { status: state.status, selfLocked: state.selfLocked, reason: opts.reason } : state.status;
  // The deadline's lock doesn't change the status: the audit shows the lock itself (mở → khóa).
  const lockOnly = event === 'deadlinePassed' || event === 'extendDeadline';
  const audit = [
    lockOnly
      ? entry(actor, event, { from: lockLabel(a.selfLocked), to: lockLabel(state.selfLocked) })
      : entry(actor, event, { from: a.status, to }),
  ];
  return { next, audit };
}

/** Adds or removes evidence on a row; evidence changes don't conflict with score edits. */
export function applyEvidence(
  fw: Framework,
  a: Assessment,
  code: string,
  change: { add?: Evidence; removeId?: string },
  actor: Actor,
): Change {
  step(a, 'editEvidence');
  leafOrFail(fw, code, 'code');
  const row = a.rows[code] ?? {};
  const list = row.evidence ?? [];
  const audit: AuditEntry[] = [];
  let evidence = list;
  if (change.add) {
    evidence = [...list, change.add];
    audit.push(entry(actor, 'evidence.add', { code, to: change.add.fileName }));
  }
  if (change.removeId) {
    const gone = list.find((e) => e.id === change.removeId);
    evidence = list.filter((e) => e.id !== change.removeId);
    if (gone) audit.push(entry(actor, 'evidence.remove', { code, from: gone.fileName }));
  }
  return {
    next: { ...a, rows: { ...a.rows, [code]: { ...row, evidence } }, version: a.version + 1, updatedAt: actor.now },
    audit,
  };
}

export const selfRowOf =
  (a: AssessmentFigures) =>
  (code: string): RowScore | undefined => {
    const r = a.rows[code];
    return r && { score: r.self, notApplicable: r.notApplicable };
  };

export const appraisedRowOf =
  (a: AssessmentFigures) =>
  (code: string): RowScore | undefined => {
    const r = a.rows[code];
    return r && { score: r.appraised, notApplicable: r.notApplicable };
  };

/** Both sides' totals, by the one scoring function (scoreSheetOf is scoreSheet's core, over arrays). */
export function totalsOf(fw: Framework, a: AssessmentFigures): { self: SheetTotals; appraised: SheetTotals } {
  if (a.totals?.frameworkId === scoringKeyOf(fw)) return a.totals;
  const l = leafScoresOf(fw, a);
  return { self: scoreSheetOf(fw, l.self, l.notApplicable), appraised: scoreSheetOf(fw, l.appraised, l.notApplicable) };
}

const side = (t: SheetTotals) => ({
  points: toPoints(t.points),
  applicableMax: toPoints(t.applicableMax),
  index: toPoints(t.index),
  class: t.class,
  main: toPoints(t.main),
  bonus: toPoints(t.bonus),
  penalty: toPoints(t.penalty),
  percent: toPoints(t.percent),
});

/** One scored row as the API shows it. */
function itemOf(r: StoredRow = {}): AssessmentRow {
  return {
    selfScore: pts(r.self),
    appraisedScore: pts(r.appraised),
    notApplicable: r.notApplicable ?? false,
    explanation: r.explanation ?? '',
    appraisalComment: r.comment ?? '',
    evidence: r.evidence ?? [],
  };
}

/** Both sides' totals and each area's, from scoreSheet (through totalsOf). */
function totalsBody(fw: Framework, a: Assessment): AssessmentResponse['totals'] {
  const { self, appraised } = totalsOf(fw, a);
  const areas: AssessmentResponse['totals']['areas'] = {};
  for (const area of fw.areas) {
    const s = self.nodes[area.code]!;
    const ap = appraised.nodes[area.code]!;
    const base = hasReached(a.status, 'IN_APPRAISAL') ? ap : s;
    areas[area.code] = {
      self: toPoints(s.points),
      appraised: toPoints(ap.points),
      max: toPoints(area.max),
      achievementPct: toPoints(base.achievementPct),
    };
  }
  return { self: side(self), appraised: side(appraised), areas };
}

/** The assessment's head: where it is in its lifecycle, at which version. */
function headOf(a: Assessment) {
  return {
    status: a.status,
    selfLocked: a.selfLocked,
    version: a.version,
    ...(a.returnReason ? { returnReason: a.returnReason } : {}),
    ...(a.submittedAt ? { submittedAt: a.submittedAt } : {}),
    ...(a.deadline ? { deadline: a.deadline } : {}),
    ...(a.late ? { late: true } : {}),
  };
}

/** The API's view of an assessment (GET …/assessments/{unitId}). */
export function toAssessmentResponse(fw: Framework, a: Assessment): AssessmentResponse {
  const items: AssessmentResponse['items'] = {};
  for (const leaf of fw.leaves) items[leaf.code] = itemOf(a.rows[leaf.code]);
  return {
    cycleId: a.cycleId,
    unitId: a.unitId,
    unitName: a.unitName,
    unitKind: a.unitKind,
    appraisingUnitId: a.districtId,
    districtId: a.districtId,
    frameworkId: a.frameworkId,
    ...headOf(a),
    items,
    totals: totalsBody(fw, a),
  };
}

/**
 * The answer of a row save (PUT …/self, PUT …/appraisal): the head, the new totals, and only the rows
 * `codes` names (the request's; a code that is no scored row of the framework is left out).
 */
export function toRowSaveResponse(fw: Framework, a: Assessment, codes: Iterable<string>): RowSaveResponse {
  const items: RowSaveResponse['items'] = {};
  for (const code of codes) if (fw.byCode.get(code)?.children.length === 0) items[code] = itemOf(a.rows[code]);
  return { cycleId: a.cycleId, unitId: a.unitId, ...headOf(a), items, totals: totalsBody(fw, a) };
}

export function toAssessmentSummary(fw: Framework, a: AssessmentFigures): AssessmentSummary {
  const { self, appraised } = totalsOf(fw, a);
  return {
    unitId: a.unitId,
    unitName: a.unitName,
    unitKind: a.unitKind,
    appraisingUnitId: a.districtId,
    districtId: a.districtId,
    status: a.status,
    version: a.version,
    progress: { scored: self.scored, applicable: self.applicable },
    selfLocked: a.selfLocked,
    late: a.late === true,
    ...(a.deadline ? { deadline: a.deadline } : {}),
    ...(a.submittedAt ? { submittedAt: a.submittedAt } : {}),
    self: { points: toPoints(self.points), index: toPoints(self.index), percent: toPoints(self.percent), class: self.class },
    appraised: {
      points: toPoints(appraised.points),
      index: toPoints(appraised.index),
      percent: toPoints(appraised.percent),
      class: appraised.class,
    },
  };
}

/**
 * A new self-assessment deadline for one commune (the district secretary's extension). A date earlier
 * than the one in force (its own, else the cycle's) is another act, taken only when `shorten` says so
 * and audited apart: an extension dialog pre-filled with a nearer date once moved 07/01/2027 back to
 * 15/12/2026 unnoticed.
 */
export function applyDeadline(
  a: Assessment,
  deadline: string,
  actor: Actor & { version?: number; shorten?: boolean },
  cycle: Pick<Cycle, 'selfAssessmentDeadline'>,
): Change {
  const state = step(a, 'extendDeadline');
  if (actor.version !== undefined) requireExactVersion(a, actor.version);
  assertFutureDeadline(deadline, actor.now);
  const current = effectiveDeadline(cycle, a);
  const shortens = current !== undefined && Date.parse(deadline) < Date.parse(current);
  if (shortens && actor.shorten !== true)
    throw new InvalidInput(
      `Hạn mới (${formatDateTime(deadline)}) sớm hơn hạn hiện tại (${formatDateTime(current)}): rút ngắn hạn cần được xác nhận riêng.`,
      [{ field: 'deadline', current }],
    );
  const audit = [
    shortens
      ? entry(actor, 'deadline.shorten', { from: current, to: deadline })
      : entry(actor, 'deadline', { from: a.deadline ?? null, to: deadline }),
  ];
  if (state.selfLocked !== a.selfLocked)
    audit.push(entry(actor, 'extendDeadline', { from: lockLabel(a.selfLocked), to: lockLabel(state.selfLocked) }));
  return { next: { ...a, ...state, deadline, version: a.version + 1, updatedAt: actor.now }, audit };
}
