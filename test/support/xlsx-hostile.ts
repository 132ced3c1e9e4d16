/**
 * Builders of hostile .xlsx files for the tests of the framework import (unit: the reader; integration:
 * the route): an archive taken apart and put back together with one part changed.
 */
import { inflateRawSync } from 'node:zlib';
import type { FrameworkDocument } from '../../shared/frameworks/document.js';
import { decision4203Document } from '../../shared/frameworks/from-catalog.js';
import type { FrameworkDefinitionDoc } from '../../shared/frameworks/table.js';
import { exportFrameworkXlsx } from '../../functions/lib/framework-xlsx.js';
import { zip } from '../../functions/lib/xlsx/zip.js';

export const definitionOf = ({
  id: _id,
  status: _status,
  version: _version,
  ...definition
}: FrameworkDocument): FrameworkDefinitionDoc => definition;

/** The archive's parts, read by the central directory (a reader of the tests' own, to rebuild files). */
export function unzip(bytes: Buffer): Map<string, Buffer> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return out;
}

export const rezip = (parts: Map<string, Buffer>) => zip([...parts].map(([name, data]) => ({ name, data })));
/** Decision 4203 as the export writes it. */
export const exported = () => exportFrameworkXlsx(definitionOf(decision4203Document()));
/** The exported 4203 with its first sheet's XML changed by `edit`. */
export function withSheet1(edit: (xml: string) => string): Buffer {
  const parts = unzip(exported());
  parts.set('xl/worksheets/sheet1.xml', Buffer.from(edit(parts.get('xl/worksheets/sheet1.xml')!.toString('utf8'))));
  return rezip(parts);
}

/** A zip bomb: the first sheet padded past `limit` bytes once inflated, a few KB compressed. */
export const sheetBomb = (limit: number) =>
  withSheet1((xml) => xml.replace('<sheetData>', `<sheetData>${' '.repeat(limit + 1024)}`));

/** The same bomb with every part's size in the central directory declared 1 KB. */
export function lyingBomb(limit: number): Buffer {
  const bomb = sheetBomb(limit);
  const end = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = bomb.readUInt32LE(end + 16);
  for (let i = 0; i < bomb.readUInt16LE(end + 10); i++) {
    bomb.writeUInt32LE(1024, at + 24);
    at += 46 + bomb.readUInt16LE(at + 28) + bomb.readUInt16LE(at + 30) + bomb.readUInt16LE(at + 32);
  }
  return bomb;
}

/** A row numbered a million, past any limit. */
export const millionthRow = () =>
  withSheet1((xml) => xml.replace('</sheetData>', '<row r="1000000"><c r="A1000000"><v>1</v></c></row></sheetData>'));
/** `count` more rows. */
export const manyRows = (count: number) =>
  withSheet1((xml) => xml.replace('</sheetData>', `${'<row><c><v>1</v></c></row>'.repeat(count)}</sheetData>`));
/** A formula in C4 (a maximum). */
export const withFormula = () => withSheet1((xml) => xml.replace(/<c r="C4"([^>]*)>/, '<c r="C4"$1><f>SUM(C5:C20)</f>'));
/** A part linking to an outside workbook. */
export function withExternalLink(): Buffer {
  const parts = unzip(exported());
  parts.set('xl/externalLinks/externalLink1.xml', Buffer.from('<externalLink/>'));
  return rezip(parts);
}
export const LAUGHS = '<!DOCTYPE x [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>';
/** XML entities ("billion laughs") in the first sheet. */
export const withDoctype = () => withSheet1((xml) => xml.replace('?>', `?>${LAUGHS}`));
/** XML entities in the shared strings. */
export function withDoctypeInStrings(): Buffer {
  const parts = unzip(exported());
  parts.set('xl/sharedStrings.xml', Buffer.from(`<?xml version="1.0"?>${LAUGHS}<sst><si><t>&b;</t></si></sst>`));
  return rezip(parts);
}
