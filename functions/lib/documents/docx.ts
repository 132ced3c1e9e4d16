/**
 * The Word renderer of the document model (shared/documents.ts), with `docx` 9.15: walks the tree and
 * returns the .docx as a Buffer. It knows the form of Nghị định 30/2020, not the domain.
 *
 * FOUNDATION ONLY (issue 24): not wired into any handler, route or screen yet.
 *
 * The layout (./layout.ts): A4, margins 20/20/30/15 mm, Times New Roman 14 pt; the header in a
 * borderless two-column table (issuing body left, national header right); place and date in italics;
 * tables bordered, their header row repeated on every page (`tableHeader`) and rows kept whole
 * (`cantSplit`); the recipients left and the signature right, side by side; page numbers centred at
 * the top from page 2 on, as the decree asks.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph as DocxParagraph,
  Table as DocxTable,
  TableBorders,
  TableCell,
  TableRow as DocxTableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type FileChild,
} from 'docx';
import {
  DRAFT_MARK,
  MOTTO,
  NATIONAL_NAME,
  RECIPIENTS_LABEL,
  type Block,
  type OfficialDocument,
  type Paragraph,
  type Table,
} from '../../../shared/documents.js';
import { FONT_NAME, LAYOUT, columnShares, mm } from './layout.js';

/** Twentieths of a point, Word's unit for lengths. */
const twips = (pt: number) => Math.round(pt * 20);
/** Half-points, Word's unit for font sizes. */
const half = (pt: number) => Math.round(pt * 2);

/** Precomposed letters (ệ, ở): Word draws a decomposed letter's marks apart on some fonts. */
const nfc = (s: string) => s.normalize('NFC');

const TEXT_WIDTH = twips(LAYOUT.pageWidth - mm(LAYOUT.margins.left) - mm(LAYOUT.margins.right));

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

interface LineOptions {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  align?: keyof typeof ALIGN;
  before?: number;
  after?: number;
}

/** One line of text (a header line, a title): no indent. */
function line(text: string, o: LineOptions = {}): DocxParagraph {
  return new DocxParagraph({
    alignment: ALIGN[o.align ?? 'center'],
    spacing: { before: twips(o.before ?? 0), after: twips(o.after ?? 0) },
    children: [
      new TextRun({ text: nfc(text), bold: o.bold ?? false, italics: o.italic ?? false, size: half(o.size ?? LAYOUT.bodySize) }),
    ],
  });
}

/**
 * A short rule centred in a column `width` twips wide (under the issuing body, under the motto): an
 * empty paragraph's bottom border, shortened by equal indents.
 */
function rule(width: number, share: number): DocxParagraph {
  const inset = Math.round((width * (1 - share)) / 2);
  return new DocxParagraph({
    spacing: { before: 0, after: twips(2) },
    indent: { left: inset, right: inset },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', size: half(2) })],
  });
}

/** The draft mark, boxed at the right edge of the text. */
function draftMark(): DocxParagraph {
  const box = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 };
  return new DocxParagraph({
    alignment: AlignmentType.CENTER,
    indent: { left: TEXT_WIDTH - twips(80) },
    spacing: { after: twips(6) },
    border: { top: box, bottom: box, left: box, right: box },
    children: [new TextRun({ text: DRAFT_MARK, bold: true, size: half(LAYOUT.bodySize) })],
  });
}

function paragraph(p: Paragraph): DocxParagraph {
  return new DocxParagraph({
    alignment: ALIGN[p.align ?? 'justify'],
    spacing: { before: twips(LAYOUT.paragraphSpacing), after: 0 },
    indent: p.noIndent ? undefined : { firstLine: twips(mm(LAYOUT.firstLineIndent)) },
    children: p.runs.map(
      (r) => new TextRun({ text: nfc(r.text), bold: r.bold ?? false, italics: r.italic ?? false, size: half(LAYOUT.bodySize) }),
    ),
  });
}

/** A cell's text: a line break in it starts a new paragraph (a list of file names). */
function cellParagraphs(text: string, align: keyof typeof ALIGN, size: number, bold: boolean): DocxParagraph[] {
  return text
    .split('\n')
    .map(
      (t) => new DocxParagraph({ alignment: ALIGN[align], children: [new TextRun({ text: nfc(t), bold, size: half(size) })] }),
    );
}

function table(t: Table): DocxTable {
  const widths = columnShares(t.columns, TEXT_WIDTH);
  const size = t.size ?? LAYOUT.tableSize;
  const cell = (text: string, i: number, align: keyof typeof ALIGN, bold: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      children: cellParagraphs(text, align, size, bold),
    });
  return new DocxTable({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new DocxTableRow({
        tableHeader: true,
        cantSplit: true,
        children: t.header.map((h, i) => cell(h, i, 'center', true)),
      }),
      ...t.rows.map(
        (r) =>
          new DocxTableRow({
            cantSplit: true,
            children: r.cells.map((c, i) => cell(c, i, t.columns[i]?.align ?? 'left', r.bold ?? false)),
          }),
      ),
    ],
  });
}

