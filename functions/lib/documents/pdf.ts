/**
 * The PDF renderer of the document model (shared/documents.ts), with pdfkit 0.20: walks the tree and
 * returns the PDF as a Buffer. It knows the form of Nghị định 30/2020, not the domain; the page is the
 * one the Word renderer lays out (./layout.ts).
 *
 * FOUNDATION ONLY (issue 24): not wired into any handler, route or screen yet.
 *
 * The font is Tinos (regular, bold, italic, bold italic), metric-compatible with Times New Roman and
 * covering Vietnamese, embedded (subset) from the whole TTFs of @expo-google-fonts/tinos: read from disk
 * once per process, never fetched. Text is normalised to NFC first: Tinos has the precomposed letters
 * (ệ, ở, …), and a decomposed letter would be drawn as a base glyph and a floating mark.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
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
import { LAYOUT, columnShares, mm } from './layout.js';

type Doc = PDFKit.PDFDocument;
type Align = 'left' | 'center' | 'right' | 'justify';

const FACES = {
  regular: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;
type Face = keyof typeof FACES;

let fonts: Record<Face, Buffer> | undefined;
let parsed: Record<Face, unknown> | undefined;

/** The four TTFs, read on the first render and kept for the life of the process. */
export function tinos(): Record<Face, Buffer> {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const read = (f: string) => readFileSync(require.resolve(`@expo-google-fonts/tinos/${f}`));
    fonts = {
      regular: read(FACES.regular),
      bold: read(FACES.bold),
      italic: read(FACES.italic),
      boldItalic: read(FACES.boldItalic),
    };
  }
  return fonts;
}

/**
 * The four faces parsed once per process by fontkit, the font reader pdfkit itself depends on (resolved
 * from pdfkit's own folder, so it is the very copy pdfkit uses). pdfkit 0.20 accepts a parsed font
 * (anything with `layout`); given the bytes, it would parse each face again for every document, which
 * was most of a short document's time (about 190 of 220 ms).
 */
function parsedTinos(): Record<Face, unknown> {
  if (!parsed) {
    const fromPdfkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
    const fontkit = fromPdfkit('fontkit') as { create(bytes: Uint8Array): unknown };
    const f = tinos();
    parsed = {
      regular: fontkit.create(f.regular),
      bold: fontkit.create(f.bold),
      italic: fontkit.create(f.italic),
      boldItalic: fontkit.create(f.boldItalic),
    };
  }
  return parsed;
}

const M = {
  top: mm(LAYOUT.margins.top),
  bottom: mm(LAYOUT.margins.bottom),
  left: mm(LAYOUT.margins.left),
  right: mm(LAYOUT.margins.right),
};
const TEXT_WIDTH = LAYOUT.pageWidth - M.left - M.right;
const PAGE_BOTTOM = LAYOUT.pageHeight - M.bottom;
/** Space between a table's border and its text. */
const PAD = 3;

