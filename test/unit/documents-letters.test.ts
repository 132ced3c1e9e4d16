/**
 * Every Vietnamese letter with every tone, through both renderers and back (issue 24: "a test renders
 * every Vietnamese letter with its diacritics and reads them back"). The letters are composed here from
 * base letters and combining marks, independently of the renderers, and handed to them DECOMPOSED
 * (NFD): the renderers must write precomposed letters (NFC), the form Word and Tinos draw best.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { MOTTO, NATIONAL_NAME, type OfficialDocument } from '../../shared/documents.js';
import { renderDocx } from '../../functions/lib/documents/docx.js';
import { renderPdf, tinos } from '../../functions/lib/documents/pdf.js';
import { readDocx, readPdf } from '../support/documents-read.js';

/** The twelve vowels as base letter + the mark that makes them (breve, circumflex, horn). */
const VOWELS = ['a', 'a\u0306', 'a\u0302', 'e', 'e\u0302', 'i', 'o', 'o\u0302', 'o\u031b', 'u', 'u\u031b', 'y'];
/** No tone, then huyền, hỏi, ngã, sắc, nặng. */
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];

/** One line per vowel and case: the vowel with each tone, separated by spaces; then đ and Đ. */
const lines: string[] = [...VOWELS.flatMap((v) => [v, v.toUpperCase()]).map((v) => TONES.map((t) => v + t).join(' ')), 'đ Đ'].map(
  (l) => l.normalize('NFD'),
);
const expected = lines.map((l) => l.normalize('NFC'));
const letters = [...new Set(expected.join(' ').replace(/ /g, ''))];

const doc: OfficialDocument = {
  title: 'Chữ cái tiếng Việt',
  header: { superiorBody: [], issuingBody: ['ỦY BAN NHÂN DÂN'], number: 'Số: 1/BC-UBND', placeAndDate: 'Hà Nội' },
  draft: false,
  documentType: 'BÁO CÁO',
  subject: ['Chữ cái'],
  intro: lines.map((text) => ({ kind: 'paragraph', runs: [{ text }], align: 'left', noIndent: true })),
  sections: [],
  recipients: ['Lưu: VT.'],
  signature: { title: 'CHỦ TỊCH', name: 'Đặng Thị Ửng' },
  appendices: [],
};

describe('every Vietnamese letter with every tone', () => {
  it('the set is complete: 12 vowels × 2 cases × 6 tone marks (one without) and đ, Đ, each one precomposed code point', () => {
    expect(letters).toHaveLength(12 * 2 * 6 + 2);
    for (const l of letters) expect([...l]).toHaveLength(1);
    // The input really is decomposed, so the renderers' normalisation is what is being tested.
    expect(lines.join('')).not.toBe(expected.join(''));
  });

  it('the fonts are read once per process: the same bytes on every call', () => {
    const first = tinos();
    expect(tinos()).toBe(first);
    for (const bytes of Object.values(first)) expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0])); // a TrueType file
  });

  it('Tinos (all four faces the PDF embeds) has a glyph for each letter', () => {
    // fontkit is pdfkit's own font reader (a dependency of pdfkit, untyped).
    const fontkit = createRequire(import.meta.url)('fontkit') as {
      create(b: Buffer): { hasGlyphForCodePoint(cp: number): boolean };
    };
    for (const [face, bytes] of Object.entries(tinos())) {
      const font = fontkit.create(bytes);
      const missing = letters.filter((l) => !font.hasGlyphForCodePoint(l.codePointAt(0)!));
      expect({ face, missing }).toEqual({ face, missing: [] });
    }
  });

  it('the .docx holds each line exactly, precomposed', async () => {
    const { paragraphs, xml } = await readDocx(await renderDocx(doc));
    for (const line of expected) expect(paragraphs).toContain(line);
    // Read without normalising: what the file itself holds.
    for (const l of letters) expect(xml).toContain(l);
    expect(xml).not.toMatch(/[\u0300-\u036f]/);
    expect(paragraphs).toContain(NATIONAL_NAME);
    expect(paragraphs).toContain(MOTTO);
  });

  it("the PDF's text, extracted with pdfjs, holds each line exactly (compared in NFC)", async () => {
    const pages = await readPdf(await renderPdf(doc));
    const all = pages.flatMap((p) => p.lines);
    for (const line of expected) expect(all).toContain(line);
    expect(all).toContain('Đặng Thị Ửng');
  });
});
