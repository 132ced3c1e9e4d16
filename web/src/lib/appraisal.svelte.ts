/**
 * The appraisal screen's state (Điều 6.2): beside each row's self score, explanation and evidence, the
 * district's appraised score and comment; both totals live from the shared scoring function; autosave
 * through the same queue as the self-assessment form; return for clarification and completion.
 *
 * An appraiser edits only the areas assigned (the district's stored assignment wins over the token's
 * `areas` claim, as on the server); the secretary edits every area.
 */
import { SvelteMap } from 'svelte/reactivity';
import { ApiError, assessmentPath, get, post, put } from './api';
import { AutosaveQueue, type Conflict, type SaveState } from './autosave.svelte';
import { parseScore } from './score-input';
import { formatPoints } from './format';
import { scoreSheet, type SheetTotals } from '$shared/scoring';
import { toHundredths, type Framework, type Hundredths, type UnitKind } from '$shared/framework';
import type { AssessmentStatus } from '$shared/lifecycle';
import type { AssessmentResponse, Evidence } from '$shared/schemas';

export type AppraisalPatch = { score?: number | null; comment?: string };

export interface AppraisalRowState {
  code: string;
  area: string;
  max: Hundredths;
  /** The commune's side, read-only here. */
  selfScore: Hundredths | null;
  notApplicable: boolean;
  explanation: string;
  evidence: Evidence[];
  /** The appraised score field: what it shows, and its last valid value. */
  text: string;
  score: Hundredths | null;
  error: string;
  comment: string;
  conflict: { mine: AppraisalPatch } | null;
  missing: boolean;
}

const toPts = (h: Hundredths | null) => (h === null ? null : h / 100);
const fromPts = (p: number | null | undefined) => (p === null || p === undefined ? null : toHundredths(p));

/** The server's rule: an appraised score other than the self score needs a comment. */
export const needsComment = (r: AppraisalRowState) =>
  !r.notApplicable && r.score !== null && r.score !== r.selfScore && r.comment.trim() === '';

export const differs = (r: AppraisalRowState) => !r.notApplicable && r.score !== null && r.score !== r.selfScore;

export type StepResult = { ok: true } | { ok: false; message: string; missing?: string[] };

export class AppraisalForm {
  readonly fw: Framework;
  readonly path: string;
  readonly unitKind: UnitKind;
  readonly unitName: string;
  readonly cycleId: string;
  readonly unitId: string;
  readonly districtId: string;
  rows: Record<string, AppraisalRowState>;
  status = $state<AssessmentStatus>('SUBMITTED');
  late = $state(false);
  submittedAt = $state<string | undefined>(undefined);
  returnReason = $state<string | undefined>(undefined);
  notice = $state('');
  open = new SvelteMap<string, boolean>();

  /** Areas this user may appraise: null = every area (the secretary, or an appraiser without limits). */
  readonly areas: ReadonlySet<string> | null;
  readonly canAppraise: boolean;
  readonly saver: AutosaveQueue<AppraisalPatch>;

  selfSheet: SheetTotals;
  sheet: SheetTotals;
  /** Appraised minus self points over the rows appraised so far. */
  delta: Hundredths;
  editable: boolean;

