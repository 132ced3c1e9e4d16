/**
 * Assessments: the list, one commune's assessment, the self-assessment's save and submission, the
 * audit trail. The mappers are shared/assessment.ts's toAssessmentResponse, toAssessmentSummary and
 * toRowSaveResponse (the save's answer: the rows it named and the new totals), typed by these schemas.
 */
import {
  assessmentListResponse,
  assessmentResponse,
  auditResponse,
  rowSaveResponse,
  saveSelfRequest,
  versionRequest,
} from '../schemas.js';
import { endpoint } from './endpoint.js';

export const A = '/api/cycles/{cycleId}/assessments/{unitId}';
const READERS = "the commune's own staff, its district's staff and chair, the province";

export const assessments = {
  listAssessments: endpoint({
    method: 'GET',
    path: '/api/cycles/{cycleId}/assessments',
    group: 'manage-self-assessment',
    auth: true,
    summary: "Summaries of the assessments the caller may see (its commune, its district's or the province's).",
    summaryVi: 'Tóm tắt các hồ sơ người gọi được xem (của xã mình, của đơn vị thẩm định mình, hoặc toàn tỉnh).',
    who: 'every role that reads assessments',
    status: 200,
    response: assessmentListResponse,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  getAssessment: endpoint({
    method: 'GET',
    path: A,
    group: 'manage-self-assessment',
    auth: true,
    summary: "One commune's assessment: every scored row, its evidence, the totals.",
    summaryVi: 'Hồ sơ đánh giá của một đơn vị cấp xã: mọi tiêu chí, tài liệu kiểm chứng, tổng điểm.',
    who: READERS,
    status: 200,
    response: assessmentResponse,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  saveSelf: endpoint({
    method: 'PUT',
    path: `${A}/self`,
    group: 'manage-self-assessment',
    auth: true,
    summary:
      'Saves self-assessed rows (scores, not-applicable, explanations) at a version; answers the rows it named and the new totals.',
    summaryVi: 'Lưu điểm tự chấm (điểm, không áp dụng, giải trình) theo phiên bản; trả lời các dòng đã gửi và tổng điểm mới.',
    who: 'commune_officer, commune_chair of the commune, before its deadline',
    request: saveSelfRequest,
    status: 200,
    response: rowSaveResponse,
    errors: ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'LIFECYCLE', 'TOO_LARGE'],
  }),
  submitAssessment: endpoint({
    method: 'POST',
    path: `${A}/submit`,
    group: 'manage-self-assessment',
    auth: true,
    summary: 'Submits the complete self-assessment to its appraising unit (the district, or the province since 1 July 2025).',
    summaryVi: 'Nộp hồ sơ tự đánh giá đã đủ cho đơn vị thẩm định (cấp huyện, hoặc tỉnh từ 01/7/2025).',
    who: 'commune_chair of the commune, before its deadline',
    request: versionRequest,
    status: 200,
    response: assessmentResponse,
    errors: ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'LIFECYCLE', 'INCOMPLETE', 'TOO_LARGE'],
  }),
  getAudit: endpoint({
    method: 'GET',
    path: `${A}/audit`,
    group: 'manage-self-assessment',
    auth: true,
    summary:
      "The assessment's audit trail, oldest first: who changed what, when, from what to what; each entry's `version` names the change it belongs to.",
    summaryVi: 'Nhật ký thay đổi của hồ sơ, cũ trước: ai đổi gì, lúc nào, từ giá trị nào sang giá trị nào.',
    who: READERS,
    status: 200,
    response: auditResponse,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
} as const;
