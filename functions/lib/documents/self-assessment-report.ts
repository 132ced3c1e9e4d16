/**
 * The commune's self-assessment report ("Báo cáo tự đánh giá, chấm điểm Chỉ số CCHC", issue 24 item 2)
 * as a document model (shared/documents.ts), built from the domain as it is today: the cycle's year,
 * the unit, its assessment and the framework. Every figure comes from the one scoring function
 * (scoreSheet through selfRowOf, as Appendix I in ../reports.ts); nothing here scores.
 *
 * FOUNDATION ONLY: not wired into any handler, route or screen yet. The formal fields (number, date,
 * place, signer, recipients) and the narrative (difficulties, recommendations) are inputs here; saving
 * them (`PUT …/report-settings`, `PUT …/self` with `narrative`) is for the session that wires it.
 *
 * Body: I. results by area and in total (the self-assessed side); II. the rows that claim points
 * without evidence, with their explanations; III. difficulties and recommendations; then recipients and
 * the signature, and the score table as Appendix I's rows. Marked "DỰ THẢO" until submitted.
 */
import type { Assessment } from '../../../shared/assessment.js';
import { selfRowOf } from '../../../shared/assessment.js';
import { policyNote } from '../../../shared/analysis.js';
import {
  documentNumber,
  heading,
  paragraph,
  placeAndDate,
  type Block,
  type OfficialDocument,
  type Table,
} from '../../../shared/documents.js';
import { formatFixed2 } from '../../../shared/format.js';
import { titleFor, type Framework, type FrameworkNode } from '../../../shared/framework.js';
import { classLabel, scoreSheet, type SheetTotals } from '../../../shared/scoring.js';
import { hasReached } from '../../../shared/status-order.js';

/** The formal fields an official fills in before downloading (saved per unit once wired). */
export interface ReportSettings {
  /** The number before "/BC-UBND"; blank to be written by hand. */
  number?: string;
  /** "YYYY-MM-DD"; blank to be written by hand. */
  date?: string;
  /** The place before the date; by default the unit's name without its kind ("Phúc Xuân"). */
  place?: string;
  signerName?: string;
  /** "CHỦ TỊCH" by default; "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" are for the wiring's dialog to offer. */
  signerTitle?: string;
  /** Recipient lines after their dash; by default the appraising body and "Lưu: VT.". */
  recipients?: string[];
}

export interface SelfAssessmentReportInput {
  framework: Framework;
  /** The cycle's year (the report's subject). */
  year: number;
  assessment: Assessment;
  /** Who receives and appraises the report, e.g. "Hội đồng thẩm định Chỉ số CCHC tỉnh Thái Nguyên". */
  appraisingBody: string;
  settings?: ReportSettings;
  /** What the commune types beside its form; a line break starts a new paragraph. */
  narrative?: { difficulties?: string; recommendations?: string };
}

/** The report's symbol after the number (Nghị định 30: BC for a report, UBND for the committee). */
export const REPORT_SYMBOL = 'BC-UBND';
const KINDS = /^(Xã|Phường|Thị trấn|Đặc khu)\s+/u;

/** "Xã Phúc Xuân" → "Phúc Xuân": the place a commune's document is dated at. */
export const placeOf = (unitName: string) => unitName.replace(KINDS, '');

const fixed = (h: number) => formatFixed2(h);

/**
 * A row is left out when every scored row under it is (1.8 when both 1.8.1 and 1.8.2 are), as in
 * Appendix I: shown "Không áp dụng", not as 0 points and 0 %.
 */
function leftOutOf(a: Assessment) {
  const leftOut = (n: FrameworkNode): boolean =>
    n.children.length === 0 ? a.rows[n.code]?.notApplicable === true && n.notApplicableAllowed : n.children.every(leftOut);
  return leftOut;
}

function resultsByArea(fw: Framework, self: SheetTotals): Table {
  return {
    kind: 'table',
    columns: [
      { width: 8, align: 'center' },
      { width: 46 },
      { width: 14, align: 'right' },
      { width: 16, align: 'right' },
      { width: 16, align: 'right' },
    ],
    header: ['STT', 'Lĩnh vực', 'Điểm tối đa', 'Điểm tự đánh giá', 'Tỷ lệ đạt được (%)'],
    rows: [
      ...fw.areas.map((area) => {
        const n = self.nodes[area.code]!;
        return { cells: [area.code, area.title, fixed(area.max), fixed(n.points), fixed(n.achievementPct)] };
      }),
      { cells: ['', 'Tổng cộng', fixed(fw.total), fixed(self.points), fixed(self.index)], bold: true },
    ],
  };
}

/** The leaves that claim points (more than 0) with no evidence attached, in the catalog's order. */
export function rowsWithoutEvidence(fw: Framework, a: Assessment): FrameworkNode[] {
  const leftOut = leftOutOf(a);
  return fw.leaves.filter((leaf) => {
    const r = a.rows[leaf.code];
    return !leftOut(leaf) && (r?.self ?? 0) > 0 && (r?.evidence ?? []).length === 0;
  });
}

function withoutEvidence(fw: Framework, a: Assessment): Block[] {
  const rows = rowsWithoutEvidence(fw, a);
  if (rows.length === 0) return [paragraph('Các tiêu chí đã tự chấm điểm đều có tài liệu kiểm chứng kèm theo.')];
  return [
    paragraph(`Có ${rows.length} tiêu chí tự chấm điểm chưa có tài liệu kiểm chứng, giải trình như sau:`),
    {
      kind: 'table',
      columns: [{ width: 10, align: 'center' }, { width: 40 }, { width: 14, align: 'right' }, { width: 36 }],
      header: ['Mã', 'Tiêu chí', 'Điểm tự đánh giá', 'Giải trình'],
      rows: rows.map((leaf) => {
        const r = a.rows[leaf.code]!;
        const explanation = (r.explanation ?? '').trim();
        return { cells: [leaf.code, titleFor(leaf, a.unitKind), fixed(r.self ?? 0), explanation || '(Chưa có giải trình)'] };
      }),
    },
  ];
}

