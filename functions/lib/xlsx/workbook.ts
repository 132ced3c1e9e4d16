/**
 * A small streaming XLSX writer: a workbook of sheets whose rows are written one at a time, in order,
 * straight into each sheet's XML (string chunks; no cell objects are kept), with a shared-string table,
 * registered styles, merged cells, column widths, frozen panes, A4 page setup and a header/footer.
 * `toBuffer()` assembles the parts into the ZIP container (see zip.ts).
 */
import { Styles, type Style, type StyleId } from './styles.js';
import { escapeXml, stripIllegal, textElement } from './xml.js';
import { zip, type ZipEntry } from './zip.js';

/** What a cell holds: text, a number, or nothing (null/undefined: no value; written only if styled). */
export type Value = string | number | null | undefined;
/** A cell with a style of its own; a bare value takes the row's default style. */
export interface StyledCell {
  v: Value;
  s: StyleId;
}
export type CellInput = Value | StyledCell;

export interface PageSetup {
  /** 9 is A4. */
  paperSize?: number;
  orientation?: 'portrait' | 'landscape';
  /** Fit to this many pages wide / tall (0: as many as it takes); either turns on fit-to-page. */
  fitToWidth?: number;
  fitToHeight?: number;
  /** Inches. */
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  horizontalCentered?: boolean;
  verticalCentered?: boolean;
}

export interface SheetOptions {
  /** Column widths (in characters) from column A; undefined leaves a column at the default. */
  columns?: readonly (number | undefined)[];
  page?: PageSetup;
  /** Header/footer codes as Excel writes them (e.g. `&CTrang &P/&N`). */
  header?: string;
  footer?: string;
  /** Rows above / columns left of the split stay in view. */
  freeze?: { rows?: number; columns?: number };
}

export interface RowOptions {
  /** The style of the row's bare values. */
  s?: StyleId;
  /** Height in points. */
  height?: number;
  /** A format for the whole row (Excel applies it to cells typed into the row later). */
  rowStyle?: StyleId;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** Excel refuses longer cell text. */
export const MAX_TEXT = 32_767;

const letters: string[] = [];
/** Column letters: 1 → A, 27 → AA. */
export function columnName(col: number): string {
  let name = letters[col];
  if (name === undefined) {
    if (!Number.isInteger(col) || col < 1 || col > MAX_COLUMNS) throw new RangeError(`column out of range: ${col}`);
    name = '';
    for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    letters[col] = name;
  }
  return name;
}

const ref = (row: number, col: number) => `${columnName(col)}${row}`;

function checkRow(row: number) {
  if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS) throw new RangeError(`row out of range: ${row}`);
}

/** A number as SpreadsheetML writes it: the shortest text that reads back as the same double. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`a cell cannot hold ${n}`);
  return Object.is(n, -0) ? '0' : String(n);
}

/** The shared-string table: each distinct text stored once, its <si> written when first seen. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly items: string[] = [];
  /** How many string cells refer to the table (the `count` attribute). */
  uses = 0;
  id(text: string): number {
    this.uses++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.items.length;
      this.index.set(text, i);
      this.items.push(`<si>${textElement(text)}</si>`);
    }
    return i;
  }
  toXml(): string {
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.uses}" uniqueCount="${this.items.length}">` +
      this.items.join('') +
      '</sst>'
    );
  }
}

interface Range {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export class Sheet {
  private readonly rows: string[] = [];
  private readonly merges: Range[] = [];
  private lastRow = 0;
  private maxCol = 0;

  /** @internal Made by Workbook.addSheet. */
  constructor(
    readonly name: string,
    private readonly options: SheetOptions,
    private readonly strings: SharedStrings,
    private readonly styleCount: () => number,
  ) {}

  /** The last row written (0 before the first). */
  get rowCount(): number {
    return this.lastRow;
  }

