/** The decision's tables as spreadsheets (functions/export-reports.ts): binary bodies, saved as attachments. */
import { A } from './assessments.js';
import { endpoint } from './endpoint.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const reports = {
  downloadAppendix1: endpoint({
    method: 'GET',
    path: `${A}/appendix-1.xlsx`,
    group: 'export-reports',
    auth: true,
    summary: "Appendix I: one commune's self-assessed and appraised scores.",
    summaryVi: 'Phụ lục I: điểm tự chấm và điểm thẩm định của một đơn vị cấp xã (tệp Excel).',
    who: "the commune's own staff, its district's staff and chair, the province",
    status: 200,
    file: XLSX,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  downloadAppendix2: endpoint({
    method: 'GET',
    path: '/api/cycles/{cycleId}/rankings/{districtId}/appendix-2.xlsx',
    group: 'export-reports',
    auth: true,
    summary: "Appendix II: an appraising unit's ranking (a district's, or the province's).",
    summaryVi: 'Phụ lục II: bảng xếp hạng của một đơn vị thẩm định (tệp Excel).',
    who: "the district's staff and chair, the province",
    status: 200,
    file: XLSX,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  downloadConsolidated: endpoint({
    method: 'GET',
    path: '/api/cycles/{cycleId}/consolidated.xlsx',
    group: 'export-reports',
    auth: true,
    summary: "The province's workbook: every appraising unit's ranking, and year over year.",
    summaryVi: 'Bảng tổng hợp của tỉnh: xếp hạng của mọi đơn vị thẩm định và so sánh các năm (tệp Excel).',
    who: 'province, province_secretary, province_chair',
    status: 200,
    file: XLSX,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
} as const;
