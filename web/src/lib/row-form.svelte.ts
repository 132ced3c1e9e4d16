/**
 * What the self-assessment and appraisal forms share: one scored row per leaf of the framework, a
 * score field that keeps what the user typed next to its last valid value, the autosave queue, rows
 * someone else changed (theirs shown, ours re-appliable), reloading without losing typing, and the
 * server's answer to a lifecycle step. Each form says which side of the assessment it edits.
 */
import { SvelteMap } from 'svelte/reactivity';
import { ApiError, call } from './api';
import { AutosaveQueue, type AutosaveOptions, type Conflict, type SaveState } from './autosave.svelte';
import { FieldPauses, decideScore } from './score-input';
import { formatPoints } from './format';
import { invalidRowsText, leaveWarning } from './save-text';
import { scoreSheet, type SheetTotals } from '$shared/scoring';
import { toHundredths, type Framework, type Hundredths, type UnitKind } from '$shared/framework';
import type { AssessmentStatus } from '$shared/lifecycle';
import type { AssessmentResponse, RowSaveResponse, SaveAppraisalRequest, SaveSelfRequest } from '$shared/schemas';
import type { AssessmentIds } from './evidence';
import { progressLeafCount } from './row-kinds';

export const toPts = (h: Hundredths | null) => (h === null ? null : h / 100);
export const fromPts = (p: number | null | undefined) => (p === null || p === undefined ? null : toHundredths(p));

/** A criterion's code as an id fragment: the rows and their fields are linked by ids without dots. */
export const rowId = (code: string) => code.replace(/\./g, '-');

export type StepResult = { ok: true } | { ok: false; message: string; missing?: string[] };

/** A patch of a row as the API takes it: the score in points. */
export interface ScorePatch {
  score?: number | null;
}

/** The score field and conflict state every row has. */
export interface ScoredRow<P extends ScorePatch> {
  code: string;
  max: Hundredths;
  /**
   * What the field shows; `score` is what is saved or about to be: the last value the official
   * finished with (blur, Enter, a pause), never a prefix typed on the way to another value.
   */
  text: string;
  score: Hundredths | null;
  error: string;
  notApplicable: boolean;
  /** Set when someone else changed the row: their value is shown, our unsaved change can be re-applied. */
  conflict: { mine: P } | null;
  /** Highlighted after the server (or the form) said the row still needs a score. */
  missing: boolean;
}

/** A new row's score field and conflict state, its score in hundredths. */
export function scoredRow(leaf: { code: string; max: Hundredths }, score: Hundredths | null) {
  return { code: leaf.code, max: leaf.max, text: formatPoints(score), score, error: '', conflict: null, missing: false };
}

type Item = AssessmentResponse['items'][string];

/** The assessment's head: what both a row save's answer (only the rows it named) and a whole read carry. */
export type AssessmentHead = Omit<RowSaveResponse, 'items' | 'totals'>;

export abstract class RowForm<R extends ScoredRow<P>, P extends ScorePatch> {
  readonly fw: Framework;
  /** The assessment's path parameters in every call. */
  readonly ids: AssessmentIds;
  readonly unitKind: UnitKind;
  readonly unitName: string;
  readonly cycleId: string;
  readonly unitId: string;
  rows: Record<string, R>;
  status = $state<AssessmentStatus>('DRAFT');
  submittedAt = $state<string | undefined>(undefined);
  returnReason = $state<string | undefined>(undefined);
  /** Areas whose sections are open. */
  open = new SvelteMap<string, boolean>();
  /** Set when the server refused a step for a reason the user must read (lifecycle, permissions). */
  notice = $state('');
  readonly saver: AutosaveQueue<P>;

  /** Totals of the side this form edits: recomputed once per change by the same function the server uses. */
  sheet: SheetTotals;
  /** Whether this user may change the form now (read lazily, after the subclass has set its fields). */
  editable: boolean;
  /** Codes of rows whose score field holds a value that cannot be saved (the saved score is kept). */
  invalid: string[];
  /** Score fields holding a valid value not taken yet: each waits for its pause (COMMIT_PAUSE_MS). */
  private drafts = new FieldPauses((code) => this.commit(code, false));

