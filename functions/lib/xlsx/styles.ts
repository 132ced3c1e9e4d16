/**
 * Cell formats (xl/styles.xml): each distinct style is registered once and cells refer to it by its
 * index in cellXfs. Fonts, fills, borders and number formats are shared between the styles that use them.
 */
import { escapeXml } from './xml.js';

export interface Font {
  name?: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** ARGB, e.g. FF000000. */
  color?: string;
}

export interface Alignment {
  horizontal?: 'general' | 'left' | 'center' | 'right' | 'fill' | 'justify' | 'centerContinuous' | 'distributed';
  /** `middle` is SpreadsheetML's `center`. */
  vertical?: 'top' | 'middle' | 'bottom' | 'justify' | 'distributed';
  wrapText?: boolean;
  indent?: number;
}

export type BorderStyle = 'thin' | 'medium' | 'thick' | 'dashed' | 'dotted' | 'double' | 'hair';

export interface Style {
  font?: Font;
  alignment?: Alignment;
  /** The same line on all four sides. */
  border?: BorderStyle;
  /** A solid fill, ARGB (e.g. FFD9D9D9). */
  fill?: string;
  /** A number format code such as `0.00`; the built-in ones get their built-in ids. */
  numFmt?: string;
}

/** An index into cellXfs; 0 is the default format. */
export type StyleId = number;

const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '@': 49,
};

const ARGB = /^[0-9A-Fa-f]{8}$/;

function fontXml(f: Font): string {
  if (f.color !== undefined && !ARGB.test(f.color)) throw new RangeError(`font colour must be ARGB: ${f.color}`);
  if (f.size !== undefined && !(f.size > 0 && f.size <= 409)) throw new RangeError(`font size out of range: ${f.size}`);
  return (
    '<font>' +
    (f.bold ? '<b/>' : '') +
    (f.italic ? '<i/>' : '') +
    (f.underline ? '<u/>' : '') +
    `<sz val="${f.size ?? 11}"/>` +
    (f.color ? `<color rgb="${f.color.toUpperCase()}"/>` : '') +
    `<name val="${escapeXml(f.name ?? 'Calibri')}"/>` +
    '</font>'
  );
}

function fillXml(argb: string): string {
  if (!ARGB.test(argb)) throw new RangeError(`fill must be ARGB: ${argb}`);
  return `<fill><patternFill patternType="solid"><fgColor rgb="${argb.toUpperCase()}"/><bgColor indexed="64"/></patternFill></fill>`;
}

function borderXml(b: BorderStyle): string {
  return `<border><left style="${b}"/><right style="${b}"/><top style="${b}"/><bottom style="${b}"/><diagonal/></border>`;
}

function alignmentXml(a: Alignment): string {
  const attrs = [
    a.horizontal ? ` horizontal="${a.horizontal}"` : '',
    a.vertical ? ` vertical="${a.vertical === 'middle' ? 'center' : a.vertical}"` : '',
    a.wrapText ? ' wrapText="1"' : '',
    a.indent ? ` indent="${Math.trunc(a.indent)}"` : '',
  ].join('');
  return attrs ? `<alignment${attrs}/>` : '';
}

/** A table of parts (fonts, fills, …) where equal XML is stored once. */
class Table {
  readonly xml: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(initial: string[]) {
    for (const x of initial) this.add(x);
  }
  add(x: string): number {
    let i = this.index.get(x);
    if (i === undefined) {
      i = this.xml.length;
      this.xml.push(x);
      this.index.set(x, i);
    }
    return i;
  }
}

export class Styles {
  private readonly fonts = new Table(['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>']);
  private readonly fills = new Table([
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ]);
  private readonly borders = new Table(['<border><left/><right/><top/><bottom/><diagonal/></border>']);
  private readonly formats = new Map<string, number>();
  private readonly xfs = new Table(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);

  /** The id of a style, registering it on first use; an empty style is the default, 0. */
  add(s: Style): StyleId {
    const numFmtId = s.numFmt === undefined ? 0 : this.formatId(s.numFmt);
    const fontId = s.font ? this.fonts.add(fontXml(s.font)) : 0;
    const fillId = s.fill ? this.fills.add(fillXml(s.fill)) : 0;
    const borderId = s.border ? this.borders.add(borderXml(s.border)) : 0;
    const alignment = s.alignment ? alignmentXml(s.alignment) : '';
    const applied = [
      numFmtId ? ' applyNumberFormat="1"' : '',
      s.font ? ' applyFont="1"' : '',
      fillId ? ' applyFill="1"' : '',
      borderId ? ' applyBorder="1"' : '',
      alignment ? ' applyAlignment="1"' : '',
    ].join('');
    const open = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}`;
    return this.xfs.add(alignment ? `${open}>${alignment}</xf>` : `${open}/>`);
  }

  private formatId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.formats.get(code);
    if (id === undefined) {
      id = 164 + this.formats.size;
      this.formats.set(code, id);
    }
    return id;
  }

  /** How many cell formats there are (valid style ids are below this). */
  get size(): number {
    return this.xfs.xml.length;
  }

  toXml(): string {
    const list = (tag: string, xml: readonly string[]) => `<${tag} count="${xml.length}">${xml.join('')}</${tag}>`;
    const numFmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (numFmts.length ? list('numFmts', numFmts) : '') +
      list('fonts', this.fonts.xml) +
      list('fills', this.fills.xml) +
      list('borders', this.borders.xml) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list('cellXfs', this.xfs.xml) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0"/>' +
      '</styleSheet>'
    );
  }
}
