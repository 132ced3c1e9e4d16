/**
 * Names of the files the product produces (the spreadsheets, the CSV files): one style everywhere,
 * ASCII only, so a name reads the same in every browser, mail client and file system and fits a
 * header as it is: "Phu-luc-II_Thanh-pho-Thai-Nguyen_2026.xlsx".
 */
import { withoutDiacritics } from './text.js';

/** "Thành phố Thái Nguyên" → "Thanh-pho-Thai-Nguyen": diacritics folded, anything but letters and digits a hyphen. */
export function fileSlug(part: string | number): string {
  return withoutDiacritics(String(part).normalize('NFC'))
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The parts as slugs joined by "_" (empty parts dropped), then the extension. */
export function downloadName(parts: readonly (string | number)[], ext: 'xlsx' | 'csv'): string {
  const stem = parts.map(fileSlug).filter(Boolean).join('_');
  return `${stem || 'tep'}.${ext}`;
}
