/**
 * Frameworks as data (API.md, "Frameworks as data"): the province's criteria frameworks, written,
 * imported, versioned; the survey rows' points set by hand. Schemas: shared/frameworks/wire.ts.
 */
import {
  copyFrameworkRequest,
  frameworkListResponse,
  frameworkResponse,
  frameworkStepRequest,
  putFrameworkRequest,
} from '../frameworks/wire.js';
import { assessmentResponse, saveSurveyRequest } from '../schemas.js';
import { A } from './assessments.js';
import { endpoint } from './endpoint.js';
import { XLSX } from './reports.js';

const F = '/api/frameworks/{frameworkId}';
const STEP = ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'LIFECYCLE', 'TOO_LARGE'] as const;

export const frameworks = {
  listFrameworks: endpoint({
    method: 'GET',
    path: '/api/frameworks',
    group: 'manage-cycles',
    auth: true,
    summary: "The province's frameworks: drafts (province only), active and retired ones, with the cycles that run each.",
    summaryVi:
      'Các bộ tiêu chí của tỉnh: bản nháp (chỉ Sở Nội vụ thấy), đang dùng và đã ngừng, kèm các kỳ đánh giá dùng từng bộ.',
    who: 'any signed-in user (drafts: province)',
    status: 200,
    response: frameworkListResponse,
    errors: ['UNAUTHENTICATED'],
  }),
  getFramework: endpoint({
    method: 'GET',
    path: F,
    group: 'manage-cycles',
    auth: true,
    summary:
      'A framework: metadata, criteria sets, bonus and penalty groups, class bands, in points. `items` is the set that holds `xa`. An active framework never changes: the answer is cached as immutable.',
    summaryVi:
      'Một bộ tiêu chí: thông tin, các bộ tiêu chí theo loại đơn vị, nhóm điểm thưởng và điểm trừ, mức xếp loại (tính bằng điểm).',
    who: 'any signed-in user (a draft: province only)',
    status: 200,
    response: frameworkResponse,
    errors: ['UNAUTHENTICATED', 'NOT_FOUND'],
  }),
  copyFramework: endpoint({
    method: 'POST',
    path: '/api/frameworks',
    group: 'manage-cycles',
    auth: true,
    summary: 'A new draft, copied from `copyFrom` (its decision cleared).',
    summaryVi: 'Tạo bản nháp mới bằng cách sao chép một bộ tiêu chí (bỏ thông tin quyết định).',
    who: 'province',
    request: copyFrameworkRequest,
    status: 201,
    response: frameworkResponse,
    errors: ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_LARGE'],
  }),
  putFramework: endpoint({
    method: 'PUT',
    path: F,
    group: 'manage-cycles',
    auth: true,
    summary:
      'Replaces a draft at a version (a stale version: 409 CONFLICT; not a draft: 409 LIFECYCLE). A draft may be inconsistent.',
    summaryVi: 'Lưu bản nháp theo phiên bản (phiên bản cũ: 409 CONFLICT; không phải bản nháp: 409 LIFECYCLE).',
    who: 'province',
    request: putFrameworkRequest,
    status: 200,
    response: frameworkResponse,
    errors: STEP,
  }),
  activateFramework: endpoint({
    method: 'POST',
    path: `${F}/activate`,
    group: 'manage-cycles',
    auth: true,
    summary: 'Activates a consistent draft; an inconsistent one: 409 LIFECYCLE with every problem in `details`.',
    summaryVi: 'Đưa bản nháp vào sử dụng; bản nháp chưa nhất quán bị từ chối (409) kèm mọi lỗi, từng dòng.',
    who: 'province',
    request: frameworkStepRequest,
    status: 200,
    response: frameworkResponse,
    errors: STEP,
  }),
  retireFramework: endpoint({
    method: 'POST',
    path: `${F}/retire`,
    group: 'manage-cycles',
    auth: true,
    summary: 'Retires an active framework: no new cycle may use it; cycles already using it go on.',
    summaryVi: 'Ngừng sử dụng một bộ tiêu chí: không mở kỳ mới với nó; các kỳ đang dùng vẫn tiếp tục.',
    who: 'province',
    request: frameworkStepRequest,
    status: 200,
    response: frameworkResponse,
    errors: STEP,
  }),
  importFramework: endpoint({
    method: 'POST',
    path: '/api/frameworks/import',
    group: 'manage-cycles',
    auth: true,
    summary:
      "A new draft from an .xlsx in the layout of the decision's appendix (the body is the file's bytes, at most 4 MB; `?fileName=`). A bad file: 400 naming the sheet and row; nothing stored.",
    summaryVi: 'Tạo bản nháp từ tệp Excel theo mẫu phụ lục của quyết định (tối đa 4 MB); tệp lỗi: 400, nêu trang tính và dòng.',
    who: 'province',
    status: 201,
    response: frameworkResponse,
    errors: ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT', 'TOO_LARGE'],
  }),
  exportFramework: endpoint({
    method: 'GET',
    path: `${F}/export.xlsx`,
    group: 'manage-cycles',
    auth: true,
    summary: "The framework as .xlsx in the decision's appendix layout; importing it gives the same definition.",
    summaryVi: 'Xuất bộ tiêu chí ra Excel theo mẫu phụ lục; nhập lại tệp này được đúng bộ tiêu chí đó.',
    who: 'province',
    status: 200,
    file: XLSX,
    errors: ['UNAUTHENTICATED', 'NOT_FOUND'],
  }),
  saveSurveyScores: endpoint({
    method: 'PUT',
    path: `${A}/survey`,
    group: 'appraise-assessment',
    auth: true,
    summary:
      "Sets the points of the framework's survey rows by hand (until a survey round covers them), before APPROVED; audited. They are both the row's self and appraised score.",
    summaryVi: 'Nhập điểm các dòng lấy từ điều tra xã hội học (thư ký hội đồng), trước khi phê duyệt; có ghi nhật ký.',
    who: "the secretary of the cycle's council, for a unit it appraises",
    request: saveSurveyRequest,
    status: 200,
    response: assessmentResponse,
    errors: STEP,
  }),
} as const;
