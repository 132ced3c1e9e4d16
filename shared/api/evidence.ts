/** Evidence files of a row: ask for an upload, confirm it, download, delete. */
import * as z from 'zod';
import { evidence, evidenceRequest, evidenceUploadResponse } from '../schemas.js';
import { A } from './assessments.js';
import { endpoint } from './endpoint.js';

export const evidenceConfirmResponse = evidence.extend({ code: z.string() });
export const evidenceDownloadResponse = z.object({
  /** A presigned GET, valid 15 minutes; `?inline=1` lets a browser show PDFs, images and recordings. */
  downloadUrl: z.string(),
});

export type EvidenceConfirmResponse = z.infer<typeof evidenceConfirmResponse>;
export type EvidenceDownloadResponse = z.infer<typeof evidenceDownloadResponse>;

const EDITORS = 'commune_officer, commune_chair of the commune, while it may edit its self-assessment';

export const evidenceEndpoints = {
  requestEvidenceUpload: endpoint({
    method: 'POST',
    path: `${A}/evidence`,
    group: 'manage-evidence',
    auth: true,
    summary: 'Asks for a presigned upload of one file to one scored row; the file is sent straight to storage.',
    summaryVi: 'Xin đường dẫn tải lên một tệp kiểm chứng cho một tiêu chí; tệp được gửi thẳng vào kho lưu trữ.',
    who: EDITORS,
    request: evidenceRequest,
    status: 201,
    response: evidenceUploadResponse,
    errors: ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'LIFECYCLE', 'TOO_LARGE'],
  }),
  confirmEvidence: endpoint({
    method: 'POST',
    path: `${A}/evidence/{evidenceId}/confirm`,
    group: 'manage-evidence',
    auth: true,
    summary: 'Checks the uploaded file (size, type by its first bytes) and attaches it to its row; a bad file is deleted.',
    summaryVi: 'Kiểm tra tệp vừa tải lên (dung lượng, loại tệp theo nội dung) và gắn vào tiêu chí; tệp không hợp lệ bị xóa.',
    who: EDITORS,
    status: 200,
    response: evidenceConfirmResponse,
    errors: ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'LIFECYCLE', 'TOO_LARGE'],
  }),
  getEvidence: endpoint({
    method: 'GET',
    path: `${A}/evidence/{evidenceId}`,
    group: 'manage-evidence',
    auth: true,
    summary: 'A presigned download of one evidence file.',
    summaryVi: 'Đường dẫn tải về một tệp kiểm chứng.',
    who: "the commune's own staff, its district's staff and chair, the province",
    status: 200,
    response: evidenceDownloadResponse,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  deleteEvidence: endpoint({
    method: 'DELETE',
    path: `${A}/evidence/{evidenceId}`,
    group: 'manage-evidence',
    auth: true,
    summary: 'Removes one evidence file from its row (the versioned bucket keeps it recoverable).',
    summaryVi: 'Gỡ một tệp kiểm chứng khỏi tiêu chí (kho lưu trữ có phiên bản vẫn giữ để khôi phục).',
    who: EDITORS,
    status: 204,
    errors: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'LIFECYCLE'],
  }),
} as const;
