/**
 * Reading the renderers' output back, for test/unit/documents-*.test.ts: the .docx's word/document.xml
 * (unzipped with jszip, which docx depends on) and the PDF's text with its positions (pdfjs-dist's
 * legacy build, the one that runs on Node 20).
 */
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e.startsWith('#x') || e.startsWith('#X')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITIES[e] ?? m),
  );

/** word/document.xml, the text of each of its paragraphs (runs joined, NFC), and the page headers' XML. */
export async function readDocx(bytes: Buffer): Promise<{ xml: string; paragraphs: string[]; headers: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const headers = await Promise.all(zip.file(/^word\/header\d+\.xml$/).map((f) => f.async('string')));
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => unescape(t[1]!))
      .join('')
      .normalize('NFC'),
  );
  return { xml, paragraphs, headers };
}

export interface PdfItem {
  text: string;
  /** Left edge and baseline, in points from the page's bottom left. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfItem[];
  /** The page's text lines (items on one baseline joined), NFC. */
  lines: string[];
}

export async function readPdf(bytes: Buffer): Promise<PdfPage[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 })
    .promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items: PdfItem[] = [];
    for (const it of content.items) {
      if (!('str' in it) || it.str.trim() === '') continue;
      items.push({ text: it.str.normalize('NFC'), x: it.transform[4], y: it.transform[5], width: it.width, height: it.height });
    }
    const byLine = new Map<number, PdfItem[]>();
    for (const it of items) {
      const key = Math.round(it.y);
      byLine.set(key, [...(byLine.get(key) ?? []), it]);
    }
    const lines = [...byLine.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, l]) =>
        l
          .sort((a, b) => a.x - b.x)
          .map((i) => i.text)
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
    pages.push({ width: x1 - x0, height: y1 - y0, items, lines });
  }
  await pdf.destroy();
  return pages;
}
