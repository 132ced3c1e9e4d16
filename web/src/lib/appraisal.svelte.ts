/**
 * The appraisal screen's state (Điều 6.2): beside each row's self score, explanation and evidence, the
 * district's appraised score and comment; both totals live from the shared scoring function; autosave
 * through the same queue as the self-assessment form; return for clarification and completion.
 *
 * An appraiser edits only the areas assigned (the district's stored assignment wins over the token's
 * `areas` claim, as on the server); the secretary edits every area.
 */
import { call } from './api';
import { kindOf } from '$shared/framework';
import { hasReached } from '$shared/status-order';
import { decideScore } from './score-input';
import { RowForm, fromPts, scoredRow, toPts, type AssessmentHead, type ScoredRow, type StepResult } from './row-form.svelte';
import { formatPoints } from './format';
import { progressOf } from './progress';
import { scoreSheet, type SheetTotals } from '$shared/scoring';
import type { Framework, Hundredths } from '$shared/framework';
import type { AssessmentResponse, Evidence } from '$shared/schemas';

export type { StepResult } from './row-form.svelte';

export type AppraisalPatch = { score?: number | null; comment?: string };

export interface AppraisalRowState extends ScoredRow<AppraisalPatch> {
  area: string;
  /** The commune's side, read-only here. */
  selfScore: Hundredths | null;
  explanation: string;
  evidence: Evidence[];
  comment: string;
}

type Item = AssessmentResponse['items'][string];

/** The server's rule: an appraised score other than the self score needs a comment. */
export const needsComment = (r: AppraisalRowState) =>
  !r.notApplicable && r.score !== null && r.score !== r.selfScore && r.comment.trim() === '';

export const differs = (r: AppraisalRowState) => !r.notApplicable && r.score !== null && r.score !== r.selfScore;

function rowsOf(fw: Framework, a: AssessmentResponse): Record<string, AppraisalRowState> {
  const rows: Record<string, AppraisalRowState> = {};
  for (const leaf of fw.leaves) {
    const it = a.items[leaf.code];
    rows[leaf.code] = {
      ...scoredRow(leaf, fromPts(it?.appraisedScore)),
      area: leaf.area,
      selfScore: fromPts(it?.selfScore),
      notApplicable: it?.notApplicable ?? false,
      explanation: it?.explanation ?? '',
      evidence: it?.evidence ?? [],
      comment: it?.appraisalComment ?? '',
    };
  }
  return rows;
}

export class AppraisalForm extends RowForm<AppraisalRowState, AppraisalPatch> {
  readonly districtId: string;
  late = $state(false);

  /** Areas this user may appraise: null = every area (the secretary, or an appraiser without limits). */
  readonly areas: ReadonlySet<string> | null;
  readonly canAppraise: boolean;
  /** The council's secretary enters the survey rows' points (PUT …/survey), before approval. */
  readonly canEnterSurvey: boolean;
  /** Survey rows whose points are being saved (PUT …/survey). */
  private surveySaving = new Set<string>();

  selfSheet: SheetTotals;
  /** Appraised minus self points over the rows appraised so far. */
  delta: Hundredths;