  /**
   * Writes row `row` (1-based, after every row written so far): cells from column A. A bare value takes
   * `opts.s`; null or undefined writes an empty cell when it has a style (a border, say), else nothing.
   */
  row(row: number, cells: readonly CellInput[], opts: RowOptions = {}): void {
    checkRow(row);
    if (row <= this.lastRow) throw new RangeError(`rows are written in order: ${row} after ${this.lastRow}`);
    if (cells.length > MAX_COLUMNS) throw new RangeError(`more than ${MAX_COLUMNS} columns`);
    const valid = this.styleCount();
    const checkStyle = (s: StyleId) => {
      if (!Number.isInteger(s) || s < 0 || s >= valid) throw new RangeError(`unknown style ${s}`);
    };
    const rowDefault = opts.s ?? 0;
    checkStyle(rowDefault);
    let xml = `<row r="${row}"`;
    if (opts.rowStyle !== undefined) {
      checkStyle(opts.rowStyle);
      xml += ` s="${opts.rowStyle}" customFormat="1"`;
    }
    if (opts.height !== undefined) {
      if (!(opts.height >= 0 && opts.height <= 409)) throw new RangeError(`row height out of range: ${opts.height}`);
      xml += ` ht="${opts.height}" customHeight="1"`;
    }
    xml += '>';
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      let v: Value;
      let s: StyleId;
      if (cell !== null && typeof cell === 'object') {
        v = cell.v;
        s = cell.s;
        checkStyle(s);
      } else {
        v = cell;
        s = rowDefault;
      }
      const attrs = `<c r="${columnName(i + 1)}${row}"${s ? ` s="${s}"` : ''}`;
      if (typeof v === 'number') xml += `${attrs}><v>${numberText(v)}</v></c>`;
      else if (typeof v === 'string') {
        // Cut first, then clean: a cut through a surrogate pair leaves a lone half, which is removed.
        const text = stripIllegal(v.length > MAX_TEXT ? v.slice(0, MAX_TEXT) : v);
        xml += `${attrs} t="s"><v>${this.strings.id(text)}</v></c>`;
      } else if (v === null || v === undefined) {
        if (s) xml += `${attrs}/>`;
        else continue;
      } else throw new TypeError(`a cell holds text or a number, not ${typeof v}`);
      if (i + 1 > this.maxCol) this.maxCol = i + 1;
    }
    this.rows.push(xml + '</row>');
    this.lastRow = row;
  }

  /** Merges a range (1-based, inclusive); its value and style are the top-left cell's. Ranges must not overlap. */
  merge(r1: number, c1: number, r2: number, c2: number): void {
    for (const r of [r1, r2]) checkRow(r);
    for (const c of [c1, c2]) columnName(c);
    if (r2 < r1 || c2 < c1) throw new RangeError(`merge must run down and right: ${ref(r1, c1)}:${ref(r2, c2)}`);
    if (r1 === r2 && c1 === c2) return;
    for (const m of this.merges)
      if (r1 <= m.r2 && m.r1 <= r2 && c1 <= m.c2 && m.c1 <= c2)
        throw new RangeError(`merge ${ref(r1, c1)}:${ref(r2, c2)} overlaps ${ref(m.r1, m.c1)}:${ref(m.r2, m.c2)}`);
    this.merges.push({ r1, c1, r2, c2 });
  }

  /** @internal The sheet's XML, in the order the schema requires. */
  toXml(): string {
    const o = this.options;
    const page = o.page;
    const fit = page && (page.fitToWidth !== undefined || page.fitToHeight !== undefined);
    const parts: string[] = [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    ];
    if (fit) parts.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    parts.push(`<dimension ref="${this.lastRow && this.maxCol ? `A1:${ref(this.lastRow, this.maxCol)}` : 'A1'}"/>`);
    parts.push(`<sheetViews><sheetView workbookViewId="0">${this.paneXml()}</sheetView></sheetViews>`);
    parts.push('<sheetFormatPr defaultRowHeight="15"/>');
    const cols = (o.columns ?? [])
      .map((w, i) => (w === undefined ? '' : `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`))
      .join('');
    if (cols) parts.push(`<cols>${cols}</cols>`);
    parts.push('<sheetData>', ...this.rows, '</sheetData>');
    if (this.merges.length)
      parts.push(
        `<mergeCells count="${this.merges.length}">`,
        ...this.merges.map((m) => `<mergeCell ref="${ref(m.r1, m.c1)}:${ref(m.r2, m.c2)}"/>`),
        '</mergeCells>',
      );
    if (page?.horizontalCentered || page?.verticalCentered)
      parts.push(
        `<printOptions${page.horizontalCentered ? ' horizontalCentered="1"' : ''}${page.verticalCentered ? ' verticalCentered="1"' : ''}/>`,
      );
    const m = page?.margins ?? { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
    parts.push(
      `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`,
    );
    if (page) {
      const attrs = [
        page.paperSize !== undefined ? ` paperSize="${Math.trunc(page.paperSize)}"` : '',
        page.orientation ? ` orientation="${page.orientation}"` : '',
        page.fitToWidth !== undefined ? ` fitToWidth="${Math.trunc(page.fitToWidth)}"` : '',
        page.fitToHeight !== undefined ? ` fitToHeight="${Math.trunc(page.fitToHeight)}"` : '',
      ].join('');
      if (attrs) parts.push(`<pageSetup${attrs}/>`);
    }
    if (o.header || o.footer)
      parts.push(
        '<headerFooter>',
        o.header ? `<oddHeader>${escapeXml(o.header)}</oddHeader>` : '',
        o.footer ? `<oddFooter>${escapeXml(o.footer)}</oddFooter>` : '',
        '</headerFooter>',
      );
    parts.push('</worksheet>');
    return parts.join('');
  }

  private paneXml(): string {
    const rows = this.options.freeze?.rows ?? 0;
    const cols = this.options.freeze?.columns ?? 0;
    if (!rows && !cols) return '';
    const pane = rows && cols ? 'bottomRight' : rows ? 'bottomLeft' : 'topRight';
    return (
      `<pane${cols ? ` xSplit="${cols}"` : ''}${rows ? ` ySplit="${rows}"` : ''} topLeftCell="${ref(rows + 1, cols + 1)}"` +
      ` activePane="${pane}" state="frozen"/><selection pane="${pane}"/>`
    );
  }
}

const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/;

export class Workbook {
  private readonly sheets: Sheet[] = [];
  private readonly styles = new Styles();
  private readonly strings = new SharedStrings();

