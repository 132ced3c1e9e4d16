/**
 * Files the user saves: the server's spreadsheets (fetched with the Bearer token, saved under the name
 * from content-disposition) and CSV made in the browser (UTF-8 with a BOM so Excel reads Vietnamese;
 * numbers written the vi-VN way and quoted, since their decimal comma is the CSV separator).
 */
import { ApiError } from './api';
import { getToken } from './session';

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name of a content-disposition header (RFC 6266: filename* first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  return /filename\s*=\s*"([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/** GET `/api${path}` with the token and save what comes back. Throws ApiError with the server's message. */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const token = getToken();
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'HTTP_' + res.status,
      body?.error?.message ?? `Không tải được tệp (${res.status}).`,
    );
  }
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  save(await res.blob(), name);
  return name;
}

/** A CSV cell: a number (already formatted vi-VN) or text. */
export type Cell = string | number | { num: string };

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

function cell(c: Cell): string {
  if (typeof c === 'object') return quote(c.num);
  if (typeof c === 'number') return quote(String(c));
  // Text that a spreadsheet would run as a formula is written as text.
  const t = /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
  return /[",\n\r;]/.test(t) ? quote(t) : t;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return '\uFEFF' + [header.map(cell), ...rows.map((r) => r.map(cell))].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(name: string, header: string[], rows: Cell[][]): void {
  save(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }), name);
}

/** Saves one of the files csv.ts builds. */
export function saveCsv(file: { name: string; header: string[]; rows: Cell[][] }): void {
  downloadCsv(file.name, file.header, file.rows);
}