  constructor(
    fw: Framework,
    a: AssessmentResponse,
    opts: { canAppraise: boolean; areas?: string[] | null; canEnterSurvey?: boolean },
  ) {
    super(fw, a, rowsOf(fw, a), 'appraisal', (form) => ({
      // Held in the browser until the comment the server requires is written.
      ready: (code) => !needsComment(form.rows[code]!),
      heldMessage: (codes) =>
        `Chưa lưu ${codes.length === 1 ? `tiêu chí ${codes[0]}` : `${codes.length} tiêu chí`}: điểm thẩm định khác điểm tự chấm, cần ghi nhận xét.`,
    }));
    this.districtId = a.districtId;
    this.canAppraise = opts.canAppraise;
    this.canEnterSurvey = opts.canEnterSurvey ?? false;
    this.areas = opts.areas ? new Set(opts.areas) : null;
    this.selfSheet = $derived(
      scoreSheet(this.fw, (code) => ({ score: this.rows[code]!.selfScore, notApplicable: this.rows[code]!.notApplicable })),
    );
    this.delta = $derived.by(() => {
      let d = 0;
      for (const leaf of this.fw.leaves) {
        const r = this.rows[leaf.code]!;
        if (!r.notApplicable && r.score !== null) d += r.score - (r.selfScore ?? 0);
      }
      return d;
    });
    this.applyMeta(a);
    const first = fw.leaves.find(
      (l) =>
        this.mayEditArea(l.area) &&
        kindOf(l) !== 'survey' &&
        !this.rows[l.code]!.notApplicable &&
        this.rows[l.code]!.score === null,
    );
    this.open.set(first?.area ?? fw.areas.find((x) => this.mayEditArea(x.code))?.code ?? fw.areas[0]!.code, true);
  }

  /** Applicable rows with an appraised score (see progressOf), out of `progressTotal`. */
  override get done(): number {
    return progressOf('appraisal', this.sheet, this.fw.leaves.length).done;
  }

  override get progressTotal(): number {
    return progressOf('appraisal', this.sheet, this.fw.leaves.length).total;
  }

  protected isEditable(): boolean {
    return this.canAppraise && (this.status === 'SUBMITTED' || this.status === 'IN_APPRAISAL');
  }

  mayEditArea(area: string): boolean {
    return this.canAppraise && (this.areas === null || this.areas.has(area));
  }

  /** Whether this user may change the row now. */
  rowEditable(code: string): boolean {
    const r = this.rows[code]!;
    return this.editable && this.mayEditArea(r.area) && !r.notApplicable && kindOf(this.fw.byCode.get(code)!) !== 'survey';
  }

  /** Whether the survey rows' points can be entered here now (the secretary, before approval). */
  get surveyEditable(): boolean {
    return this.canEnterSurvey && !hasReached(this.status, 'APPROVED');
  }

  protected override applyMeta(a: AssessmentHead) {
    super.applyMeta(a);
    this.late = a.late ?? false;
  }

  protected areaOf(code: string): string | undefined {
    return this.rows[code]?.area;
  }

  protected applyPatch(row: AppraisalRowState, p: AppraisalPatch) {
    if (p.score !== undefined) this.setScore(row, p.score);
    if (p.comment !== undefined) row.comment = p.comment;
  }

  protected theirs(current: Record<string, unknown>): AppraisalPatch {
    const c = current as AppraisalPatch;
    return { score: c.score ?? null, comment: c.comment ?? '' };
  }

  protected saved(item: Item): AppraisalPatch {
    return { score: item.appraisedScore, comment: item.appraisalComment };
  }

  protected refreshShown(row: AppraisalRowState, item: Item) {
    row.selfScore = fromPts(item.selfScore);
    row.notApplicable = item.notApplicable;
    row.explanation = item.explanation;
    row.evidence = item.evidence;
  }

  // ---- edits ----

  /** Takes the commune's score as the appraised one (no comment needed): a press of the button is a finished edit. */
  agree(code: string) {
    const row = this.rows[code]!;
    if (row.selfScore === null) return;
    this.setText(code, formatPoints(row.selfScore));
    this.finish(code);
  }

  /**
   * Rows of an area that "lấy điểm tự chấm" would fill: rows this user may edit now, applicable, scored
   * by the commune, without an appraised score and with nothing typed in the field.
   */
  agreeableIn(area: string): string[] {
    if (!this.editable || !this.mayEditArea(area)) return [];
    return this.fw.leaves
      .filter((l) => l.area === area)
      .map((l) => l.code)
      .filter((c) => {
        const r = this.rows[c]!;
        return (
          kindOf(this.fw.byCode.get(c)!) !== 'survey' &&
          !r.notApplicable &&
          r.selfScore !== null &&
          r.score === null &&
          r.text.trim() === '' &&
          !r.conflict
        );
      });
  }