  constructor(private readonly props: { creator?: string; created?: Date } = {}) {}

  /** A style's id for cells (registered once; equal styles share an id). */
  style(s: Style): StyleId {
    return this.styles.add(s);
  }

  /** A new sheet after the others. Names as Excel allows them: 1–31 characters, unique, no \ / ? * [ ] :. */
  addSheet(name: string, options: SheetOptions = {}): Sheet {
    const clean = stripIllegal(name);
    if (!clean || clean.length > 31) throw new RangeError(`sheet name must be 1–31 characters: "${name}"`);
    if (SHEET_NAME_FORBIDDEN.test(clean) || clean.startsWith("'") || clean.endsWith("'"))
      throw new RangeError(`sheet name "${name}" has a character Excel does not allow`);
    if (this.sheets.some((s) => s.name.toLowerCase() === clean.toLowerCase()))
      throw new RangeError(`there is already a sheet named "${name}"`);
    for (const w of options.columns ?? [])
      if (w !== undefined && !(w >= 0 && w <= 255)) throw new RangeError(`column width out of range: ${w}`);
    if (options.columns && options.columns.length > MAX_COLUMNS) throw new RangeError(`more than ${MAX_COLUMNS} columns`);
    checkRow((options.freeze?.rows ?? 0) + 1);
    columnName((options.freeze?.columns ?? 0) + 1);
    const sheet = new Sheet(clean, options, this.strings, () => this.styles.size);
    this.sheets.push(sheet);
    return sheet;
  }

  /** The .xlsx file. */
  toBuffer(): Buffer {
    if (this.sheets.length === 0) throw new RangeError('a workbook needs at least one sheet');
    const xml = (s: string) => Buffer.from(s, 'utf8');
    const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const CT = 'application/vnd.openxmlformats-officedocument';
    const n = this.sheets.length;
    const sheetParts: ZipEntry[] = this.sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: xml(s.toXml()) }));
    const created = (this.props.created ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const entries: ZipEntry[] = [
      {
        name: '[Content_Types].xml',
        data: xml(
          head +
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
            '<Default Extension="xml" ContentType="application/xml"/>' +
            `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>` +
            this.sheets
              .map(
                (_, i) =>
                  `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`,
              )
              .join('') +
            `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>` +
            `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>` +
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
            '</Types>',
        ),
      },
      {
        name: '_rels/.rels',
        data: xml(
          head +
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
            '</Relationships>',
        ),
      },
      {
        name: 'docProps/core.xml',
        data: xml(
          head +
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
            (this.props.creator ? `<dc:creator>${escapeXml(this.props.creator)}</dc:creator>` : '') +
            `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>` +
            `<dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified>` +
            '</cp:coreProperties>',
        ),
      },
      {
        name: 'xl/workbook.xml',
        data: xml(
          head +
            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">` +
            '<bookViews><workbookView/></bookViews><sheets>' +
            this.sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
            '</sheets></workbook>',
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: xml(
          head +
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            this.sheets
              .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
              .join('') +
            `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
            `<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
            '</Relationships>',
        ),
      },
      { name: 'xl/styles.xml', data: xml(this.styles.toXml()) },
      { name: 'xl/sharedStrings.xml', data: xml(this.strings.toXml()) },
      ...sheetParts,
    ];
    return zip(entries, this.props.created);
  }
}
