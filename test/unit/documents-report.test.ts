/**
 * The commune's self-assessment report (functions/lib/documents/self-assessment-report.ts) through both
 * renderers, read back: the .docx's word/document.xml and the PDF's text (pdfjs). Expected figures come
 * from the fixture's raw rows by plain arithmetic (test/support/documents-fixture.ts), never from the
 * code under test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_MARK, MOTTO, NATIONAL_NAME, documentNumber, placeAndDate, type Table } from '../../shared/documents.js';
import { renderDocx } from '../../functions/lib/documents/docx.js';
import { renderPdf } from '../../functions/lib/documents/pdf.js';
import {
  placeOf,
  selfAssessmentReport,
  type SelfAssessmentReportInput,
} from '../../functions/lib/documents/self-assessment-report.js';
import { readDocx, readPdf, type PdfPage } from '../support/documents-read.js';
import { EXPLANATION, expectedAreas, fixtureAssessment, fw, pct, vi2 } from '../support/documents-fixture.js';

const SIGNER = 'Nguyễn Thị Hồng Nhung';
const input = (status: 'DRAFT' | 'SUBMITTED' = 'DRAFT'): SelfAssessmentReportInput => ({
  framework: fw,
  year: 2026,
  assessment: fixtureAssessment(status),
  appraisingBody: 'Hội đồng thẩm định Chỉ số CCHC tỉnh Thái Nguyên',
  settings: { number: '27', date: '2027-01-08', signerName: SIGNER },
  narrative: {
    difficulties: 'Đội ngũ công chức còn thiếu.\nHạ tầng số chưa đồng bộ.',
    recommendations: 'Đề nghị tỉnh tổ chức tập huấn nghiệp vụ.',
  },
});

const a = fixtureAssessment();
const areas = expectedAreas(a);
const totalPoints = [...areas.values()].reduce((s, e) => s + e.points, 0);
const totalMax = [...areas.values()].reduce((s, e) => s + e.applicableMax, 0);
/** Each area's row of section I as the reader sees it: code, title, maximum, points, achievement. */
const areaFigures = fw.areas.map((area) => {
  const e = areas.get(area.code)!;
  return {
    code: area.code,
    title: area.title,
    max: vi2(area.max),
    points: vi2(e.points),
    pct: vi2(pct(e.points, e.applicableMax)),
  };
});
/** Rows claiming points without evidence: from the fixture's raw rows. */
const noEvidence = fw.leaves.filter((l) => (a.rows[l.code]?.self ?? 0) > 0 && (a.rows[l.code]?.evidence ?? []).length === 0);

describe('the self-assessment report as a model', () => {
  const d = selfAssessmentReport(input());
  const table = (blocks: readonly { kind: string }[]) => blocks.find((b) => b.kind === 'table') as Table;

  it('the header: the commune as issuing body, the number, the place and the date', () => {
    expect(d.header.issuingBody).toEqual(['ỦY BAN NHÂN DÂN', 'XÃ PHÚC XUÂN']);
    expect(d.header.number).toBe('Số: 27/BC-UBND');
    expect(d.header.placeAndDate).toBe('Phúc Xuân, ngày 08 tháng 01 năm 2027');
  });

  it('I: one row per area with its maximum, points and achievement, then the total', () => {
    const t = table(d.sections[0]!.blocks);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ...areaFigures.map((f) => [f.code, f.title, f.max, f.points, f.pct]),
      ['', 'Tổng cộng', vi2(fw.total), vi2(totalPoints), vi2(pct(totalPoints, totalMax))],
    ]);
  });

  it('II: exactly the rows that claim points without evidence, each with its explanation or a note that it has none', () => {
    const t = table(d.sections[1]!.blocks);
    expect(noEvidence.length).toBeGreaterThan(3);
    expect(t.rows.map((r) => r.cells[0])).toEqual(noEvidence.map((l) => l.code));
    for (const r of t.rows) {
      const explanation = a.rows[r.cells[0]!]!.explanation;
      expect(r.cells[3]).toBe(explanation ?? '(Chưa có giải trình)');
      expect(r.cells[2]).toBe(vi2(a.rows[r.cells[0]!]!.self!));
    }
    expect(t.rows.some((r) => r.cells[3]!.startsWith(EXPLANATION))).toBe(true);
  });

  it('III: the difficulties and the recommendations, one paragraph per line typed; "Không có." when empty', () => {
    const texts = d.sections[2]!.blocks.map((b) => (b.kind === 'paragraph' ? b.runs.map((r) => r.text).join('') : ''));
    expect(texts).toEqual([
      '1. Khó khăn, vướng mắc',
      'Đội ngũ công chức còn thiếu.',
      'Hạ tầng số chưa đồng bộ.',
      '2. Kiến nghị, đề xuất',
      'Đề nghị tỉnh tổ chức tập huấn nghiệp vụ.',
    ]);
    const empty = selfAssessmentReport({ ...input(), narrative: {} });
    expect(empty.sections[2]!.blocks.filter((b) => b.kind === 'paragraph' && b.runs[0]!.text === 'Không có.')).toHaveLength(2);
  });

  it("the appendix: every row of the catalog in its order, each leaf's own score, the not-applicable row marked, the totals", () => {
    const t = table(d.appendices[0]!.blocks);
    expect(t.rows.slice(0, fw.rows.length).map((r) => r.cells[0])).toEqual(fw.rows.map((r) => r.code));
    for (const leaf of fw.leaves) {
      const row = t.rows.find((r) => r.cells[0] === leaf.code)!;
      const raw = a.rows[leaf.code];
      const want = raw?.notApplicable ? 'Không áp dụng' : raw?.self === undefined ? '' : vi2(raw.self!);
      expect(row.cells[3]).toBe(want);
      expect(row.cells[5]).toBe((raw?.evidence ?? []).map((e) => e.fileName).join('\n'));
    }
    expect(t.rows[fw.rows.length]!.cells.slice(1, 4)).toEqual(['TỔNG ĐIỂM', vi2(fw.total), vi2(totalPoints)]);
  });

  it('"DỰ THẢO" until submitted, not after', () => {
    expect(d.draft).toBe(true);
    expect(selfAssessmentReport(input('SUBMITTED')).draft).toBe(false);
  });

  it('the signature block and the default recipients', () => {
    expect(d.signature).toEqual({ authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: SIGNER });
    expect(d.recipients).toEqual(['Hội đồng thẩm định Chỉ số CCHC tỉnh Thái Nguyên;', 'Lưu: VT.']);
  });
});

