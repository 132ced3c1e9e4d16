/**
 * A framework as an .xlsx in the decision's appendix layout, and back: the cells come from and go to
 * shared/frameworks/table.ts; this file only writes the bytes (with our own writer, functions/lib/xlsx:
 * no exceljs in a Lambda) and reads them with a small reader that treats the file as hostile. It reads
 * only what it needs and refuses, with a Vietnamese message naming the sheet (and the row where there is
 * one): a file that is not a ZIP, ZIP64 or too many parts, a part that inflates past its limit whatever
 * its header declares (a zip bomb), a DOCTYPE or entity declaration in any part read (XML entities), an
 * external link, a formula, a row number or a row count past MAX_TABLE_ROWS, a column past MAX_COLUMNS.
 */
import { inflateRawSync } from 'node:zlib';
import {
  INFO_SHEET,
  MAX_TABLE_ROWS,
  frameworkFromTables,
  frameworkToTables,
  type Cell,
  type FrameworkDefinitionDoc,
  type SheetTable,
  type TableResult,
} from '../../shared/frameworks/table.js';
import { Workbook } from './xlsx/index.js';

/** The API's limit on the request body (API.md: at most 4 MB, 413 above). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** No part we read needs more once inflated; a larger one is a bomb or a sheet far past any decision. */
export const MAX_PART_BYTES = 8 * 1024 * 1024;
export const MAX_PARTS = 500;
/** Columns read per row: the layout has ten. */
export const MAX_COLUMNS = 64;

export function exportFrameworkXlsx(definition: FrameworkDefinitionDoc, created = new Date(0)): Buffer {
  const wb = new Workbook({ created });
  for (const t of frameworkToTables(definition)) {
    const sheet = wb.addSheet(t.name, {
      columns: t.name === INFO_SHEET ? [28, 40, 20, 12] : [10, 60, 12, 40, 18, 40, 14, 14, 40, 30],
    });
    t.rows.forEach((cells, i) => sheet.row(i + 1, cells));
  }
  return wb.toBuffer();
}

class Refused extends Error {
  constructor(
    message: string,
    readonly sheet = '',
    readonly row?: number,
  ) {
    super(message);
  }
}

const refuse = (message: string, sheet?: string, row?: number): never => {
  throw new Refused(message, sheet, row);
};

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** The archive's directory (APPNOTE 4.3.16, 4.3.12), every offset checked against the bytes. */
function directory(bytes: Buffer): Map<string, Entry> {
  const notXlsx = 'Tệp không phải .xlsx (không đọc được như một tệp nén ZIP)';
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) refuse(notXlsx);
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= from; i--)
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) refuse(notXlsx);
  const count = bytes.readUInt16LE(end + 10);
  const cdSize = bytes.readUInt32LE(end + 12);
  const cdOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) refuse('Tệp .xlsx dùng ZIP64, không được hỗ trợ');
  if (count > MAX_PARTS) refuse(`Tệp .xlsx có ${count} phần, quá ${MAX_PARTS} phần cho phép`);
  if (cdOffset + cdSize > end) refuse(notXlsx);
  const entries = new Map<string, Entry>();
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== 0x02014b50) refuse(notXlsx);
    const nameLength = bytes.readUInt16LE(at + 28);
    const entry: Entry = {
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      offset: bytes.readUInt32LE(at + 42),
    };
    entries.set(entry.name, entry);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** One part's bytes, never more than MAX_PART_BYTES, whatever the headers claim. */
function part(bytes: Buffer, entry: Entry, label: string, sheet?: string): string {
  const tooBig = `${label} quá lớn khi giải nén (quá ${MAX_PART_BYTES / 1024 / 1024} MB): tệp bị từ chối`;
  if (entry.size > MAX_PART_BYTES) refuse(tooBig, sheet);
  const at = entry.offset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) refuse(`${label}: tệp nén bị hỏng`);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > bytes.length) refuse(`${label}: tệp nén bị hỏng`);
  let out: Buffer;
  if (entry.method === 0) out = data;
  else if (entry.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') refuse(tooBig, sheet);
      refuse(`${label}: tệp nén bị hỏng`);
    }
  } else refuse(`${label}: kiểu nén ${entry.method} không được hỗ trợ`);
  const xml = out!.toString('utf8');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) refuse(`${label} có khai báo DOCTYPE/ENTITY (thực thể XML), không được phép`, sheet);
  return xml;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function unescape(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e]!,
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The text of an `<si>` or `<is>`: its `<t>` runs, without the phonetic ones. */
const runs = (xml: string) =>
  unescape(
    [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g)]
      .map((m) => m[1] ?? '')
      .join(''),
  );