const nfc = (s: string) => s.normalize('NFC');
const faceOf = (bold = false, italic = false): Face => (bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular');

interface LineOptions {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  align?: Align;
  before?: number;
}

class Writer {
  constructor(private readonly doc: Doc) {}

  get y() {
    return this.doc.y;
  }
  set y(v: number) {
    this.doc.y = v;
  }

  use(bold = false, italic = false, size: number = LAYOUT.bodySize) {
    this.doc.font(faceOf(bold, italic)).fontSize(size);
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number) {
    if (this.doc.y + height > PAGE_BOTTOM) this.doc.addPage();
  }

  /** A line (or a few, wrapped) of one style across `width` from `x`. */
  line(text: string, o: LineOptions = {}, x = M.left, width = TEXT_WIDTH) {
    this.use(o.bold, o.italic, o.size);
    this.doc.y += o.before ?? 0;
    this.doc.text(nfc(text), x, this.doc.y, { width, align: o.align ?? 'center' });
  }

  /** A short rule under the line just written, centred on `centre`. */
  rule(centre: number, length: number) {
    const y = this.doc.y + 1;
    this.doc
      .moveTo(centre - length / 2, y)
      .lineTo(centre + length / 2, y)
      .lineWidth(0.6)
      .stroke();
    this.doc.y += 4;
  }

  rect(x: number, y: number, width: number, height: number) {
    this.doc.lineWidth(0.8).rect(x, y, width, height).stroke();
  }

  newPage() {
    this.doc.addPage();
  }

  widthOf(text: string, bold = false, italic = false, size: number = LAYOUT.bodySize) {
    this.use(bold, italic, size);
    return this.doc.widthOfString(nfc(text));
  }

  paragraph(p: Paragraph) {
    this.doc.y += LAYOUT.paragraphSpacing;
    this.ensure(LAYOUT.bodySize * 1.2);
    const runs = p.runs.length ? p.runs : [{ text: '' }];
    runs.forEach((r, i) => {
      this.use(r.bold, r.italic);
      const opts = {
        width: TEXT_WIDTH,
        align: p.align ?? 'justify',
        indent: p.noIndent ? 0 : mm(LAYOUT.firstLineIndent),
        continued: i < runs.length - 1,
      };
      if (i === 0) this.doc.text(nfc(r.text), M.left, this.doc.y, opts);
      else this.doc.text(nfc(r.text), opts);
    });
  }

  table(t: Table) {
    const size = t.size ?? LAYOUT.tableSize;
    const widths = columnShares(t.columns, TEXT_WIDTH);
    const aligns = t.columns.map((c) => c.align ?? 'left');
    /** Each cell's text height, measured once per row (measuring is most of a table's cost). */
    const measure = (cells: readonly string[], bold: boolean) => {
      this.use(bold, false, size);
      const texts = cells.map(nfc);
      const heights = texts.map((c, i) => this.doc.heightOfString(c || ' ', { width: widths[i]! - 2 * PAD }));
      return { texts, heights, height: Math.max(...heights, size) + 2 * PAD, bold };
    };
    const draw = (row: ReturnType<typeof measure>, align: (i: number) => Align) => {
      const top = this.doc.y;
      let x = M.left;
      row.texts.forEach((text, i) => {
        const w = widths[i]!;
        this.doc.lineWidth(0.5).rect(x, top, w, row.height).stroke();
        this.use(row.bold, false, size);
        this.doc.text(text, x + PAD, top + (row.height - row.heights[i]!) / 2, { width: w - 2 * PAD, align: align(i) });
        x += w;
      });
      this.doc.y = top + row.height;
    };
    const header = measure(t.header, true);
    const rows = t.rows.map((r) => measure(r.cells, r.bold ?? false));
    this.ensure(header.height + (rows[0]?.height ?? 0));
    draw(header, () => 'center');
    for (const r of rows) {
      if (this.doc.y + r.height > PAGE_BOTTOM) {
        this.doc.addPage();
        draw(header, () => 'center');
      }
      draw(r, (i) => aligns[i]!);
    }
    this.doc.y += LAYOUT.paragraphSpacing;
  }

  blocks(list: readonly Block[]) {
    for (const b of list) {
      if (b.kind === 'table') this.table(b);
      else this.paragraph(b);
    }
  }

  /** Two columns side by side from the current line; continues under the taller. */
  columns(leftShare: number, left: (x: number, w: number) => void, right: (x: number, w: number) => void) {
    const top = this.doc.y;
    const lw = TEXT_WIDTH * leftShare;
    left(M.left, lw);
    const leftBottom = this.doc.y;
    this.doc.y = top;
    right(M.left + lw, TEXT_WIDTH - lw);
    this.doc.y = Math.max(leftBottom, this.doc.y);
  }
}

function write(w: Writer, d: OfficialDocument) {
  const h = d.header;
  if (d.draft) {
    const width = w.widthOf(DRAFT_MARK, true) + 12;
    const x = M.left + TEXT_WIDTH - width;
    const top = w.y;
    w.line(DRAFT_MARK, { bold: true, align: 'center' }, x, width);
    w.y += 2;
    // The box around the mark, as offices stamp it.
    w.rect(x, top - 3, width, w.y - top + 3);
    w.y += 6;
  }
  w.columns(
    LAYOUT.headerLeftShare,
    (x, width) => {
      for (const t of h.superiorBody) w.line(t, { size: LAYOUT.headerSize }, x, width);
      let widest = 0;
      for (const t of h.issuingBody) {
        w.line(t, { bold: true, size: LAYOUT.headerSize }, x, width);
        widest = Math.max(widest, w.widthOf(t, true, false, LAYOUT.headerSize));
      }
      w.rule(x + width / 2, Math.min(widest, width) / 3);
      w.line(h.number, { before: 4 }, x, width);
    },
    (x, width) => {
      w.line(NATIONAL_NAME, { bold: true, size: LAYOUT.headerSize }, x, width);
      w.line(MOTTO, { bold: true }, x, width);
      w.rule(x + width / 2, w.widthOf(MOTTO, true));
      w.line(h.placeAndDate, { italic: true, before: 4 }, x, width);
    },
  );
  w.line(d.documentType, { bold: true, before: 18 });
  for (const s of d.subject) w.line(s, { bold: true });
  w.rule(M.left + TEXT_WIDTH / 2, 60);
  w.y += 6;
  w.blocks(d.intro);
  for (const s of d.sections) {
    w.paragraph({ kind: 'paragraph', runs: [{ text: `${s.number}. ${s.title}`, bold: true }], align: 'left', noIndent: true });
    w.blocks(s.blocks);
  }
  const sig = d.signature;
  w.y += 12;
  // Recipients and signature stay together on one page.
  w.ensure(
    LAYOUT.signatureSpace + 4 * LAYOUT.bodySize * 1.2 + Math.max(0, d.recipients.length - 3) * LAYOUT.recipientsSize * 1.2,
  );
  w.columns(
    LAYOUT.signatureLeftShare,
    (x, width) => {
      w.line(RECIPIENTS_LABEL, { bold: true, italic: true, size: LAYOUT.recipientsLabelSize, align: 'left' }, x, width);
      for (const r of d.recipients) w.line(`- ${r}`, { size: LAYOUT.recipientsSize, align: 'left' }, x, width);
    },
    (x, width) => {
      if (sig.authority) w.line(sig.authority, { bold: true }, x, width);
      w.line(sig.title, { bold: true }, x, width);
      w.y += LAYOUT.signatureSpace;
      w.line(sig.name, { bold: true }, x, width);
    },
  );
  for (const a of d.appendices) {
    w.newPage();
    w.line(a.title, { bold: true });
    a.subtitle.forEach((s, i) => w.line(s, { bold: i === 0, italic: i > 0 }));
    w.y += 6;
    w.blocks(a.blocks);
  }
}

export async function renderPdf(d: OfficialDocument): Promise<Buffer> {
  const f = parsedTinos();
  const doc = new PDFDocument({
    size: [LAYOUT.pageWidth, LAYOUT.pageHeight],
    margins: M,
    bufferPages: true,
    // No default font: pdfkit would read Helvetica's AFM from its own folder, which a bundle lacks.
    font: '',
    info: { Title: nfc(d.title), Creator: 'CCHC Index' },
  });
  // A parsed fontkit font is not among @types/pdfkit's font sources, though pdfkit 0.20 takes it.
  for (const face of Object.keys(FACES) as Face[]) doc.registerFont(face, f[face] as PDFKit.Mixins.PDFFontSource);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const w = new Writer(doc);
  write(w, d);
  // Page numbers: centred in the top margin, from page 2 on (Nghị định 30).
  const pages = doc.bufferedPageRange();
  for (let i = pages.start + 1; i < pages.start + pages.count; i++) {
    doc.switchToPage(i);
    doc.font('regular').fontSize(LAYOUT.headerSize);
    doc.text(String(i + 1), M.left, M.top / 2, { width: TEXT_WIDTH, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