  /**
   * Takes the commune's score for every such row of the area (rows already appraised keep theirs) and
   * sends them at once: one request, so the audit records one change. Answers how many rows it took.
   */
  agreeArea(area: string): number {
    const codes = this.agreeableIn(area);
    for (const c of codes) {
      const r = this.rows[c]!;
      const points = toPts(r.selfScore);
      this.setScore(r, points);
      r.missing = false;
      this.saver.queue(c, { score: points });
    }
    if (codes.length > 0) void this.saver.flush();
    return codes.length;
  }

  // ---- the survey rows (the secretary) ----

  /** A keystroke in a survey row's field: checked at once, saved when the secretary finishes (blur, Enter). */
  setSurveyText(code: string, text: string) {
    const row = this.rows[code]!;
    row.text = text;
    const d = decideScore(text, row.max, row.score);
    row.error = d.kind === 'invalid' ? d.message : '';
  }

  /**
   * Saves a survey row's points with PUT …/survey (after what the autosave holds, so the version is the
   * server's); the answer's points become both the row's self and appraised score.
   */
  async finishSurvey(code: string): Promise<void> {
    // Enter then blur finish the field twice: the second waits for nothing, the first is saving it.
    if (this.surveySaving.has(code)) return;
    const row = this.rows[code]!;
    const d = decideScore(row.text, row.max, row.score);
    if (d.kind === 'invalid') {
      row.error = d.message;
      return;
    }
    row.error = '';
    if (d.kind === 'same') {
      row.text = formatPoints(row.score);
      return;
    }
    this.surveySaving.add(code);
    try {
      if (!(await this.settle())) {
        row.error = 'Chưa lưu được các thay đổi khác của phiếu; vui lòng thử lại.';
        return;
      }
      const a = await call('saveSurveyScores', this.ids, {
        version: this.saver.version,
        items: { [code]: { score: toPts(d.value) } },
      });
      this.applyMeta(a);
      const item = a.items[code];
      row.score = fromPts(item?.appraisedScore);
      row.selfScore = fromPts(item?.selfScore);
      row.text = formatPoints(row.score);
      row.missing = false;
    } catch (e) {
      row.error = (e as Error).message;
    } finally {
      this.surveySaving.delete(code);
    }
  }

  setComment(code: string, text: string) {
    this.rows[code]!.comment = text;
    this.saver.queue(code, { comment: text });
  }

  // ---- steps (the secretary) ----

  /** Saves what is pending, then reads the version the step must carry. */
  private async prepare(): Promise<string | undefined> {
    const invalid = this.invalidBlocker();
    if (invalid) return invalid;
    this.commitDrafts();
    const held = this.fw.leaves.filter((l) => this.saver.has(l.code) && needsComment(this.rows[l.code]!)).map((l) => l.code);
    if (held.length > 0) {
      for (const c of held) this.open.set(this.rows[c]!.area, true);
      return `Còn ${held.length} tiêu chí có điểm thẩm định khác điểm tự chấm nhưng chưa có nhận xét (${held.join(', ')}).`;
    }
    if (!(await this.settle())) return 'Chưa lưu được các thay đổi. Vui lòng thử lại.';
    await this.reload();
    return undefined;
  }

  private async secretaryStep(
    endpoint: 'returnAssessment' | 'completeAppraisal',
    body: Record<string, unknown>,
  ): Promise<StepResult> {
    const r = await this.step(endpoint, body, ['CONFLICT', 'LIFECYCLE']);
    if (r.ok) this.notice = '';
    return r;
  }

  /** Returns the assessment to the commune for clarification (Điều 6.2: the council may ask). */
  async returnToCommune(reason: string, deadline?: string): Promise<StepResult> {
    const why = await this.prepare();
    if (why) return { ok: false, message: why };
    return this.secretaryStep('returnAssessment', { reason: reason.trim(), ...(deadline ? { deadline } : {}) });
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
    return this.secretaryStep('completeAppraisal', {});
  }
}