const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? '') n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

function readSheet(name: string, xml: string, shared: string[]): SheetTable {
  const label = `Trang "${name}"`;
  const rowCount = xml.match(/<row\b/g)?.length ?? 0;
  if (rowCount > MAX_TABLE_ROWS) refuse(`${label} có ${rowCount} dòng, quá ${MAX_TABLE_ROWS} dòng cho phép`, name);
  const rows: Cell[][] = [];
  let next = 1;
  for (const m of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(attr(m[1]!, 'r') ?? next);
    if (!Number.isInteger(r) || r < 1 || r > MAX_TABLE_ROWS)
      refuse(`${label}, dòng ${r}: quá ${MAX_TABLE_ROWS} dòng cho phép`, name, r);
    next = r + 1;
    const cells: Cell[] = [];
    let col = 0;
    for (const c of (m[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = attr(c[1]!, 'r');
      col = ref ? columnIndex(ref) : col;
      if (col < 0 || col >= MAX_COLUMNS) refuse(`${label}, dòng ${r}: quá ${MAX_COLUMNS} cột cho phép`, name, r);
      const body = c[2] ?? '';
      if (/<f\b/.test(body))
        refuse(`${label}, dòng ${r}: ô ${ref ?? ''} có công thức; hãy dán giá trị thay cho công thức`, name, r);
      const t = attr(c[1]!, 't');
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: Cell = null;
      if (t === 'inlineStr') value = runs(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else if (v !== undefined) {
        if (t === 's') {
          const s = shared[Number(v)];
          if (s === undefined) refuse(`${label}, dòng ${r}: ô ${ref ?? ''} trỏ tới chuỗi không có`, name, r);
          value = s!;
        } else if (t === 'str' || t === 'e') value = unescape(v);
        else value = Number(v);
      }
      while (cells.length < col) cells.push(null);
      cells[col] = value;
      col++;
    }
    while (rows.length < r - 1) rows.push([]);
    rows[r - 1] = cells;
  }
  return { name, rows };
}

/**
 * The framework definition in an .xlsx file, or every problem (each naming its sheet and, where there
 * is one, its row). A refused file gives one problem and nothing else is read.
 */
export function importFrameworkXlsx(bytes: Buffer, fileName: string): TableResult {
  try {
    if (bytes.length > MAX_FILE_BYTES) refuse(`Tệp lớn hơn ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    const entries = directory(bytes);
    for (const name of entries.keys())
      if (name.startsWith('xl/externalLinks/')) refuse('Tệp có liên kết tới tệp bên ngoài (external link), không được phép');
    const get = (name: string, label: string, sheet?: string) => {
      const e = entries.get(name);
      return e ? part(bytes, e, label, sheet) : undefined;
    };
    const workbook = get('xl/workbook.xml', 'Phần workbook.xml') ?? refuse('Tệp không phải .xlsx (thiếu xl/workbook.xml)');
    const rels = get('xl/_rels/workbook.xml.rels', 'Phần workbook.xml.rels') ?? '';
    const targets = new Map(
      [...rels.matchAll(/<Relationship\b([^>]*)\/?>/g)].map((m) => [attr(m[1]!, 'Id'), attr(m[1]!, 'Target') ?? '']),
    );
    const sharedXml = get('xl/sharedStrings.xml', 'Phần sharedStrings.xml') ?? '';
    const shared = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => runs(m[1] ?? ''));
    const sheets: SheetTable[] = [];
    // The first sheet holds the layout; a second one may hold the settings. Others are not read.
    for (const m of [...workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)].slice(0, 2)) {
      const name = unescape(attr(m[1]!, 'name') ?? '');
      const target = targets.get(attr(m[1]!, 'r:id')) ?? '';
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      const xml = get(path, `Trang "${name}"`, name) ?? refuse(`Trang "${name}" không có dữ liệu trong tệp`, name);
      sheets.push(readSheet(name, xml, shared));
    }
    return frameworkFromTables(sheets, fileName);
  } catch (e) {
    if (e instanceof Refused)
      return { ok: false, problems: [{ sheet: e.sheet, ...(e.row === undefined ? {} : { row: e.row }), message: e.message }] };
    throw e;
  }
}