  /** `side` is the path the autosave writes to; `extra` adds what only one form's queue needs. */
  constructor(
    fw: Framework,
    a: AssessmentResponse,
    rows: Record<string, R>,
    side: 'self' | 'appraisal',
    extra?: (form: RowForm<R, P>) => Pick<AutosaveOptions<P>, 'ready' | 'heldMessage'>,
  ) {
    this.fw = fw;
    this.cycleId = a.cycleId;
    this.unitId = a.unitId;
    this.unitKind = a.unitKind;
    this.unitName = a.unitName;
    this.ids = { cycleId: a.cycleId, unitId: a.unitId };
    this.rows = $state(rows);
    this.sheet = $derived(scoreSheet(this.fw, (code) => this.rows[code]!));
    this.editable = $derived(this.isEditable());
    this.invalid = $derived(this.fw.leaves.filter((l) => this.rows[l.code]!.error).map((l) => l.code));
    this.saver = new AutosaveQueue<P>({
      version: a.version,
      canSend: () => this.editable,
      send: async (version, items) => {
        // The queue holds each side's own row patches; the server's schema checks them again.
        // The answer holds the rows sent and the new totals; the form already shows both.
        const res =
          side === 'self'
            ? await call('saveSelf', this.ids, { version, items: items as SaveSelfRequest['items'] })
            : await call('saveAppraisal', this.ids, { version, items: items as SaveAppraisalRequest['items'] });
        this.applyMeta(res);
        return res.version;
      },
      onConflict: (c, mine) => this.onConflict(c, mine),
      onRefused: async (err) => {
        this.notice = err.message;
        await this.reload().catch(() => undefined);
      },
      ...extra?.(this),
    });
  }

  protected abstract isEditable(): boolean;
  /** Writes the fields a patch names into the row (the score field included). */
  protected abstract applyPatch(row: R, p: P): void;
  /** The row's values as someone else saved them, in the shape of a full patch. */
  protected abstract theirs(current: Record<string, unknown>): P;
  /** What the server holds for the side this form edits, as a full patch. */
  protected abstract saved(item: Item): P;
  /** Copies what this form only shows (the other side) from the server's item. */
  protected abstract refreshShown(row: R, item: Item): void;
  protected abstract areaOf(code: string): string | undefined;

  get save(): SaveState {
    return this.saver.save;
  }

  /** Edits not on the server yet, an invalid value typed included (the browser asks before unloading). */
  get hasUnsaved(): boolean {
    return this.saver.hasUnsaved || this.invalid.length > 0 || this.drafts.size > 0;
  }

  /** Why leaving would lose typing (the save-on-leave question), or undefined. */
  get leaveWarning(): string | undefined {
    return leaveWarning(this.invalid, this.saver.save);
  }

  /** The rows the unit scores (main criteria, not survey rows): bonus and penalty rows are optional. */
  get progressTotal(): number {
    return progressLeafCount(this.fw);
  }

  /** Of those, the rows scored or marked not applicable. */
  get done(): number {
    return this.sheet.scored + (this.progressTotal - this.sheet.applicable);
  }

  protected applyMeta(a: AssessmentHead) {
    this.saver?.seen(a.version);
    this.status = a.status;
    this.submittedAt = a.submittedAt;
    this.returnReason = a.returnReason;
  }

  /** Sends what is pending now (see AutosaveQueue), valid values still waiting for their pause included. */
  flush(): Promise<void> {
    this.commitDrafts();
    return this.saver.flush();
  }

  settle(): Promise<boolean> {
    this.commitDrafts();
    return this.saver.settle();
  }

  /** Why a step that sends the form (submit, complete, return) must wait: a field holds an invalid value. */
  protected invalidBlocker(): string | undefined {
    if (this.invalid.length === 0) return undefined;
    for (const c of this.invalid) this.open.set(this.areaOf(c) ?? '', true);
    return `${invalidRowsText(this.invalid)} Hãy sửa hoặc xóa điểm đó trước.`;
  }

  // ---- the score field ----

  /**
   * A keystroke: the field shows the text and says at once whether it is valid, but nothing is
   * taken yet. A valid new value is taken when the official finishes with the field (`finish`) or
   * leaves the text unchanged for COMMIT_PAUSE_MS; an invalid one never (the saved score stays).
   */
  setText(code: string, text: string) {
    const row = this.rows[code]!;
    row.text = text;
    const d = decideScore(text, row.max, row.score);
    row.error = d.kind === 'invalid' ? d.message : '';
    if (d.kind === 'send') this.drafts.typed(code);
    else this.drafts.cancel(code);
  }

