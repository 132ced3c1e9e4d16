/**
 * The district's appraisal: appraised scores, return for clarification, complete; deadlines; which
 * appraiser appraises which areas. Every step answers the assessment (shared/assessment.ts's mapper);
 * the appraisal's save answers only the rows it named and the new totals (toRowSaveResponse).
 */
import {
  type AssignmentsResponse,
  type AuditEntry,
  assessmentResponse,
  assignmentsRequest,
  assignmentsResponse,
  deadlineRequest,
  returnRequest,
  rowSaveResponse,
  saveAppraisalRequest,
  versionRequest,
} from '../schemas.js';
import * as z from 'zod';
import { A } from './assessments.js';
import { endpoint } from './endpoint.js';

/** The district's assignments as stored (absent = version 0, nobody assigned). */
export interface AssignmentsState {
  cycleId: string;
  districtId: string;
  version: number;
  appraisers: { id: string; name: string; areas: string[]; communes?: string[] }[];
  history: AuditEntry[];
}

export const assignmentsBody = (a: AssignmentsState): AssignmentsResponse => ({
  cycleId: a.cycleId,
  districtId: a.districtId,
  version: a.version,
  // Stored only through assignmentsRequest, whose areas are area codes.
  appraisers: a.appraisers as AssignmentsResponse['appraisers'],
  history: a.history,
});

/** Who the secretary may assign: the users directory's appraisers of the unit; `id` is what an assignment stores. */
export const assignableUsersResponse = z.object({
  users: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
});
export type AssignableUsersResponse = z.infer<typeof assignableUsersResponse>;

const G = '/api/cycles/{cycleId}/assignments/{districtId}';
// TOO_LARGE: a body over the router's 1 MB limit.
const STEP_ERRORS = ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'LIFECYCLE', 'TOO_LARGE'] as const;

export const appraisal = {
  saveAppraisal: endpoint({
    method: 'PUT',
    path: `${A}/appraisal`,
    group: 'appraise-assessment',
    auth: true,
    summary: 'Saves appraised scores and comments at a version; answers the rows it named and the new totals.',
    summaryVi: 'Lưu điểm thẩm định và nhận xét theo phiên bản; trả lời các dòng đã gửi và tổng điểm mới.',
    who: "district_secretary of the commune's district; district_appraiser for the areas assigned to them",
    request: saveAppraisalRequest,
    status: 200,
    response: rowSaveResponse,
    errors: STEP_ERRORS,
  }),
  returnAssessment: endpoint({
    method: 'POST',
    path: `${A}/return`,
    group: 'appraise-assessment',
    auth: true,
    summary: 'Returns the assessment to the commune for clarification, with the reason.',
    summaryVi: 'Trả hồ sơ cho đơn vị cấp xã để giải trình, bổ sung, kèm lý do.',
    who: "district_secretary of the commune's district",
    request: returnRequest,
    status: 200,
    response: assessmentResponse,
    errors: STEP_ERRORS,
  }),
  completeAppraisal: endpoint({
    method: 'POST',
    path: `${A}/complete`,
    group: 'appraise-assessment',
    auth: true,
    summary: 'Completes the appraisal (every scored row appraised).',
    summaryVi: 'Hoàn thành thẩm định (mọi tiêu chí chấm điểm đã có điểm thẩm định).',
    who: "district_secretary of the commune's district",
    request: versionRequest,
    status: 200,
    response: assessmentResponse,
    errors: [...STEP_ERRORS, 'INCOMPLETE'],
  }),
  setDeadline: endpoint({
    method: 'POST',
    path: `${A}/deadline`,
    group: 'appraise-assessment',
    auth: true,
    summary: "Sets one commune's own deadline (an extension, or the deadline of a returned assessment's response).",
    summaryVi: 'Đặt hạn riêng cho một đơn vị cấp xã (gia hạn, hoặc hạn giải trình của hồ sơ bị trả lại).',
    who: "district_secretary of the commune's district",
    request: deadlineRequest,
    status: 200,
    response: assessmentResponse,
    errors: STEP_ERRORS,
  }),
  acceptLate: endpoint({
    method: 'POST',
    path: `${A}/accept-late`,
    group: 'appraise-assessment',
    auth: true,
    summary: 'Takes an assessment whose deadline passed into appraisal as it stands, marked late.',
    summaryVi: 'Nhận thẩm định hồ sơ đã quá hạn như hiện có, đánh dấu nộp muộn.',
    who: "district_secretary of the commune's district",
    request: versionRequest,
    status: 200,
    response: assessmentResponse,
    errors: STEP_ERRORS,
  }),
  getAssignments: endpoint({
    method: 'GET',
    path: G,
    group: 'appraise-assessment',
    auth: true,
    summary: "Which appraiser appraises which areas of the district's communes, and its history.",
    summaryVi: 'Phân công thẩm định: thành viên nào thẩm định lĩnh vực nào, đơn vị nào, và lịch sử phân công.',
    who: "the district's staff and chair, the province",
    status: 200,
    response: assignmentsResponse,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  putAssignments: endpoint({
    method: 'PUT',
    path: G,
    group: 'appraise-assessment',
    auth: true,
    summary:
      "Replaces the assignments at a version. Each appraiser's id is a user of the directory (their e-mail, or the sub an earlier assignment stored); an id that names no appraiser of the unit → 400.",
    summaryVi:
      'Thay toàn bộ phân công thẩm định theo phiên bản; mỗi thành viên là một người dùng của đơn vị (email), id không thuộc ai → 400.',
    who: 'district_secretary of the district',
    request: assignmentsRequest,
    status: 200,
    response: assignmentsResponse,
    errors: ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_LARGE'],
  }),
  listAssignableUsers: endpoint({
    method: 'GET',
    path: `${G}/users`,
    group: 'appraise-assessment',
    auth: true,
    summary:
      "The users the secretary may assign (deployed: the user pool's users of the unit, Cognito ListUsers; locally the demo's directory).",
    summaryVi: 'Danh sách người dùng của đơn vị mà thư ký có thể phân công thẩm định.',
    who: 'district_secretary of the district',
    status: 200,
    response: assignableUsersResponse,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
} as const;