  constructor(fw: Framework, a: AssessmentResponse, opts: { canAppraise: boolean; areas?: string[] | null }) {
    this.fw = fw;
    this.cycleId = a.cycleId;
    this.unitId = a.unitId;
    this.districtId = a.districtId;
    this.unitKind = a.unitKind;
    this.unitName = a.unitName;
    this.path = assessmentPath(a.cycleId, a.unitId);
    this.canAppraise = opts.canAppraise;
    this.areas = opts.areas ? new Set(opts.areas) : null;
    const rows: Record<string, AppraisalRowState> = {};
    for (const leaf of fw.leaves) {
      const it = a.items[leaf.code];
      const score = fromPts(it?.appraisedScore);
      rows[leaf.code] = {
        code: leaf.code,
        area: leaf.area,
        max: leaf.max,
        selfScore: fromPts(it?.selfScore),
        notApplicable: it?.notApplicable ?? false,
        explanation: it?.explanation ?? '',
        evidence: it?.evidence ?? [],
        text: formatPoints(score),
        score,
        error: '',
        comment: it?.appraisalComment ?? '',
        conflict: null,
        missing: false,
      };
    }
    this.rows = $state(rows);
    this.saver = new AutosaveQueue<AppraisalPatch>({
      version: a.version,
      canSend: () => this.editable,
      send: async (version, items) => {
        const res = await put<AssessmentResponse>(`${this.path}/appraisal`, { version, items });
        this.applyMeta(res);
        return res.version;
      },
      // Held in the browser until the comment the server requires is written.
      ready: (code) => !needsComment(this.rows[code]!),
      heldMessage: (codes) =>
        `Chưa lưu ${codes.length === 1 ? `tiêu chí ${codes[0]}` : `${codes.length} tiêu chí`}: điểm thẩm định khác điểm tự chấm, cần ghi nhận xét.`,
      onConflict: (c, mine) => this.onConflict(c, mine),
      onRefused: async (err) => {
        this.notice = err.message;
        await this.reload().catch(() => undefined);
      },
    });
    this.selfSheet = $derived(
      scoreSheet(this.fw, (code) => ({ score: this.rows[code]!.selfScore, notApplicable: this.rows[code]!.notApplicable })),
    );
    this.sheet = $derived(scoreSheet(this.fw, (code) => this.rows[code]));
    this.delta = $derived.by(() => {
      let d = 0;
      for (const leaf of this.fw.leaves) {
        const r = this.rows[leaf.code]!;
        if (!r.notApplicable && r.score !== null) d += r.score - (r.selfScore ?? 0);
      }
      return d;
    });
    this.editable = $derived(this.canAppraise && (this.status === 'SUBMITTED' || this.status === 'IN_APPRAISAL'));
    this.applyMeta(a);
    const first = fw.leaves.find(
      (l) => this.mayEditArea(l.area) && !this.rows[l.code]!.notApplicable && this.rows[l.code]!.score === null,
    );
    this.open.set(first?.area ?? fw.areas.find((x) => this.mayEditArea(x.code))?.code ?? fw.areas[0]!.code, true);
  }

  get save(): SaveState {
    return this.saver.save;
  }

  mayEditArea(area: string): boolean {
    return this.canAppraise && (this.areas === null || this.areas.has(area));
  }

  /** Whether this user may change the row now. */
  rowEditable(code: string): boolean {
    const r = this.rows[code]!;
    return this.editable && this.mayEditArea(r.area) && !r.notApplicable;
  }

  /** Rows with an appraised score (not-applicable rows need none). */
  get done(): number {
    return this.sheet.scored + (this.fw.leaves.length - this.sheet.applicable);
  }

  private applyMeta(a: AssessmentResponse) {
    this.saver?.seen(a.version);
    this.status = a.status;
    this.late = a.late ?? false;
    this.submittedAt = a.submittedAt;
    this.returnReason = a.returnReason;
  }

  // ---- edits ----

  setText(code: string, text: string) {
    const row = this.rows[code]!;
    row.text = text;
    const parsed = parseScore(text, row.max);
    if (!parsed.ok) {
      row.error = parsed.message;
      return;
    }
    row.error = '';
    row.missing = false;
    if (parsed.value === row.score) return;
    row.score = parsed.value;
    this.saver.queue(code, { score: toPts(parsed.value) });
  }

  normalise(code: string) {
    const row = this.rows[code]!;
    if (!row.error) row.text = formatPoints(row.score);
  }

  /** Takes the commune's score as the appraised one (no comment needed). */
  agree(code: string) {
    const row = this.rows[code]!;
    if (row.selfScore === null) return;
    this.setText(code, formatPoints(row.selfScore));
  }

  setComment(code: string, text: string) {
    this.rows[code]!.comment = text;
    this.saver.queue(code, { comment: text });
  }

  get hasUnsaved(): boolean {
    return this.saver.hasUnsaved;
  }

  flush(): Promise<void> {
    return this.saver.flush();
  }

  private onConflict(c: Conflict, mine: AppraisalPatch) {
    const row = this.rows[c.code];
    if (!row) return;
    const current = c.current as Partial<{ score: number | null; comment: string }>;
    row.score = fromPts(current.score);
    row.text = formatPoints(row.score);
    row.error = '';
    row.comment = current.comment ?? '';
    row.conflict = { mine };
    this.open.set(row.area, true);
  }