  /** Blur or Enter: the official has finished with the field; a valid value is taken and shown the vi-VN way (0.5 → 0,5). */
  finish(code: string) {
    this.commit(code, true);
  }

  /** Takes the field's value if it is valid and new (queued for the autosave); an invalid one sends nothing. */
  protected commit(code: string, normalise: boolean) {
    this.clearDraft(code);
    const row = this.rows[code]!;
    const d = decideScore(row.text, row.max, row.score);
    if (d.kind === 'invalid') {
      row.error = d.message;
      return;
    }
    row.error = '';
    if (d.kind === 'send') {
      row.score = d.value;
      if (d.value !== null) row.missing = false;
      this.saver.queue(code, { score: toPts(d.value) } as P);
    }
    if (normalise) row.text = formatPoints(row.score);
  }

  protected commitDrafts() {
    for (const code of this.drafts.pending()) this.commit(code, false);
  }

  protected clearDraft(code: string) {
    this.drafts.cancel(code);
  }

  protected setScore(row: R, points: number | null | undefined) {
    this.clearDraft(row.code);
    row.score = fromPts(points);
    row.text = formatPoints(row.score);
    row.error = '';
  }

  // ---- conflicts ----

  private onConflict(c: Conflict, mine: P) {
    const row = this.rows[c.code];
    if (!row) return;
    this.applyPatch(row, this.theirs(c.current));
    row.conflict = { mine };
    this.open.set(this.areaOf(c.code)!, true);
  }

  /** Re-applies our value over the one someone else saved. */
  keepMine(code: string) {
    const row = this.rows[code]!;
    if (!row.conflict) return;
    const { mine } = row.conflict;
    row.conflict = null;
    this.applyPatch(row, mine);
    this.saver.queue(code, mine);
  }

  acceptTheirs(code: string) {
    this.rows[code]!.conflict = null;
    if (!this.fw.leaves.some((l) => this.rows[l.code]!.conflict)) this.saver.conflictsResolved();
  }

  /** Reads the assessment again; rows with edits not yet saved keep what the user typed. */
  async reload(): Promise<void> {
    const a = await call('getAssessment', this.ids);
    this.saver.version = a.version;
    this.applyMeta(a);
    for (const leaf of this.fw.leaves) {
      const row = this.rows[leaf.code]!;
      const item = a.items[leaf.code];
      if (!item) continue;
      this.refreshShown(row, item);
      if (!this.saver.has(leaf.code) && !row.conflict && !row.error && !this.drafts.has(leaf.code))
        this.applyPatch(row, this.saved(item));
    }
  }

  // ---- steps ----

  markMissing(codes: string[]): string[] {
    const set = new Set(codes);
    for (const leaf of this.fw.leaves) this.rows[leaf.code]!.missing = set.has(leaf.code);
    for (const c of codes) this.open.set(this.areaOf(c) ?? '', true);
    return codes;
  }

  /** Posts a lifecycle step; `reloadOn` are the refusals after which the form reads the assessment again. */
  protected async step(
    endpoint: 'submitAssessment' | 'returnAssessment' | 'completeAppraisal',
    body: Record<string, unknown>,
    reloadOn: readonly string[],
  ): Promise<StepResult> {
    try {
      const version = this.saver.version;
      const a =
        endpoint === 'returnAssessment'
          ? await call(endpoint, this.ids, {
              version,
              reason: String(body.reason ?? ''),
              ...(typeof body.deadline === 'string' ? { deadline: body.deadline } : {}),
            })
          : await call(endpoint, this.ids, { version });
      this.applyMeta(a);
      return { ok: true };
    } catch (e) {
      const err = e as ApiError;
      if (err.code === 'INCOMPLETE') {
        const codes = ((err.details as { codes?: string[] } | undefined)?.codes ?? []).filter((c) => this.rows[c]);
        return { ok: false, message: err.message, missing: this.markMissing(codes) };
      }
      if (reloadOn.includes(err.code)) await this.reload().catch(() => undefined);
      return { ok: false, message: err.message };
    }
  }
}
