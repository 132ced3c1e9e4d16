/**
 * The self-assessment form's state: every scored row, live totals from the shared scoring function,
 * autosave (debounced, one request in flight, later edits queued and never dropped, conflicts shown
 * per row), evidence uploads and submission.
 */
import { SvelteMap } from 'svelte/reactivity';
import { ApiError, assessmentPath, del, enc, get, post, put } from './api';
import { checkEvidenceFile, uploadFile, type UploadTarget } from './evidence';
import { parseScore } from './score-input';
import { formatPoints } from '$lib/format';
import { scoreSheet, type SheetTotals } from '$shared/scoring';
import { toHundredths, type Framework, type Hundredths, type UnitKind } from '$shared/framework';
import type { AssessmentStatus } from '$shared/lifecycle';
import type { AssessmentResponse, Evidence } from '$shared/schemas';

export const AUTOSAVE_DELAY_MS = 700;

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
}

export type Patch = { score?: number | null; notApplicable?: boolean; explanation?: string };

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string; retrying: boolean };

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
  save = $state<SaveState>({ kind: 'idle' });
  /** Areas whose sections are open. */
  open = new SvelteMap<string, boolean>();
  /** Set when the server refused a step for a reason the user must read (lifecycle, permissions). */
  notice = $state('');
  readonly canEdit: boolean;

  /** Totals of the self side: recomputed once per change by the same function the server uses. */
  sheet: SheetTotals;
  editable: boolean;

  private version: number;
  private dirty = new Map<string, Patch>();
  private chain: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private uploadKey = 0;

  constructor(fw: Framework, a: AssessmentResponse, canEdit: boolean) {
    this.fw = fw;
    this.canEdit = canEdit;
    this.cycleId = a.cycleId;
    this.unitId = a.unitId;
    this.unitKind = a.unitKind;
    this.unitName = a.unitName;
    this.path = assessmentPath(a.cycleId, a.unitId);
    this.version = a.version;
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
      };
    }
    this.rows = $state(rows);
    this.sheet = $derived(scoreSheet(this.fw, (code) => this.rows[code]));
    this.editable = $derived((this.status === 'DRAFT' || this.status === 'RETURNED') && !this.selfLocked && this.canEdit);
    this.applyMeta(a);
    const firstMissing = this.sheet.missing[0];
    this.open.set(firstMissing ? fw.byCode.get(firstMissing)!.area : fw.areas[0]!.code, true);
  }

  private applyMeta(a: AssessmentResponse) {
    this.version = Math.max(this.version, a.version);
    this.status = a.status;
    this.selfLocked = a.selfLocked;
    this.submittedAt = a.submittedAt;
    this.returnReason = a.returnReason;
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
      const pending = this.dirty.get(code);
      if (pending) delete pending.score;
    }
    this.queue(code, { notApplicable: on });
  }

  setExplanation(code: string, text: string) {
    this.rows[code]!.explanation = text;
    this.queue(code, { explanation: text });
  }

  private queue(code: string, patch: Patch) {
    this.dirty.set(code, { ...this.dirty.get(code), ...patch });
    if (this.save.kind !== 'saving') this.save = { kind: 'pending' };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS);
  }

  get hasUnsaved(): boolean {
    return this.dirty.size > 0 || this.save.kind === 'saving';
  }

  /** Sends what is pending now; requests run one after another, so edits typed meanwhile go in the next one. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.chain = this.chain.then(() => this.sendOnce());
    return this.chain;
  }

  /** Resolves when nothing is pending or in flight (or the last attempt failed). */
  async settle(): Promise<boolean> {
    for (let i = 0; i < 5 && this.dirty.size > 0; i++) {
      await this.flush();
      if (this.save.kind === 'error') return false;
    }
    await this.chain;
    return this.dirty.size === 0 && this.save.kind !== 'error';
  }

  private async sendOnce(): Promise<void> {
    if (this.dirty.size === 0 || !this.editable) return;
    clearTimeout(this.retryTimer);
    const batch = this.dirty;
    this.dirty = new Map();
    this.save = { kind: 'saving' };
    try {
      const res = await put<AssessmentResponse>(`${this.path}/self`, { version: this.version, items: Object.fromEntries(batch) });
      this.applyMeta(res);
      this.save = this.dirty.size > 0 ? { kind: 'pending' } : { kind: 'saved', at: new Date() };
    } catch (e) {
      // Put the batch back under anything typed since: newer values win.
      for (const [code, patch] of batch) this.dirty.set(code, { ...patch, ...this.dirty.get(code) });
      await this.onSaveError(e);
    }
  }

  private async onSaveError(e: unknown) {
    const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', (e as Error).message);
    if (err.code === 'CONFLICT') {
      const d = (err.details ?? {}) as {
        version?: number;
        conflicts?: { code: string; current: Partial<{ score: number | null; notApplicable: boolean; explanation: string }> }[];
      };
      if (typeof d.version === 'number') this.version = d.version;
      for (const c of d.conflicts ?? []) {
        const row = this.rows[c.code];
        if (!row) continue;
        const mine = this.dirty.get(c.code) ?? {};
        this.dirty.delete(c.code);
        this.setRowValues(row, {
          score: fromPts(c.current.score),
          notApplicable: c.current.notApplicable ?? false,
          explanation: c.current.explanation ?? '',
        });
        row.conflict = { mine };
        this.open.set(this.fw.byCode.get(c.code)!.area, true);
      }
      if (this.dirty.size > 0) {
        this.save = { kind: 'pending' };
        void this.flush();
      } else {
        this.save = {
          kind: 'error',
          message: 'Một số dòng vừa được người khác thay đổi; hãy xem giá trị mới ở các dòng được đánh dấu.',
          retrying: false,
        };
      }
      return;
    }
    if (err.code === 'LIFECYCLE' || err.code === 'FORBIDDEN') {
      this.notice = err.message;
      this.save = { kind: 'error', message: err.message, retrying: false };
      await this.reload().catch(() => undefined);
      return;
    }
    // Network trouble or a server error: keep the edits and try again shortly.
    const transient = err.status === 0 || err.status >= 500;
    this.save = { kind: 'error', message: err.message, retrying: transient };
    if (transient) this.retryTimer = setTimeout(() => void this.flush(), 4000);
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
    if (this.save.kind === 'error' && !this.fw.leaves.some((l) => this.rows[l.code]!.conflict)) this.save = { kind: 'idle' };
  }

  /** Reads the assessment again; rows with edits not yet saved keep what the user typed. */
  async reload(): Promise<void> {
    const a = await get<AssessmentResponse>(this.path);
    this.version = a.version;
    this.applyMeta(a);
    for (const leaf of this.fw.leaves) {
      const row = this.rows[leaf.code]!;
      const item = a.items[leaf.code];
      if (!item) continue;
      if (!this.dirty.has(leaf.code) && !row.conflict && !row.error)
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
      const a = await post<AssessmentResponse>(`${this.path}/submit`, { version: this.version });
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
