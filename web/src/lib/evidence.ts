/**
 * Evidence files in the browser: the allowed types and size (checked before asking the server) and the
 * direct upload to the presigned URL with progress.
 *
 * The list is the server's own (shared/evidence.ts, which keeps zod out of the page).
 */
import { call } from './api';
import { ALLOWED_EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, type EvidenceContentType } from '$shared/evidence';
import type { EvidenceUploadResponse } from '$shared/schemas';

export const EVIDENCE_TYPES = ALLOWED_EVIDENCE_TYPES;
export { MAX_EVIDENCE_BYTES };

const byExtension: Record<string, EvidenceContentType> = Object.fromEntries(
  Object.entries(EVIDENCE_TYPES).map(([type, ext]) => [ext, type as EvidenceContentType]),
);
byExtension.jpeg = 'image/jpeg';

/** `accept` attribute of the file input. */
export const ACCEPT = [...Object.keys(EVIDENCE_TYPES), ...Object.keys(byExtension).map((e) => '.' + e)].join(',');

/** The file's content type if it is allowed, or a Vietnamese reason why not. */
export function checkEvidenceFile(file: {
  name: string;
  type: string;
  size: number;
}): { contentType: EvidenceContentType } | { error: string } {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const contentType = (file.type in EVIDENCE_TYPES ? file.type : byExtension[ext]) as EvidenceContentType | undefined;
  if (!contentType)
    return {
      error: `Tệp “${file.name}” không thuộc loại được phép (PDF, ảnh JPG/PNG/WEBP, Word, Excel, PowerPoint, MP3, M4A, MP4).`,
    };
  if (file.size === 0) return { error: `Tệp “${file.name}” rỗng.` };
  if (file.size > MAX_EVIDENCE_BYTES)
    return { error: `Tệp “${file.name}” quá lớn (tối đa ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB).` };
  return { contentType };
}

export function formatBytes(n: number): string {
  const fmt = (x: number) => x.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${fmt(n / 1024)} KB`;
  return `${fmt(n / 1024 / 1024)} MB`;
}

export type UploadTarget = EvidenceUploadResponse['upload'];

// Headers the browser sets itself and refuses from scripts.
const FORBIDDEN_HEADERS = new Set(['content-length', 'host', 'connection', 'expect']);

/** Sends the file straight to storage (S3 presigned PUT or POST) with XMLHttpRequest, for progress events. */
export function uploadFile(
  target: UploadTarget,
  file: Blob,
  contentType: string,
  onProgress: (loaded: number, total: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method, target.url);
    let body: XMLHttpRequestBodyInit = file;
    if (target.method === 'POST') {
      const form = new FormData();
      for (const [k, v] of Object.entries(target.fields ?? {})) form.append(k, v);
      if (!target.fields?.['Content-Type'] && !target.fields?.['content-type']) form.append('Content-Type', contentType);
      form.append('file', file);
      body = form;
    } else {
      const headers = { 'content-type': contentType, ...(target.headers ?? {}) };
      for (const [k, v] of Object.entries(headers)) if (!FORBIDDEN_HEADERS.has(k.toLowerCase())) xhr.setRequestHeader(k, v);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new Error(`Tải tệp lên kho lưu trữ không thành công (mã ${xhr.status}).`));
    xhr.onerror = () => reject(new Error('Mất kết nối khi tải tệp lên. Vui lòng thử lại.'));
    xhr.onabort = () => reject(new Error('Đã hủy tải tệp lên.'));
    xhr.send(body);
  });
}

// ---- reading evidence (every role that may see the assessment) ----

/** Types a browser shows itself; the rest are only downloaded. */
const VIEWABLE = /^(application\/pdf|image\/|audio\/|video\/)/;
export const canOpenInBrowser = (contentType: string) => VIEWABLE.test(contentType);

/** Which assessment a file belongs to. */
export interface AssessmentIds {
  cycleId: string;
  unitId: string;
}

async function downloadUrl(ids: AssessmentIds, evidenceId: string): Promise<string> {
  return (await call('getEvidence', { ...ids, evidenceId })).downloadUrl;
}

/** Saves the file (the storage serves it as an attachment). */
export async function downloadEvidence(ids: AssessmentIds, id: string): Promise<void> {
  const href = await downloadUrl(ids, id);
  const a = document.createElement('a');
  a.href = href;
  a.rel = 'noopener';
  a.download = '';
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * Shows a PDF, picture, sound or video in a new tab. The storage sends every file as an attachment
 * (so a browser would save it), hence the file is fetched and shown from a blob of its own type. The
 * tab is opened before any await, inside the click, so pop-up blockers allow it.
 */
export async function openEvidence(ids: AssessmentIds, ev: { id: string; contentType: string }): Promise<void> {
  const tab = window.open('', '_blank');
  if (!tab) return downloadEvidence(ids, ev.id);
  try {
    tab.document.title = 'Đang tải tài liệu…';
    const res = await fetch(await downloadUrl(ids, ev.id));
    if (!res.ok) throw new Error(`Không tải được tài liệu (mã ${res.status}).`);
    const blob = new Blob([await res.arrayBuffer()], { type: ev.contentType });
    const url = URL.createObjectURL(blob);
    tab.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    tab.close();
    throw e;
  }
}