/** Paragraphs of a text typed in the app; "Không có." when it is empty. */
function narrativeBlocks(text: string | undefined): Block[] {
  const parts = (text ?? '')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length ? parts.map(paragraph) : [paragraph('Không có.')];
}

/** Appendix I's rows (the same rows, titles and marks as ../reports.ts appendix1), the self-assessed side. */
function scoreTable(fw: Framework, a: Assessment, self: SheetTotals): Table {
  const leftOut = leftOutOf(a);
  return {
    kind: 'table',
    size: 11,
    columns: [
      { width: 9, align: 'center' },
      { width: 45 },
      { width: 11, align: 'right' },
      { width: 12, align: 'right' },
      { width: 11, align: 'right' },
      { width: 22 },
    ],
    header: [
      'STT',
      'Lĩnh vực/Tiêu chí/Tiêu chí thành phần',
      'Điểm tối đa',
      'Điểm tự đánh giá',
      'Kết quả đạt được (%)',
      'Tài liệu kiểm chứng',
    ],
    rows: [
      ...fw.rows.map((node) => {
        const leaf = node.children.length === 0;
        const row = a.rows[node.code];
        const na = leftOut(node);
        const s = self.nodes[node.code]!;
        const unscored = leaf && !na && (row?.self ?? null) === null;
        return {
          bold: !node.parent,
          cells: [
            node.code,
            titleFor(node, a.unitKind),
            fixed(node.max),
            na ? 'Không áp dụng' : unscored ? '' : fixed(s.points),
            na ? '' : fixed(s.achievementPct),
            leaf ? (row?.evidence ?? []).map((e) => e.fileName).join('\n') : '',
          ],
        };
      }),
      { bold: true, cells: ['', 'TỔNG ĐIỂM', fixed(fw.total), fixed(self.points), fixed(self.index), ''] },
      {
        bold: true,
        cells: ['', 'CHỈ SỐ CCHC (điểm / tổng điểm tối đa áp dụng × 100)', fixed(self.applicableMax), fixed(self.index), '', ''],
      },
      { bold: true, cells: ['', 'XẾP LOẠI (tự đánh giá)', '', classLabel(fw, self.class), '', ''] },
    ],
  };
}

export function selfAssessmentReport(input: SelfAssessmentReportInput): OfficialDocument {
  const { framework: fw, assessment: a, year } = input;
  const settings = input.settings ?? {};
  const self = scoreSheet(fw, selfRowOf(a));
  const unitUpper = a.unitName.toLocaleUpperCase('vi-VN');
  const committee = `Ủy ban nhân dân ${a.unitName.charAt(0).toLocaleLowerCase('vi-VN')}${a.unitName.slice(1)}`;
  const scoredNote =
    self.scored < self.applicable ? ` Số tiêu chí đã tự chấm: ${self.scored}/${self.applicable} tiêu chí áp dụng.` : '';
  return {
    title: `Báo cáo tự đánh giá, chấm điểm Chỉ số CCHC năm ${year} — ${a.unitName}`,
    draft: !hasReached(a.status, 'SUBMITTED'),
    header: {
      superiorBody: [],
      issuingBody: ['ỦY BAN NHÂN DÂN', unitUpper],
      number: documentNumber(settings.number, REPORT_SYMBOL),
      placeAndDate: placeAndDate(settings.place?.trim() || placeOf(a.unitName), settings.date, year),
    },
    documentType: 'BÁO CÁO',
    subject: [`Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ${year}`],
    intro: [
      paragraph(
        `Thực hiện Bộ tiêu chí ${fw.title}, ${committee} báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ${year} như sau:`,
      ),
    ],
    sections: [
      {
        number: 'I',
        title: 'KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM',
        blocks: [
          heading('1. Kết quả theo từng lĩnh vực'),
          resultsByArea(fw, self),
          heading('2. Kết quả chung'),
          paragraph(
            `Tổng điểm tự đánh giá: ${fixed(self.points)}/${fixed(self.applicableMax)} điểm; Chỉ số CCHC: ${fixed(self.index)}%; xếp loại: ${classLabel(fw, self.class)}.${scoredNote}`,
          ),
          paragraph(policyNote(fw)),
        ],
      },
      { number: 'II', title: 'CÁC TIÊU CHÍ CHƯA CÓ TÀI LIỆU KIỂM CHỨNG', blocks: withoutEvidence(fw, a) },
      {
        number: 'III',
        title: 'KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT',
        blocks: [
          heading('1. Khó khăn, vướng mắc'),
          ...narrativeBlocks(input.narrative?.difficulties),
          heading('2. Kiến nghị, đề xuất'),
          ...narrativeBlocks(input.narrative?.recommendations),
        ],
      },
    ],
    recipients: settings.recipients?.length ? settings.recipients : [`${input.appraisingBody};`, 'Lưu: VT.'],
    signature: {
      authority: 'TM. ỦY BAN NHÂN DÂN',
      title: settings.signerTitle?.trim() || 'CHỦ TỊCH',
      name: settings.signerName?.trim() ?? '',
    },
    appendices: [
      {
        title: 'PHỤ LỤC',
        subtitle: [
          `BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CCHC NĂM ${year} CỦA ${unitUpper}`,
          `(Kèm theo Báo cáo ${documentNumber(settings.number, REPORT_SYMBOL).replace(/^Số: /, 'số ')})`,
        ],
        blocks: [scoreTable(fw, a, self)],
      },
    ],
  };
}
