/**
 * The ZIP container of an .xlsx: each part deflated on its own (method 8) with its CRC-32, then the
 * central directory. No ZIP64: a part or the whole file is refused past 4 GiB, and past 65,535 parts.
 */
import * as zlib from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, forward slashes, no leading slash. */
  name: string;
  data: Buffer;
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as ZIP uses), by table; the fallback when node:zlib has no crc32 (Node < 20.15). */
export function crc32Table(data: Uint8Array, crc = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const nativeCrc = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

export function crc32(data: Uint8Array): number {
  return typeof nativeCrc === 'function' ? nativeCrc(data) >>> 0 : crc32Table(data);
}

/** MS-DOS date and time, as ZIP stores them (two-second resolution); UTC, Lambda's local time. */
function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

const MAX32 = 0xffffffff;
/** General-purpose flag bit 11: names are UTF-8. */
const UTF8 = 0x0800;

/** The archive of the entries, in their order. */
export function zip(entries: readonly ZipEntry[], modified = new Date()): Buffer {
  if (entries.length > 0xffff) throw new RangeError('ZIP: more than 65,535 entries needs ZIP64');
  const { date, time } = dosDateTime(modified);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const deflated = zlib.deflateRawSync(e.data);
    // Store what deflate would only grow (tiny or incompressible parts).
    const stored = deflated.length >= e.data.length;
    const body = stored ? e.data : deflated;
    if (e.data.length >= MAX32 || body.length >= MAX32 || offset >= MAX32) throw new RangeError('ZIP: past 4 GiB needs ZIP64');
    const crc = crc32(e.data);
    // The fields the local header (from byte 4) and the central directory entry (from byte 6) share.
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed: 2.0 (deflate)
    common.writeUInt16LE(UTF8, 2);
    common.writeUInt16LE(stored ? 0 : 8, 4);
    common.writeUInt16LE(time, 6);
    common.writeUInt16LE(date, 8);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(body.length, 14);
    common.writeUInt32LE(e.data.length, 18);
    common.writeUInt16LE(name.length, 22);
    // extra field length: 0
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common.copy(local, 4);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    common.copy(dir, 6);
    // comment length, disk number, internal and external attributes: 0
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, name, body);
    central.push(dir, name);
    offset += local.length + name.length + body.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  if (offset + dirSize >= MAX32) throw new RangeError('ZIP: past 4 GiB needs ZIP64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
