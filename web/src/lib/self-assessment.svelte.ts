/**
 * The self-assessment form's state: every scored row, live totals from the shared scoring function,
 * autosave (debounced, one request in flight, later edits queued and never dropped, conflicts shown
 * per row), evidence uploads and submission.
 */
import { SvelteMap } from 'svelte/reactivity';
import { ApiError, assessmentPath, del, enc, get, post, put } from './api';
import { AutosaveQueue, type Conflict, type SaveState } from './autosave.svelte';
import { checkEvidenceFile, uploadFile, type UploadTarget } from './evidence';
import { parseScore } from './score-input';
import { formatPoints } from '$lib/format';
import { scoreSheet, type SheetTotals } from '$shared/scoring';
import { toHundredths, type Framework, type Hundredths, type UnitKind } from '$shared/framework';
import type { AssessmentStatus } from '$shared/lifecycle';
import type { AssessmentResponse, Evidence } from '$shared/schemas';

export { AUTOSAVE_DELAY_MS, type SaveState } from './autosave.svelte';

interface RowValues {
  score: Hundredths | null;
  notApplicable: boolean;
  explanation: string;
}

export interface Upload {
  key: number;
  fileName: string;
  size: number;
  loaded: number;
  state: 'uploading' | 'checking' | 'error';
  message?: string;
}

export interface RowState {
  code: string;
  max: Hundredths;
  naAllowed: boolean;
  /** What the field shows; `score` is its last valid value (what is saved or about to be). */
  text: string;
  score: Hundredths | null;
  error: string;
  notApplicable: boolean;
  explanation: string;
  evidence: Evidence[];
  uploads: Upload[];
  fileError: string;
  /** Set when someone else changed the row: their value is shown, our unsaved change can be re-applied. */
  conflict: { mine: Patch } | null;
  /** Highlighted after the server said the row still needs a score. */
  missing: boolean;
  /** What the district's appraisal said about the row (shown to the commune, read-only). */
  appraisedScore: Hundredths | null;
  appraisalComment: string;
}

export type Patch = { score?: number | null; notApplicable?: boolean; explanation?: string };

const toPts = (h: Hundredths | null) => (h === null ? null : h / 100);
const fromPts = (p: number | null | undefined) => (p === null || p === undefined ? null : toHundredths(p));

export class SelfAssessmentForm {
  readonly fw: Framework;
  readonly path: string;
  readonly unitKind: UnitKind;
  readonly unitName: string;
  readonly cycleId: string;
  readonly unitId: string;
  rows: Record<string, RowState>;
  status = $state<AssessmentStatus>('DRAFT');
  selfLocked = $state(false);
  submittedAt = $state<string | undefined>(undefined);
  returnReason = $state<string | undefined>(undefined);
  /** This commune's own deadline (an extension), when the district set one. */
  deadline = $state<string | undefined>(undefined);
  /** Areas whose sections are open. */
  open = new SvelteMap<string, boolean>();
  /** Set when the server refused a step for a reason the user must read (lifecycle, permissions). */
  notice = $state('');
  readonly canEdit: boolean;

  /** Totals of the self side: recomputed once per change by the same function the server uses. */
  sheet: SheetTotals;
  editable: boolean;

  readonly saver: AutosaveQueue<Patch>;
  private uploadKey = 0;

  constructor(fw: Framework, a: AssessmentResponse, canEdit: boolean) {
    this.fw = fw;
    this.canEdit = canEdit;
    this.cycleId = a.cycleId;
    this.unitId = a.unitId;
    this.unitKind = a.unitKind;
    this.unitName = a.unitName;
    this.path = assessmentPath(a.cycleId, a.unitId);
    this.saver = new AutosaveQueue<Patch>({
      version: a.version,
      canSend: () => this.editable,
      send: async (version, items) => {
        const res = await put<AssessmentResponse>(`${this.path}/self`, { version, items });
        this.applyMeta(res);
        return res.version;
      },
      onConflict: (c, mine) => this.onConflict(c, mine),
      onRefused: async (err) => {
        this.notice = err.message;
        await this.reload().catch(() => undefined);
      },
    });
    const rows: Record<string, RowState> = {};
    for (const leaf of fw.leaves) {
      const item = a.items[leaf.code];
      const score = fromPts(item?.selfScore);
      rows[leaf.code] = {
        code: leaf.code,
        max: leaf.max,
        naAllowed: leaf.notApplicableAllowed,
        text: formatPoints(score),
        score,
        error: '',
        notApplicable: item?.notApplicable ?? false,
        explanation: item?.explanation ?? '',
        evidence: item?.evidence ?? [],
        uploads: [],
        fileError: '',
        conflict: null,
        missing: false,
        appraisedScore: fromPts(item?.appraisedScore),
        appraisalComment: item?.appraisalComment ?? '',
      };
    }
    this.rows = $state(rows);
    this.sheet = $derived(scoreSheet(this.fw, (code) => this.rows[code]));
    this.editable = $derived((this.status === 'DRAFT' || this.status === 'RETURNED') && !this.selfLocked && this.canEdit);
    this.applyMeta(a);
    const firstMissing = this.sheet.missing[0];
    this.open.set(firstMissing ? fw.byCode.get(firstMissing)!.area : fw.areas[0]!.code, true);
  }

