/** vi-VN number style: decimal comma, no trailing zeros for points (0,25; 17; 95,75). */
import type { Hundredths } from './framework.js';

export function formatPoints(h: Hundredths | null | undefined): string {
  if (h === null || h === undefined || Number.isNaN(h)) return '';
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  const whole = Math.floor(a / 100);
  const frac = a % 100;
  const wholeText = whole.toLocaleString('vi-VN');
  if (frac === 0) return sign + wholeText;
  const f = String(frac).padStart(2, '0').replace(/0$/, '');
  return `${sign}${wholeText},${f}`;
}

/** Always two decimals, for indexes and percentages (95,75; 100,00). */
export function formatFixed2(h: Hundredths): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100).toLocaleString('vi-VN')},${String(a % 100).padStart(2, '0')}`;
}

/**
 * Reads what an official types: "0,25", "0.25", "1", " 2,5 ". Returns hundredths, null for an empty
 * field, NaN for anything else (letters, more than two decimals, a negative number).
 */
export function parsePoints(text: string): Hundredths | null {
  const t = text.trim();
  if (t === '') return null;
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * A percentage in Vietnamese typography, the one style of every screen and export: decimal comma and
 * the sign right after the number ("7,50%", "29,76%", "Từ 90%"). `h` is in hundredths of a percent
 * (2976 → "29,76%"); `decimals: 0` rounds to a whole percent for labels and progress (9000 → "90%").
 */
export function formatPercent(h: Hundredths, decimals: 0 | 2 = 2): string {
  if (decimals === 0) return `${Math.round(h / 100).toLocaleString('vi-VN')}%`;
  return `${formatFixed2(h)}%`;
}
