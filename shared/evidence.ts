/**
 * Which evidence files are accepted (Điều 6.1.b: documents, scans, photos, audio/video) and how large.
 * Zod-free, so the browser checks a file with the very list the server enforces.
 */
export const ALLOWED_EVIDENCE_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'video/mp4': 'mp4',
} as const;
export type EvidenceContentType = keyof typeof ALLOWED_EVIDENCE_TYPES;
export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;