  get save(): SaveState {
    return this.saver.save;
  }

  private applyMeta(a: AssessmentResponse) {
    this.saver?.seen(a.version);
    this.status = a.status;
    this.selfLocked = a.selfLocked;
    this.submittedAt = a.submittedAt;
    this.returnReason = a.returnReason;
    this.deadline = a.deadline;
  }

  /** Rows scored or marked not applicable. */
  get done(): number {
    return this.sheet.scored + (this.fw.leaves.length - this.sheet.applicable);
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
    this.queue(code, { score: toPts(parsed.value) });
  }

  /** On leaving the field, a valid value is shown the vi-VN way (0.5 → 0,5). */
  normalise(code: string) {
    const row = this.rows[code]!;
    if (!row.error) row.text = formatPoints(row.score);
  }

  setNotApplicable(code: string, on: boolean) {
    const row = this.rows[code]!;
    if (!row.naAllowed) return;
    row.notApplicable = on;
    row.missing = false;
    if (on) {
      row.score = null;
      row.text = '';
      row.error = '';
      this.saver.forget(code, 'score');
    }
    this.queue(code, { notApplicable: on });
  }

  setExplanation(code: string, text: string) {
    this.rows[code]!.explanation = text;
    this.queue(code, { explanation: text });
  }

  private queue(code: string, patch: Patch) {
    this.saver.queue(code, patch);
  }

  get hasUnsaved(): boolean {
    return this.saver.hasUnsaved;
  }

  /** Sends what is pending now (see AutosaveQueue). */
  flush(): Promise<void> {
    return this.saver.flush();
  }

  settle(): Promise<boolean> {
    return this.saver.settle();
  }

  private onConflict(c: Conflict, mine: Patch) {
    const row = this.rows[c.code];
    if (!row) return;
    const current = c.current as Partial<{ score: number | null; notApplicable: boolean; explanation: string }>;
    this.setRowValues(row, {
      score: fromPts(current.score),
      notApplicable: current.notApplicable ?? false,
      explanation: current.explanation ?? '',
    });
    row.conflict = { mine };
    this.open.set(this.fw.byCode.get(c.code)!.area, true);
  }

  private setRowValues(row: RowState, v: RowValues) {
    row.score = v.score;
    row.text = formatPoints(v.score);
    row.error = '';
    row.notApplicable = v.notApplicable;
    row.explanation = v.explanation;
  }

  /** Re-applies our value over the one someone else saved. */
  keepMine(code: string) {
    const row = this.rows[code]!;
    if (!row.conflict) return;
    const { mine } = row.conflict;
    row.conflict = null;
    if (mine.notApplicable !== undefined) row.notApplicable = mine.notApplicable;
    if (mine.score !== undefined) {
      row.score = fromPts(mine.score);
      row.text = formatPoints(row.score);
      row.error = '';
    }
    if (mine.explanation !== undefined) row.explanation = mine.explanation;
    this.queue(code, mine);
  }

  acceptTheirs(code: string) {
    this.rows[code]!.conflict = null;
    if (!this.fw.leaves.some((l) => this.rows[l.code]!.conflict)) this.saver.conflictsResolved();
  }

