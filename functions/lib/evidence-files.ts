/** Evidence files: safe names, and the type of a stored object judged by its first bytes. */
import type { EvidenceContentType } from '../../shared/schemas.js';
import { withoutDiacritics } from '../../shared/text.js';

/** Keeps letters (Vietnamese included), digits, spaces and . _ - ( ); no paths, no control characters. */
export function sanitizeFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let clean = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[ .]+|[ .]+$/g, '');
  if (clean.length > 120) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 6 ? clean.slice(dot) : '';
    clean = clean.slice(0, 120 - ext.length) + ext;
  }
  return clean || 'tep-dinh-kem';
}

type Family = 'pdf' | 'jpeg' | 'png' | 'webp' | 'ole' | 'zip' | 'mp3' | 'mp4';

const familyOf: Record<EvidenceContentType, Family> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/msword': 'ole',
  'application/vnd.ms-excel': 'ole',
  'application/vnd.ms-powerpoint': 'ole',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'zip',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'zip',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'mp4',
  'video/mp4': 'mp4',
};

function sniff(b: Uint8Array): Family | undefined {
  const at = (i: number, ...bytes: number[]) => bytes.every((x, k) => b[i + k] === x);
  if (at(0, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  if (at(0, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (at(0, 0x50, 0x4b, 0x03, 0x04)) return 'zip';
  if (at(0, 0x49, 0x44, 0x33) || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0)) return 'mp3';
  if (at(4, 0x66, 0x74, 0x79, 0x70)) return 'mp4';
  return undefined;
}

/** Whether the first bytes of a file are those of the declared type. */
export function contentMatches(contentType: EvidenceContentType, head: Uint8Array): boolean {
  return sniff(head) === familyOf[contentType];
}

/** RFC 6266 Content-Disposition: an ASCII fallback and the exact UTF-8 name; attachment unless `inline`. */
export function attachmentDisposition(fileName: string, inline = false): string {
  const ascii = withoutDiacritics(fileName).replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