  keepMine(code: string) {
    const row = this.rows[code]!;
    if (!row.conflict) return;
    const { mine } = row.conflict;
    row.conflict = null;
    if (mine.score !== undefined) {
      row.score = fromPts(mine.score);
      row.text = formatPoints(row.score);
      row.error = '';
    }
    if (mine.comment !== undefined) row.comment = mine.comment;
    this.saver.queue(code, mine);
  }

  acceptTheirs(code: string) {
    this.rows[code]!.conflict = null;
    if (!this.fw.leaves.some((l) => this.rows[l.code]!.conflict)) this.saver.conflictsResolved();
  }

  /** Reads the assessment again; rows with unsaved edits keep what the user typed. */
  async reload(): Promise<void> {
    const a = await get<AssessmentResponse>(this.path);
    this.saver.version = a.version;
    this.applyMeta(a);
    for (const leaf of this.fw.leaves) {
      const row = this.rows[leaf.code]!;
      const it = a.items[leaf.code];
      if (!it) continue;
      row.selfScore = fromPts(it.selfScore);
      row.notApplicable = it.notApplicable;
      row.explanation = it.explanation;
      row.evidence = it.evidence;
      if (!this.saver.has(leaf.code) && !row.conflict && !row.error) {
        row.score = fromPts(it.appraisedScore);
        row.text = formatPoints(row.score);
        row.comment = it.appraisalComment;
      }
    }
  }

  // ---- steps (the secretary) ----

  /** Saves what is pending, then reads the version the step must carry. */
  private async prepare(): Promise<string | undefined> {
    const held = this.fw.leaves.filter((l) => this.saver.has(l.code) && needsComment(this.rows[l.code]!)).map((l) => l.code);
    if (held.length > 0) {
      for (const c of held) this.open.set(this.rows[c]!.area, true);
      return `Còn ${held.length} tiêu chí có điểm thẩm định khác điểm tự chấm nhưng chưa có nhận xét (${held.join(', ')}).`;
    }
    if (!(await this.saver.settle())) return 'Chưa lưu được các thay đổi. Vui lòng thử lại.';
    await this.reload();
    return undefined;
  }

  private async step(path: 'return' | 'complete', body: Record<string, unknown>): Promise<StepResult> {
    try {
      const a = await post<AssessmentResponse>(`${this.path}/${path}`, { version: this.saver.version, ...body });
      this.applyMeta(a);
      this.notice = '';
      return { ok: true };
    } catch (e) {
      const err = e as ApiError;
      if (err.code === 'INCOMPLETE') {
        const codes = ((err.details as { codes?: string[] } | undefined)?.codes ?? []).filter((c) => this.rows[c]);
        return { ok: false, message: err.message, missing: this.markMissing(codes) };
      }
      if (err.code === 'CONFLICT' || err.code === 'LIFECYCLE') await this.reload().catch(() => undefined);
      return { ok: false, message: err.message };
    }
  }

  /** Returns the assessment to the commune for clarification (Điều 6.2: the council may ask). */
  async returnToCommune(reason: string): Promise<StepResult> {
    const why = await this.prepare();
    if (why) return { ok: false, message: why };
    return this.step('return', { reason: reason.trim() });
  }

  /** Missing appraised scores, checked here first (the server checks again). */
  async checkComplete(): Promise<StepResult> {
    const why = await this.prepare();
    if (why) return { ok: false, message: why };
    const missing = this.markMissing(this.sheet.missing);
    if (missing.length > 0)
      return { ok: false, message: `Còn ${missing.length} tiêu chí chưa có điểm thẩm định (đã đánh dấu).`, missing };
    return { ok: true };
  }

  complete(): Promise<StepResult> {
    return this.step('complete', {});
  }

  markMissing(codes: string[]): string[] {
    const set = new Set(codes);
    for (const leaf of this.fw.leaves) this.rows[leaf.code]!.missing = set.has(leaf.code);
    for (const c of codes) this.open.set(this.rows[c]!.area, true);
    return codes;
  }
}