describe('the formal strings (Nghị định 30)', () => {
  it('a day below 10 and the months 1 and 2 take a leading zero; the others do not', () => {
    for (const [date, day, month] of [
      ['2027-02-05', '05', '02'],
      ['2027-01-31', '31', '01'],
      ['2027-03-09', '09', '3'],
      ['2026-12-10', '10', '12'],
    ] as const)
      expect(placeAndDate('Phúc Xuân', date, 2026)).toBe(`Phúc Xuân, ngày ${day} tháng ${month} năm ${date.slice(0, 4)}`);
  });

  it('without a date or a number, the blanks are left for the pen', () => {
    expect(placeAndDate('Phúc Xuân', undefined, 2026)).toMatch(/^Phúc Xuân, ngày\s+tháng\s+năm 2026$/);
    expect(documentNumber(undefined, 'BC-UBND')).toMatch(/^Số:\s+\/BC-UBND$/);
    expect(documentNumber(' 5 ', 'BC-UBND')).toBe('Số: 5/BC-UBND');
  });

  it("a commune's place is its name without its kind", () => {
    expect(['Xã Phúc Xuân', 'Phường Phan Đình Phùng', 'Thị trấn Hùng Sơn', 'Đặc khu Côn Đảo'].map(placeOf)).toEqual([
      'Phúc Xuân',
      'Phan Đình Phùng',
      'Hùng Sơn',
      'Côn Đảo',
    ]);
  });
});

describe('the report read back from the .docx and the PDF', () => {
  let docx: { xml: string; paragraphs: string[] };
  let pdf: PdfPage[];
  let pdfText: string;
  beforeAll(async () => {
    const d = selfAssessmentReport(input());
    [docx, pdf] = await Promise.all([renderDocx(d).then(readDocx), renderPdf(d).then(readPdf)]);
    pdfText = pdf.flatMap((p) => p.lines).join('\n');
  });

  it(".docx: the national header, the number, the draft mark, every area's figures, the total and the signature block", () => {
    const p = docx.paragraphs;
    for (const s of [NATIONAL_NAME, MOTTO, 'Số: 27/BC-UBND', DRAFT_MARK, 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', SIGNER, 'Nơi nhận:'])
      expect(p).toContain(s);
    // The table's cells are paragraphs of their own: each area's row holds its figures in order.
    for (const f of areaFigures) {
      const at = p.indexOf(f.title);
      expect(at, f.title).toBeGreaterThan(0);
      expect(p.slice(at - 1, at + 4)).toEqual([f.code, f.title, f.max, f.points, f.pct]);
    }
    expect(p).toContain(vi2(totalPoints));
    expect(p).toContain('Phúc Xuân, ngày 08 tháng 01 năm 2027');
  });

  it('.docx: the tables repeat their header row on every page and keep rows whole', () => {
    expect((docx.xml.match(/<w:tblHeader\/>/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(docx.xml).toContain('<w:cantSplit/>');
  });

  it('PDF: the same, with diacritics intact', () => {
    for (const s of [NATIONAL_NAME, MOTTO, 'Số: 27/BC-UBND', DRAFT_MARK, 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', SIGNER, 'Nơi nhận:'])
      expect(pdfText).toContain(s);
    expect(pdfText).toContain('Phúc Xuân, ngày 08 tháng 01 năm 2027');
    // Section I is on the first two pages; each area's row starts with its code and ends with its figures.
    const lines = pdf.slice(0, 2).flatMap((p) => p.lines);
    for (const f of areaFigures)
      expect(
        lines.some((l) => l.startsWith(`${f.code} `) && l.endsWith(`${f.max} ${f.points} ${f.pct}`)),
        `${f.code}: ${f.max} ${f.points} ${f.pct}`,
      ).toBe(true);
    expect(lines.some((l) => l.includes(`Tổng cộng ${vi2(fw.total)} ${vi2(totalPoints)}`))).toBe(true);
  });

  it('PDF: the appendix table repeats its header row on each page it continues on', () => {
    const first = pdf.findIndex((p) => p.lines.some((l) => l.startsWith('BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM')));
    expect(first).toBeGreaterThan(0);
    const appendix = pdf.slice(first);
    expect(appendix.length).toBeGreaterThan(2);
    for (const p of appendix) expect(p.items.some((i) => i.text === 'STT')).toBe(true);
  });

  it('once submitted, no draft mark in either', async () => {
    const d = selfAssessmentReport(input('SUBMITTED'));
    const [x, p] = await Promise.all([renderDocx(d).then(readDocx), renderPdf(d).then(readPdf)]);
    expect(x.paragraphs).not.toContain(DRAFT_MARK);
    expect(p.flatMap((q) => q.lines)).not.toContain(DRAFT_MARK);
  });
});
