/**
 * The self-assessment form's state: every scored row, live totals from the shared scoring function,
 * autosave (debounced, one request in flight, later edits queued and never dropped, conflicts shown
 * per row), evidence uploads and submission.
 */
import { call } from './api';
import { checkEvidenceFile, downloadEvidence, uploadFile } from './evidence';
import { RowForm, fromPts, scoredRow, type AssessmentHead, type ScoredRow, type StepResult } from './row-form.svelte';
import type { Framework, Hundredths } from '$shared/framework';
import type { AssessmentResponse, Evidence } from '$shared/schemas';
import type { EvidenceContentType } from '$shared/evidence';

export { AUTOSAVE_DELAY_MS, type SaveState } from './autosave.svelte';

export interface Upload {
  key: number;
  fileName: string;
  size: number;
  loaded: number;
  state: 'uploading' | 'checking' | 'error';
  message?: string;
}

export interface RowState extends ScoredRow<Patch> {
  naAllowed: boolean;
  explanation: string;
  evidence: Evidence[];
  uploads: Upload[];
  fileError: string;
  /** What the district's appraisal said about the row (shown to the commune, read-only). */
  appraisedScore: Hundredths | null;
  appraisalComment: string;
}

export type Patch = { score?: number | null; notApplicable?: boolean; explanation?: string };

type Item = AssessmentResponse['items'][string];

function rowsOf(fw: Framework, a: AssessmentResponse): Record<string, RowState> {
  const rows: Record<string, RowState> = {};
  for (const leaf of fw.leaves) {
    const item = a.items[leaf.code];
    rows[leaf.code] = {
      ...scoredRow(leaf, fromPts(item?.selfScore)),
      naAllowed: leaf.notApplicableAllowed,
      notApplicable: item?.notApplicable ?? false,
      explanation: item?.explanation ?? '',
      evidence: item?.evidence ?? [],
      uploads: [],
      fileError: '',
      appraisedScore: fromPts(item?.appraisedScore),
      appraisalComment: item?.appraisalComment ?? '',
    };
  }
  return rows;
}

export class SelfAssessmentForm extends RowForm<RowState, Patch> {
  selfLocked = $state(false);
  /** This commune's own deadline (an extension), when the district set one. */
  deadline = $state<string | undefined>(undefined);
  readonly canEdit: boolean;

  private uploadKey = 0;

  constructor(fw: Framework, a: AssessmentResponse, canEdit: boolean) {
    super(fw, a, rowsOf(fw, a), 'self');
    this.canEdit = canEdit;
    this.applyMeta(a);
    const firstMissing = this.sheet.missing[0];
    this.open.set(firstMissing ? fw.byCode.get(firstMissing)!.area : fw.areas[0]!.code, true);
  }

  protected isEditable(): boolean {
    return (this.status === 'DRAFT' || this.status === 'RETURNED') && !this.selfLocked && this.canEdit;
  }

  protected override applyMeta(a: AssessmentHead) {
    super.applyMeta(a);
    this.selfLocked = a.selfLocked;
    this.deadline = a.deadline;
  }

  protected areaOf(code: string): string | undefined {
    return this.fw.byCode.get(code)?.area;
  }

  protected applyPatch(row: RowState, p: Patch) {
    if (p.notApplicable !== undefined) row.notApplicable = p.notApplicable;
    if (p.score !== undefined) this.setScore(row, p.score);
    if (p.explanation !== undefined) row.explanation = p.explanation;
  }

  protected theirs(current: Record<string, unknown>): Patch {
    const c = current as Patch;
    return { score: c.score ?? null, notApplicable: c.notApplicable ?? false, explanation: c.explanation ?? '' };
  }

  protected saved(item: Item): Patch {
    return { score: item.selfScore, notApplicable: item.notApplicable, explanation: item.explanation };
  }

  protected refreshShown(row: RowState, item: Item) {
    row.appraisedScore = fromPts(item.appraisedScore);
    row.appraisalComment = item.appraisalComment;
    row.evidence = item.evidence;
  }

  // ---- edits ----

  setNotApplicable(code: string, on: boolean) {
    const row = this.rows[code]!;
    if (!row.naAllowed) return;
    row.notApplicable = on;
    row.missing = false;
    if (on) {
      this.clearDraft(code);
      row.score = null;
      row.text = '';
      row.error = '';
      this.saver.forget(code, 'score');
    }
    this.saver.queue(code, { notApplicable: on });
  }

  setExplanation(code: string, text: string) {
    this.rows[code]!.explanation = text;
    this.saver.queue(code, { explanation: text });
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

  private async uploadOne(row: RowState, file: File, contentType: EvidenceContentType) {
    const key = ++this.uploadKey;
    row.uploads.push({ key, fileName: file.name, size: file.size, loaded: 0, state: 'uploading' });
    const up = () => row.uploads.find((u) => u.key === key);
    try {
      const { id, upload } = await call('requestEvidenceUpload', this.ids, {
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
      const ev = await call('confirmEvidence', { ...this.ids, evidenceId: id });
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
      await call('deleteEvidence', { ...this.ids, evidenceId: id });
      row.evidence = row.evidence.filter((e) => e.id !== id);
    } catch (e) {
      row.fileError = (e as Error).message;
    }
  }

  async download(id: string) {
    await downloadEvidence(this.ids, id);
  }

  // ---- submission ----

  /**
   * Saves what is pending and reads the assessment again so that the confirmation shows (and the
   * submit carries) the version the server has. Returns the codes still missing a score. A field
   * holding an invalid value stops it: the server holds another score than the one on screen.
   */
  async prepareSubmit(): Promise<string[]> {
    const invalid = this.invalidBlocker();
    if (invalid) throw new Error(invalid);
    if (!(await this.settle())) throw new Error('Chưa lưu được các thay đổi. Vui lòng thử lại trước khi nộp.');
    await this.reload();
    return this.markMissing(this.sheet.missing);
  }

  submit(): Promise<StepResult> {
    return this.step('submitAssessment', {}, ['CONFLICT']);
  }
}
