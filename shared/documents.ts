/**
 * One document model, two renderers (issue 24, item 1): a small tree describing an administrative
 * document in the form of Nghị định 30/2020/NĐ-CP (header, document type and subject, numbered
 * sections of paragraphs and tables, recipients, signature block, appendices). It is built from the
 * domain in one place (functions/lib/documents/self-assessment-report.ts) and walked by a Word and a
 * PDF renderer (functions/lib/documents/docx.ts, pdf.ts), neither of which knows the domain.
 *
 * FOUNDATION ONLY: not wired into any handler, route or screen yet; a later session does that.
 *
 * Pure: types and string helpers only, no packages, no clock (dates are passed in).
 */

/** Quốc hiệu and Tiêu ngữ, exactly as Nghị định 30 writes them. */
export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
/** The mark of a document that is not final. */
export const DRAFT_MARK = 'DỰ THẢO';
export const RECIPIENTS_LABEL = 'Nơi nhận:';

/** A piece of text with its emphasis. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface Paragraph {
  kind: 'paragraph';
  runs: Run[];
  /** Body text is justified with a first-line indent (the default); headings are left or centred. */
  align?: 'justify' | 'left' | 'center' | 'right';
  /** No first-line indent (headings, list items written with their own dash). */
  noIndent?: boolean;
}

export interface TableColumn {
  /** Relative width: the renderers share the text width in these proportions. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableRow {
  cells: string[];
  /** Areas and totals are bold. */
  bold?: boolean;
}

/** A bordered table; its header row repeats at the top of every page the table continues on. */
export interface Table {
  kind: 'table';
  columns: TableColumn[];
  header: string[];
  rows: TableRow[];
  /** Point size of the cells (tables may be smaller than the body); the renderer's default otherwise. */
  size?: number;
}

export type Block = Paragraph | Table;

/** A numbered section of the body: "I. KẾT QUẢ …". */
export interface Section {
  /** "I", "II", … as written before the title. */
  number: string;
  title: string;
  blocks: Block[];
}

/** An appendix, on a page of its own after the signature. */
export interface Appendix {
  /** "PHỤ LỤC" and the lines under it (the first is bold, the others italic). */
  title: string;
  subtitle: string[];
  blocks: Block[];
}

export interface DocumentHeader {
  /** Left column, above the body's name: the superior body (regular), possibly none. */
  superiorBody: string[];
  /** Left column: the issuing body's name (bold), e.g. ["ỦY BAN NHÂN DÂN", "XÃ PHÚC XUÂN"]. */
  issuingBody: string[];
  /** "Số: 12/BC-UBND" (see documentNumber). */
  number: string;
  /** "Phúc Xuân, ngày 05 tháng 02 năm 2027" (see placeAndDate); in italics, right column. */
  placeAndDate: string;
}

export interface SignatureBlock {
  /** "TM. ỦY BAN NHÂN DÂN" (signing on the committee's behalf); absent when one signs in one's own name. */
  authority?: string;
  /** "CHỦ TỊCH". */
  title: string;
  /** The signer's full name; empty leaves the place blank. */
  name: string;
}

export interface OfficialDocument {
  /** The file's title in its metadata (not printed). */
  title: string;
  header: DocumentHeader;
  /** "DỰ THẢO" at the top while the document is not final. */
  draft: boolean;
  /** "BÁO CÁO", "QUYẾT ĐỊNH". */
  documentType: string;
  /** The subject under the type, one or more lines. */
  subject: string[];
  /** Paragraphs before the first section. */
  intro: Block[];
  sections: Section[];
  /** Each recipient line as printed after its dash: "Như trên;", "Lưu: VT." */
  recipients: string[];
  signature: SignatureBlock;
  appendices: Appendix[];
}

/** Body text: a justified paragraph with a first-line indent. */
export function paragraph(text: string): Paragraph {
  return { kind: 'paragraph', runs: [{ text }] };
}

/** A heading or label inside a section: bold, left, no indent. */
export function heading(text: string): Paragraph {
  return { kind: 'paragraph', runs: [{ text, bold: true }], align: 'left', noIndent: true };
}

/**
 * "Số: 12/BC-UBND". Without a number yet, the space is left to be filled in by hand, as offices print
 * it ("Số:      /BC-UBND").
 */
export function documentNumber(number: string | undefined, symbol: string): string {
  const n = (number ?? '').trim();
  return `Số: ${n === '' ? '\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0' : n}/${symbol}`;
}

/**
 * "Phúc Xuân, ngày 05 tháng 02 năm 2027": Nghị định 30 writes a day below 10 and the months 1 and 2
 * with a leading zero. `date` is "YYYY-MM-DD"; without one, the day and month are left blank for the
 * signer ("ngày    tháng    năm 2027").
 */
export function placeAndDate(place: string, date: string | undefined, year: number): string {
  const m = date === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return `${place}, ngày\u00a0\u00a0\u00a0\u00a0 tháng\u00a0\u00a0\u00a0\u00a0 năm ${year}`;
  const day = Number(m[3]);
  const month = Number(m[2]);
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month <= 2 ? `0${month}` : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${m[1]}`;
}
