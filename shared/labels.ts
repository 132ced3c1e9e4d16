/**
 * Every action and status label the app shows, in Vietnamese, in one table: the audit log's actions
 * (the assessment's edits and steps, the ranking's steps its communes go through), the assessment's
 * and the ranking's statuses. Roles keep theirs beside the permissions (`roleLabel`).
 */
import type { AssessmentStatus, LifecycleEvent, RankingStatus } from './lifecycle.js';

/** A ranking's steps, in order (Điều 6.4–6.6): each one also moves every commune of the district. */
export const RANKING_STEPS = ['approve', 'publish', 'report'] as const satisfies readonly LifecycleEvent[];
export type RankingStep = (typeof RANKING_STEPS)[number];

/** What an audit entry of an assessment can say happened (`AuditEntry.action`). */
export const AUDIT_ACTIONS = [
  'open',
  'self.score',
  'self.notApplicable',
  'self.explanation',
  'evidence.add',
  'evidence.remove',
  'status',
  'appraisal.score',
  'appraisal.comment',
  // The points of a survey row, set by the council's secretary (frameworks as data).
  'survey.score',
  'deadline',
  'deadline.shorten',
  // The district's appraiser assignments keep their own history with the same entries.
  'assignment',
  // The lifecycle's events: a step is written under its event's name.
  'saveSelf',
  'editEvidence',
  'submit',
  'deadlinePassed',
  'extendDeadline',
  'acceptLate',
  'saveAppraisal',
  'return',
  'complete',
  ...RANKING_STEPS,
] as const satisfies readonly string[];
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const actionLabel: Record<AuditAction, string> = {
  open: 'Mở kỳ đánh giá',
  'self.score': 'Điểm tự chấm',
  'self.notApplicable': 'Không áp dụng',
  'self.explanation': 'Giải trình',
  'evidence.add': 'Thêm tài liệu kiểm chứng',
  'evidence.remove': 'Xóa tài liệu kiểm chứng',
  status: 'Chuyển trạng thái',
  'appraisal.score': 'Điểm thẩm định',
  'appraisal.comment': 'Nhận xét thẩm định',
  'survey.score': 'Điểm điều tra xã hội học',
  deadline: 'Đặt hạn tự đánh giá riêng',
  'deadline.shorten': 'Rút ngắn hạn tự đánh giá',
  assignment: 'Phân công thẩm định',
  saveSelf: 'Lưu điểm tự đánh giá',
  editEvidence: 'Thay đổi tài liệu kiểm chứng',
  submit: 'Nộp báo cáo tự đánh giá',
  deadlinePassed: 'Khóa do hết hạn tự đánh giá',
  extendDeadline: 'Mở lại phiếu sau gia hạn',
  acceptLate: 'Tiếp nhận báo cáo quá hạn',
  saveAppraisal: 'Lưu điểm thẩm định',
  return: 'Trả lại để giải trình',
  complete: 'Hoàn thành thẩm định',
  approve: 'Phê duyệt',
  publish: 'Công bố',
  report: 'Báo cáo UBND tỉnh',
};

/** An action's label; one the table does not know (an older record) is shown as written. */
export const labelOfAction = (action: string): string => (actionLabel as Record<string, string | undefined>)[action] ?? action;

export const statusLabel: Record<AssessmentStatus, string> = {
  DRAFT: 'Đang tự đánh giá',
  SUBMITTED: 'Đã nộp',
  IN_APPRAISAL: 'Đang thẩm định',
  RETURNED: 'Trả lại để giải trình',
  APPRAISED: 'Đã thẩm định',
  APPROVED: 'Đã phê duyệt',
  PUBLISHED: 'Đã công bố',
  REPORTED: 'Đã báo cáo tỉnh',
};

export const rankingStatusLabel: Record<RankingStatus, string> = {
  OPEN: 'Chưa phê duyệt',
  APPROVED: 'Đã phê duyệt',
  PUBLISHED: 'Đã công bố',
  REPORTED: 'Đã báo cáo tỉnh',
};

/**
 * Who appraises and who approves in a cycle, named from the cycle's organisation snapshot (its
 * appraising level), never from the live configuration: the province's council and chairman in a
 * province-level cycle (since 1 July 2025), the district's in a district-level one (Decision 4203).
 * `unitName` is the appraising district's name, when the screen knows it.
 */
export interface AppraisingBodyNames {
  /** "Hội đồng thẩm định tỉnh", "Hội đồng thẩm định huyện Phú Bình", or "… cấp huyện" without a name. */
  council: string;
  /** "Chủ tịch UBND tỉnh", "Chủ tịch UBND thành phố Sông Công", or "… cấp huyện" without a name. */
  chair: string;
}

/** "Thành phố Thái Nguyên" → "thành phố Thái Nguyên": the unit's kind in lower case after a title. */
const lowerKind = (name: string) => name.replace(/^(Huyện|Thành phố|Thị xã|Quận)(?=\s)/u, (m) => m.toLocaleLowerCase('vi'));

export function appraisingBodyNames(level: 'district' | 'province', unitName?: string): AppraisingBodyNames {
  if (level === 'province') return { council: 'Hội đồng thẩm định tỉnh', chair: 'Chủ tịch UBND tỉnh' };
  const unit = unitName?.trim() ? lowerKind(unitName.trim()) : 'cấp huyện';
  return { council: `Hội đồng thẩm định ${unit}`, chair: `Chủ tịch UBND ${unit}` };
}
