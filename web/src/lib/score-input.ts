/** What the score field accepts: exactly what the server accepts (0..max, at most two decimals). */
import { parsePoints } from '$shared/format';
import { formatPoints } from './format';
import type { Hundredths } from '$shared/framework';

export type ParsedScore = { ok: true; value: Hundredths | null } | { ok: false; message: string };

export function parseScore(text: string, max: Hundredths): ParsedScore {
  const h = parsePoints(text);
  if (h === null) return { ok: true, value: null };
  if (Number.isNaN(h)) {
    const t = text.trim();
    if (/^-/.test(t)) return { ok: false, message: 'Điểm không được âm.' };
    if (/^\d+[.,]\d{3,}$/.test(t)) return { ok: false, message: 'Điểm có tối đa hai chữ số thập phân (ví dụ 0,25).' };
    return { ok: false, message: 'Điểm phải là một số, ví dụ 0,25 hoặc 1.' };
  }
  if (h > max) return { ok: false, message: `Điểm không được vượt quá điểm tối đa ${formatPoints(max)}.` };
  return { ok: true, value: h };
}
