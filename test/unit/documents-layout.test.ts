/**
 * The golden layout of Nghị định 30/2020 (Phụ lục I), checked on what the renderers wrote: A4; margins
 * top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm; body 13–14 pt; the header in two columns; the
 * place and date in italics; the signature on the right. The ranges are the decree's, in millimetres,
 * converted here (1 mm = 72 / 25.4 pt; 1 pt = 20 twips).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MOTTO, NATIONAL_NAME } from '../../shared/documents.js';
import { renderDocx } from '../../functions/lib/documents/docx.js';
import { renderPdf } from '../../functions/lib/documents/pdf.js';
import { selfAssessmentReport } from '../../functions/lib/documents/self-assessment-report.js';
import { readDocx, readPdf, type PdfPage } from '../support/documents-read.js';
import { fixtureAssessment, fw } from '../support/documents-fixture.js';

const PT_PER_MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
/** Rounding in the files (twips, pdfkit's 6 decimals) and pdfjs's glyph widths. */
const SLACK = 0.5;

const doc = selfAssessmentReport({
  framework: fw,
  year: 2026,
  assessment: fixtureAssessment(),
  appraisingBody: 'Hội đồng thẩm định Chỉ số CCHC tỉnh Thái Nguyên',
  settings: { number: '27', date: '2027-01-08', signerName: 'Nguyễn Thị Hồng Nhung' },
  narrative: {
    // Long enough to be justified across the whole width.
    difficulties:
      'Đội ngũ công chức cấp xã còn thiếu về số lượng, một số công chức kiêm nhiệm nhiều việc nên việc cập nhật, lưu trữ tài liệu kiểm chứng chưa kịp thời, đầy đủ theo yêu cầu của Bộ tiêu chí.',
  },
});

describe('the PDF on the page', () => {
  let pages: PdfPage[];
  beforeAll(async () => {
    pages = await readPdf(await renderPdf(doc));
  });

  it('every page is A4 portrait', () => {
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) {
      expect(p.width).toBeCloseTo(A4.width, 1);
      expect(p.height).toBeCloseTo(A4.height, 1);
    }
  });

  it('the text starts within the left margin (30–35 mm) and reaches, without crossing, the right one (15–20 mm)', () => {
    const items = pages.flatMap((p) => p.items);
    const left = Math.min(...items.map((i) => i.x));
    const right = Math.max(...items.map((i) => i.x + i.width));
    expect(left).toBeGreaterThanOrEqual(30 * PT_PER_MM - SLACK);
    expect(left).toBeLessThanOrEqual(35 * PT_PER_MM + SLACK);
    expect(right).toBeLessThanOrEqual(A4.width - 15 * PT_PER_MM + SLACK);
    expect(right).toBeGreaterThanOrEqual(A4.width - 20 * PT_PER_MM - SLACK);
  });

  it('every baseline lies between the top and bottom margins (20–25 mm), except the page numbers in the top margin from page 2', () => {
    pages.forEach((p, n) => {
      const top = A4.height - 20 * PT_PER_MM;
      const inMargin = p.items.filter((i) => i.y > top);
      expect(inMargin.map((i) => i.text)).toEqual(n === 0 ? [] : [String(n + 1)]);
      for (const i of inMargin) expect(i.x + i.width / 2).toBeCloseTo((30 * PT_PER_MM + A4.width - 15 * PT_PER_MM) / 2, 0);
      for (const i of p.items) expect(i.y).toBeGreaterThanOrEqual(20 * PT_PER_MM);
    });
    // The first page's header starts at the top margin, not lower down.
    expect(Math.max(...pages[0]!.items.map((i) => i.y))).toBeGreaterThan(A4.height - 25 * PT_PER_MM - 20);
  });

  it('the header in two columns: the issuing body left, the national header right, on the same line; body text 13–14 pt', () => {
    const first = pages[0]!.items;
    const body = first.find((i) => i.text === 'ỦY BAN NHÂN DÂN')!;
    const nation = first.find((i) => i.text === NATIONAL_NAME)!;
    const motto = first.find((i) => i.text === MOTTO)!;
    expect(body.y).toBeCloseTo(nation.y, 0);
    expect(body.x + body.width).toBeLessThan(nation.x);
    expect(motto.x).toBeGreaterThan(A4.width / 2 - 20);
    const paragraph = first.find((i) => i.text.startsWith('Thực hiện Bộ tiêu chí'))!;
    expect(paragraph.height).toBeGreaterThanOrEqual(13);
    expect(paragraph.height).toBeLessThanOrEqual(14);
  });

  it('the signature block on the right half, the recipients on the left', () => {
    const items = pages.flatMap((p) => p.items);
    const centre = (30 * PT_PER_MM + A4.width - 15 * PT_PER_MM) / 2;
    for (const t of ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Thị Hồng Nhung']) {
      const i = items.find((x) => x.text === t)!;
      expect(i.x, t).toBeGreaterThan(centre);
    }
    expect(items.find((x) => x.text === 'Nơi nhận:')!.x + 1).toBeLessThan(centre);
  });
});

describe('the .docx on the page', () => {
  let xml: string;
  let headers: string[];
  beforeAll(async () => {
    ({ xml, headers } = await readDocx(await renderDocx(doc)));
  });
  const attr = (tag: string, name: string) => Number(new RegExp(`<w:${tag}\\b[^>]*\\bw:${name}="(\\d+)"`).exec(xml)?.[1]);
  const mmOf = (twips: number) => twips / 20 / PT_PER_MM;

  it('A4 with the margins in the ranges', () => {
    expect(mmOf(attr('pgSz', 'w'))).toBeCloseTo(210, 0);
    expect(mmOf(attr('pgSz', 'h'))).toBeCloseTo(297, 0);
    const within = (v: number, lo: number, hi: number) =>
      expect(v >= lo - 0.1 && v <= hi + 0.1, `${v} in ${lo}–${hi}`).toBe(true);
    within(mmOf(attr('pgMar', 'top')), 20, 25);
    within(mmOf(attr('pgMar', 'bottom')), 20, 25);
    within(mmOf(attr('pgMar', 'left')), 30, 35);
    within(mmOf(attr('pgMar', 'right')), 15, 20);
  });

  it('page numbers from page 2: a first-page header without one, a default header with the PAGE field; each header a paragraph at least (Word refuses an empty one)', () => {
    expect(xml).toContain('<w:titlePg/>');
    expect(headers).toHaveLength(2);
    for (const h of headers) expect(h).toMatch(/<w:p[ />]/);
    expect(headers.filter((h) => h.includes('PAGE'))).toHaveLength(1);
  });

  it('the place and date in italics, the body in 14 pt', () => {
    expect(xml).toMatch(/<w:r><w:rPr>(?:(?!<\/w:rPr>).)*<w:i\/>(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t[^>]*>Phúc Xuân, ngày 08/);
    expect(xml).toMatch(/<w:t[^>]*>Thực hiện/);
    const sizes = [
      ...xml.matchAll(
        /<w:r><w:rPr>(?:(?!<\/w:rPr>).)*<w:sz w:val="(\d+)"\/>(?:(?!<\/w:rPr>).)*<\/w:rPr><w:t[^>]*>Thực hiện Bộ tiêu chí/g,
      ),
    ];
    expect(sizes.map((m) => Number(m[1]) / 2)).toEqual([14]);
  });
});
