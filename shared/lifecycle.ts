/**
 * The assessment lifecycle as a pure transition function. The API handlers and the state machine's
 * tasks both call it, so a step the rules forbid is refused in one place.
 */
import { LifecycleViolation } from './errors.js';
import { rankingStatusLabel, statusLabel } from './labels.js';

export const ASSESSMENT_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'IN_APPRAISAL',
  'RETURNED',
  'APPRAISED',
  'APPROVED',
  'PUBLISHED',
  'REPORTED',
] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const RANKING_STATUSES = ['OPEN', 'APPROVED', 'PUBLISHED', 'REPORTED'] as const;
export type RankingStatus = (typeof RANKING_STATUSES)[number];

// The labels live in the one table of labels; re-exported for the code that reads them from here.
export { rankingStatusLabel, statusLabel } from './labels.js';

export type LifecycleEvent =
  | 'saveSelf'
  | 'editEvidence'
  | 'submit'
  | 'deadlinePassed'
  | 'extendDeadline'
  | 'acceptLate'
  | 'saveAppraisal'
  | 'return'
  | 'complete'
  | 'approve'
  | 'publish'
  | 'report';

export interface LifecycleState {
  status: AssessmentStatus;
  /** The self-assessment deadline passed: the commune can no longer edit or submit. */
  selfLocked: boolean;
}

const eventLabel: Record<LifecycleEvent, string> = {
  saveSelf: 'lưu điểm tự đánh giá',
  editEvidence: 'thay đổi tài liệu kiểm chứng',
  submit: 'nộp báo cáo tự đánh giá',
  deadlinePassed: 'khóa khi hết hạn tự đánh giá',
  extendDeadline: 'gia hạn tự đánh giá',
  acceptLate: 'tiếp nhận báo cáo quá hạn',
  saveAppraisal: 'lưu điểm thẩm định',
  return: 'trả lại để giải trình',
  complete: 'hoàn thành thẩm định',
  approve: 'phê duyệt',
  publish: 'công bố',
  report: 'báo cáo tỉnh',
};

const editable = (s: LifecycleState) => (s.status === 'DRAFT' || s.status === 'RETURNED') && !s.selfLocked;
const selfOpenStatus = (s: LifecycleState) => s.status === 'DRAFT' || s.status === 'RETURNED';

const rules: Record<LifecycleEvent, (s: LifecycleState) => LifecycleState | undefined> = {
  saveSelf: (s) => (editable(s) ? s : undefined),
  editEvidence: (s) => (editable(s) ? s : undefined),
  submit: (s) => (editable(s) ? { status: 'SUBMITTED', selfLocked: false } : undefined),
  deadlinePassed: (s) => (editable(s) ? { ...s, selfLocked: true } : undefined),
  extendDeadline: (s) => (selfOpenStatus(s) ? { ...s, selfLocked: false } : undefined),
  acceptLate: (s) => (selfOpenStatus(s) && s.selfLocked ? { status: 'SUBMITTED', selfLocked: false } : undefined),
  saveAppraisal: (s) => (s.status === 'SUBMITTED' || s.status === 'IN_APPRAISAL' ? { ...s, status: 'IN_APPRAISAL' } : undefined),
  return: (s) =>
    s.status === 'SUBMITTED' || s.status === 'IN_APPRAISAL' ? { status: 'RETURNED', selfLocked: false } : undefined,
  complete: (s) => (s.status === 'IN_APPRAISAL' ? { ...s, status: 'APPRAISED' } : undefined),
  approve: (s) => (s.status === 'APPRAISED' ? { ...s, status: 'APPROVED' } : undefined),
  publish: (s) => (s.status === 'APPROVED' ? { ...s, status: 'PUBLISHED' } : undefined),
  report: (s) => (s.status === 'PUBLISHED' ? { ...s, status: 'REPORTED' } : undefined),
};

/** The state after `event`, or a LifecycleViolation naming the step and the current status. */
export function transition(state: LifecycleState, event: LifecycleEvent): LifecycleState {
  const next = rules[event](state);
  if (!next) {
    const why = state.selfLocked && selfOpenStatus(state) ? ' (đã hết hạn tự đánh giá)' : '';
    throw new LifecycleViolation(`Không thể ${eventLabel[event]} khi hồ sơ ở trạng thái "${statusLabel[state.status]}"${why}.`, {
      status: state.status,
      event,
    });
  }
  return next;
}

export function canTransition(state: LifecycleState, event: LifecycleEvent): boolean {
  return rules[event](state) !== undefined;
}

const rankingNext: Record<'approve' | 'publish' | 'report', [RankingStatus, RankingStatus]> = {
  approve: ['OPEN', 'APPROVED'],
  publish: ['APPROVED', 'PUBLISHED'],
  report: ['PUBLISHED', 'REPORTED'],
};

/**
 * Where a cycle's ranking (and its assessments) end: REPORTED when districts appraise (they report to
 * the province), PUBLISHED when the province appraises (there is no one above to report to).
 */
export function finalRankingStatus(level: 'district' | 'province'): RankingStatus {
  return level === 'province' ? 'PUBLISHED' : 'REPORTED';
}
export function finalAssessmentStatus(level: 'district' | 'province'): AssessmentStatus {
  return level === 'province' ? 'PUBLISHED' : 'REPORTED';
}

/**
 * Ranking per appraising unit and cycle: OPEN → APPROVED → PUBLISHED → REPORTED; in a province-level
 * cycle it ends at PUBLISHED.
 */
export function rankingTransition(
  status: RankingStatus,
  event: 'approve' | 'publish' | 'report',
  level: 'district' | 'province' = 'district',
): RankingStatus {
  if (event === 'report' && level === 'province')
    throw new LifecycleViolation(
      'Kỳ đánh giá do tỉnh thẩm định: bảng xếp hạng kết thúc khi công bố, không có bước báo cáo tỉnh.',
      { status, event, finalStatus: finalRankingStatus(level) },
    );
  const [from, to] = rankingNext[event];
  if (status !== from)
    throw new LifecycleViolation(
      `Không thể ${eventLabel[event]} bảng xếp hạng khi ở trạng thái "${rankingStatusLabel[status]}".`,
      { status, event },
    );
  return to;
}