function blocks(list: readonly Block[]): FileChild[] {
  return list.flatMap((b) => (b.kind === 'table' ? [table(b), line('', { size: 6 })] : [paragraph(b)]));
}

/** Two borderless columns side by side (the header; the recipients and the signature). */
function twoColumns(left: DocxParagraph[], right: DocxParagraph[], leftShare: number): DocxTable {
  const l = Math.round(TEXT_WIDTH * leftShare);
  const widths = [l, TEXT_WIDTH - l];
  return new DocxTable({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: TableBorders.NONE,
    rows: [
      new DocxTableRow({
        children: [left, right].map(
          (children, i) =>
            new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, borders: TableBorders.NONE, children }),
        ),
      }),
    ],
  });
}

function body(d: OfficialDocument): FileChild[] {
  const h = d.header;
  const out: FileChild[] = [];
  if (d.draft) out.push(draftMark());
  const leftWidth = Math.round(TEXT_WIDTH * LAYOUT.headerLeftShare);
  out.push(
    twoColumns(
      [
        ...h.superiorBody.map((t) => line(t, { size: LAYOUT.headerSize })),
        ...h.issuingBody.map((t) => line(t, { bold: true, size: LAYOUT.headerSize })),
        rule(leftWidth, 0.3),
        line(h.number, { size: LAYOUT.bodySize, before: 6 }),
      ],
      [
        line(NATIONAL_NAME, { bold: true, size: LAYOUT.headerSize }),
        line(MOTTO, { bold: true, size: LAYOUT.bodySize }),
        // About the motto's width, as the decree draws it.
        rule(TEXT_WIDTH - leftWidth, 0.62),
        line(h.placeAndDate, { italic: true, size: LAYOUT.bodySize, before: 6 }),
      ],
      LAYOUT.headerLeftShare,
    ),
  );
  out.push(line(d.documentType, { bold: true, before: 18 }));
  d.subject.forEach((s, i) => out.push(line(s, { bold: true, after: i === d.subject.length - 1 ? 12 : 0 })));
  out.push(...blocks(d.intro));
  for (const s of d.sections) {
    out.push(
      paragraph({ kind: 'paragraph', runs: [{ text: `${s.number}. ${s.title}`, bold: true }], align: 'left', noIndent: true }),
    );
    out.push(...blocks(s.blocks));
  }
  const sig = d.signature;
  out.push(line('', { before: 12 }));
  out.push(
    twoColumns(
      [
        new DocxParagraph({
          children: [new TextRun({ text: RECIPIENTS_LABEL, bold: true, italics: true, size: half(LAYOUT.recipientsLabelSize) })],
        }),
        ...d.recipients.map((r) => line(`- ${r}`, { size: LAYOUT.recipientsSize, align: 'left' })),
      ],
      [
        ...(sig.authority ? [line(sig.authority, { bold: true })] : []),
        line(sig.title, { bold: true }),
        line('', { after: LAYOUT.signatureSpace }),
        line(sig.name, { bold: true }),
      ],
      LAYOUT.signatureLeftShare,
    ),
  );
  for (const a of d.appendices) {
    out.push(
      new DocxParagraph({
        pageBreakBefore: true,
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: nfc(a.title), bold: true, size: half(LAYOUT.bodySize) })],
      }),
    );
    a.subtitle.forEach((s, i) => out.push(line(s, { italic: i > 0, bold: i === 0, after: i === a.subtitle.length - 1 ? 6 : 0 })));
    out.push(...blocks(a.blocks));
  }
  return out;
}

export async function renderDocx(d: OfficialDocument): Promise<Buffer> {
  const doc = new Document({
    creator: 'CCHC Index',
    title: nfc(d.title),
    styles: { default: { document: { run: { font: FONT_NAME, size: half(LAYOUT.bodySize) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: twips(LAYOUT.pageWidth), height: twips(LAYOUT.pageHeight) },
            margin: {
              top: twips(mm(LAYOUT.margins.top)),
              bottom: twips(mm(LAYOUT.margins.bottom)),
              left: twips(mm(LAYOUT.margins.left)),
              right: twips(mm(LAYOUT.margins.right)),
            },
          },
        },
        headers: {
          // The first page has no number (titlePage); the others have it centred at the top.
          first: new Header({ children: [new DocxParagraph({})] }),
          default: new Header({
            children: [
              new DocxParagraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] }),
            ],
          }),
        },
        children: body(d),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