  /** Reads the assessment again; rows with edits not yet saved keep what the user typed. */
  async reload(): Promise<void> {
    const a = await get<AssessmentResponse>(this.path);
    this.saver.version = a.version;
    this.applyMeta(a);
    for (const leaf of this.fw.leaves) {
      const row = this.rows[leaf.code]!;
      const item = a.items[leaf.code];
      if (!item) continue;
      row.appraisedScore = fromPts(item.appraisedScore);
      row.appraisalComment = item.appraisalComment;
      if (!this.saver.has(leaf.code) && !row.conflict && !row.error)
        this.setRowValues(row, {
          score: fromPts(item.selfScore),
          notApplicable: item.notApplicable,
          explanation: item.explanation,
        });
      row.evidence = item.evidence;
    }
  }

  // ---- evidence ----

  async addFiles(code: string, files: Iterable<File>) {
    const row = this.rows[code]!;
    row.fileError = '';
    for (const file of files) {
      const check = checkEvidenceFile(file);
      if ('error' in check) {
        row.fileError = check.error;
        continue;
      }
      void this.uploadOne(row, file, check.contentType);
    }
  }

  private async uploadOne(row: RowState, file: File, contentType: string) {
    const key = ++this.uploadKey;
    row.uploads.push({ key, fileName: file.name, size: file.size, loaded: 0, state: 'uploading' });
    const up = () => row.uploads.find((u) => u.key === key);
    try {
      const { id, upload } = await post<{ id: string; upload: UploadTarget }>(`${this.path}/evidence`, {
        code: row.code,
        fileName: file.name,
        contentType,
        size: file.size,
      });
      await uploadFile(upload, file, contentType, (loaded) => {
        const u = up();
        if (u) u.loaded = loaded;
      });
      const u = up();
      if (u) {
        u.loaded = file.size;
        u.state = 'checking';
      }
      const ev = await post<Evidence>(`${this.path}/evidence/${enc(id)}/confirm`, {});
      row.evidence.push(ev);
      row.uploads = row.uploads.filter((x) => x.key !== key);
    } catch (e) {
      const u = up();
      if (u) {
        u.state = 'error';
        u.message = (e as Error).message;
      }
    }
  }

  dismissUpload(code: string, key: number) {
    const row = this.rows[code]!;
    row.uploads = row.uploads.filter((u) => u.key !== key);
  }

  async removeEvidence(code: string, id: string) {
    const row = this.rows[code]!;
    row.fileError = '';
    try {
      await del(`${this.path}/evidence/${enc(id)}`);
      row.evidence = row.evidence.filter((e) => e.id !== id);
    } catch (e) {
      row.fileError = (e as Error).message;
    }
  }

  async download(id: string) {
    const { downloadUrl } = await get<{ downloadUrl: string }>(`${this.path}/evidence/${enc(id)}`);
    const a = document.createElement('a');
    a.href = downloadUrl;
    a.rel = 'noopener';
    a.download = '';
    document.body.append(a);
    a.click();
    a.remove();
  }

  // ---- submission ----

  /**
   * Saves what is pending and reads the assessment again so that the confirmation shows (and the
   * submit carries) the version the server has. Returns the codes still missing a score.
   */
  async prepareSubmit(): Promise<string[]> {
    if (!(await this.settle())) throw new Error('Chưa lưu được các thay đổi. Vui lòng thử lại trước khi nộp.');
    await this.reload();
    return this.markMissing(this.sheet.missing);
  }

  markMissing(codes: string[]): string[] {
    const set = new Set(codes);
    for (const leaf of this.fw.leaves) this.rows[leaf.code]!.missing = set.has(leaf.code);
    for (const c of codes) this.open.set(this.fw.byCode.get(c)?.area ?? '', true);
    return codes;
  }

  async submit(): Promise<{ ok: true } | { ok: false; message: string; missing?: string[] }> {
    try {
      const a = await post<AssessmentResponse>(`${this.path}/submit`, { version: this.saver.version });
      this.applyMeta(a);
      return { ok: true };
    } catch (e) {
      const err = e as ApiError;
      if (err.code === 'INCOMPLETE') {
        const codes = ((err.details as { codes?: string[] } | undefined)?.codes ?? []).filter((c) => this.rows[c]);
        return { ok: false, message: err.message, missing: this.markMissing(codes) };
      }
      if (err.code === 'CONFLICT') await this.reload().catch(() => undefined);
      return { ok: false, message: err.message };
    }
  }
}
