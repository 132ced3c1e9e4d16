/**
 * The page both renderers lay out (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4; margins top and bottom
 * 20–25 mm, left 30–35 mm, right 15–20 mm; body 13–14 pt. One set of numbers, so the .docx and the
 * PDF agree. FOUNDATION ONLY (issue 24): not wired into any handler, route or screen yet.
 */
import type { TableColumn } from '../../../shared/documents.js';

/** Points in a millimetre. */
export const mm = (millimetres: number) => (millimetres * 72) / 25.4;

/** Metric-compatible with Tinos, the font the PDF embeds; Word substitutes it where it is missing. */
export const FONT_NAME = 'Times New Roman';

export const LAYOUT = {
  /** A4 in points. */
  pageWidth: 595.28,
  pageHeight: 841.89,
  /** Millimetres. */
  margins: { top: 20, bottom: 20, left: 30, right: 15 },
  bodySize: 14,
  /** Quốc hiệu and the issuing body: 12–13 pt in the decree. */
  headerSize: 13,
  tableSize: 12,
  recipientsLabelSize: 12,
  recipientsSize: 11,
  /** Millimetres. */
  firstLineIndent: 10,
  /** Points between paragraphs. */
  paragraphSpacing: 6,
  /** Points left blank for the signature and the seal. */
  signatureSpace: 60,
  /** The header's left column (issuing body), as a share of the text width. */
  headerLeftShare: 0.4,
  /** The recipients' column, beside the signature. */
  signatureLeftShare: 0.5,
} as const;

/** The columns' widths in `total` units, in the proportions the table asks for, summing to `total`. */
export function columnShares(columns: readonly TableColumn[], total: number): number[] {
  const sum = columns.reduce((s, c) => s + c.width, 0);
  const out = columns.map((c) => Math.floor((c.width / sum) * total));
  out[out.length - 1]! += total - out.reduce((s, w) => s + w, 0);
  return out;
}
