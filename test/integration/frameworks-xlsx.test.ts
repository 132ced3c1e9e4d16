/**
 * POST /api/frameworks/import and GET /api/frameworks/{frameworkId}/export.xlsx through the local router
 * (the body passed base64-encoded as API Gateway does, up to 4 MB): export then import gives a new draft
 * with the same definition; every hostile file gets a clear 4xx and nothing is stored. The files are the
 * unit tests' (test/support/xlsx-hostile.ts).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFrameworkXlsx, MAX_PART_BYTES } from '../../functions/lib/framework-xlsx.js';
import { walk } from '../../shared/frameworks/document.js';
import { decision4203Document } from '../../shared/frameworks/from-catalog.js';
import { zip } from '../../functions/lib/xlsx/zip.js';
import { MAX_TABLE_ROWS, MAIN_SHEET } from '../../shared/frameworks/table.js';
import {
  definitionOfResponse,
  frameworkListResponse,
  frameworkResponse,
  type FrameworkResponse,
} from '../../shared/frameworks/wire.js';
import { Api, expectConforms, expectError, startTestStack, type Reply } from '../support/api.js';
import {
  definitionOf,
  exported,
  lyingBomb,
  rezip,
  unzip,
  manyRows,
  millionthRow,
  sheetBomb,
  withDoctype,
  withDoctypeInStrings,
  withExternalLink,
  withFormula,
} from '../support/xlsx-hostile.js';

const FW = 'thai-nguyen-4203-2021';
const SAMPLE = 'mau-2026';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let province: string;

beforeAll(async () => {
  env = await startTestStack();
  api = env.api;
  province = await api.token('province');
});
afterAll(async () => {
  await env?.stop();
});

/** The bytes as the body, with a content-type (none: no header); the answer checked against the contract. */
async function upload(bytes: Uint8Array | string, contentType: string | undefined, query = ''): Promise<Reply> {
  const path = `/api/frameworks/import${query}`;
  const res = await fetch(api.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${province}`, ...(contentType ? { 'content-type': contentType } : {}) },
    body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
  });
  const text = await res.text();
  const body: unknown = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
  const reply = { status: res.status, headers: res.headers, body };
  expectConforms('POST', path, reply);
  return reply;
}

async function download(id: string) {
  const path = `/api/frameworks/${id}/export.xlsx`;
  const res = await fetch(api.url + path, { headers: { authorization: `Bearer ${province}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  expectConforms('GET', path, { status: res.status, headers: res.headers, body: '' });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(XLSX);
  expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
  return bytes;
}

async function list() {
  const r = await api.request('GET', '/api/frameworks', { token: province });
  expect(r.status).toBe(200);
  return frameworkListResponse.parse(r.body);
}
async function read(id: string): Promise<FrameworkResponse> {
  const r = await api.request('GET', `/api/frameworks/${id}`, { token: province });
  expect(r.status).toBe(200);
  return frameworkResponse.parse(r.body);
}

/** mulberry32: the same "random" bytes on every run. */
function noise(n: number, seed = 22): Buffer {
  let a = seed >>> 0;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

describe('export then import', () => {
  it('4203 exported and imported again: a new draft whose definition is 4203’s', async () => {
    const original = await read(FW);
    const bytes = await download(FW);
    const before = await list();
    const r = await upload(bytes, XLSX, '?fileName=bo-tieu-chi-4203.xlsx');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const imported = frameworkResponse.parse(r.body);
    expect(imported).toMatchObject({ status: 'draft', version: 1 });
    expect(imported.id).not.toBe(FW);
    // The draft's title is the sheet's title row: the framework's own.
    expect(definitionOfResponse(imported)).toEqual(definitionOfResponse(original));
    expect(imported.items).toEqual(original.items);
    expect(await read(imported.id)).toEqual(imported);
    const after = await list();
    expect(after.map((f) => f.id).sort()).toEqual([...before.map((f) => f.id), imported.id].sort());
    expect(after.find((f) => f.id === imported.id)).toMatchObject({ status: 'draft', version: 1, cycles: [] });
    // 4203 itself is as it was.
    expect(await read(FW)).toEqual(original);
  });

  it('the sample draft (bonus, penalty, choice and survey rows, percent) exported and imported again: the same definition', async () => {
    const sample = await read(SAMPLE);
    const r = await upload(await download(SAMPLE), XLSX);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const imported = frameworkResponse.parse(r.body);
    expect(definitionOfResponse(imported)).toEqual(definitionOfResponse(sample));
    expect(imported.bonus!.cap).toBe(3);
    expect(imported.penalty!.cap).toBe(5);
  });
});

describe('a file written by other software (exceljs) in the plain appendix layout', () => {
  it('imports as a draft of 4203’s tree, titled by the file’s name when the sheet has no title row', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Phụ lục');
    sheet.addRow(['STT', 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', 'Điểm tối đa', 'Cách thức, phương pháp đánh giá']);
    const original = await read(FW);
    const flat = (items: FrameworkResponse['items']): FrameworkResponse['items'] =>
      items.flatMap((n) => [n, ...flat(n.children)]);
    flat(original.items).forEach((n, i) =>
      sheet.addRow([
        n.code,
        n.title,
        i % 2 ? n.maxPoints : String(n.maxPoints).replace('.', ','),
        i === 0 ? 'Theo kế hoạch năm' : null,
      ]),
    );
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload(bytes, XLSX, `?fileName=${encodeURIComponent('Bộ tiêu chí 2027.xlsx')}`);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const d = frameworkResponse.parse(r.body);
    expect(d).toMatchObject({ title: 'Bộ tiêu chí 2027', status: 'draft', version: 1 });
    const shape = (items: FrameworkResponse['items']): unknown =>
      items.map((n) => [n.code, n.title, n.maxPoints, shape(n.children)]);
    expect(shape(d.items)).toEqual(shape(original.items));
    expect(d.items[0]!.guidance).toBe('Theo kế hoạch năm');
    // 4203's class bands, since the file names none; the years are the province's to add: the editor's
    // PUT of the draft as read, with the years, is taken, and the result activates.
    expect(d.classBands).toEqual(original.classBands);
    const def = structuredClone(definitionOfResponse(d));
    def.years = [2027];
    const saved = await api.request('PUT', `/api/frameworks/${d.id}`, { token: province, body: { version: 1, definition: def } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const active = await api.request('POST', `/api/frameworks/${d.id}/activate`, { token: province, body: { version: 2 } });
    expect(active.status, JSON.stringify(active.body)).toBe(200);
  });
});

describe('hostile files: each a clear 4xx, nothing stored', () => {
  const cases: [string, () => Uint8Array | string, string | undefined, number, string, string?][] = [
    ['random bytes', () => noise(20_000), XLSX, 400, 'VALIDATION', 'không phải .xlsx'],
    [
      'a text file sent as xlsx',
      () => 'STT;Lĩnh vực;Điểm tối đa\nI;Công tác chỉ đạo;10\n',
      XLSX,
      400,
      'VALIDATION',
      'không phải .xlsx',
    ],
    [
      'a zip without a workbook',
      () => zip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]),
      XLSX,
      400,
      'VALIDATION',
      'không phải .xlsx',
    ],
    ['an empty body', () => new Uint8Array(0), XLSX, 400, 'VALIDATION'],
    ['a zip bomb', () => sheetBomb(MAX_PART_BYTES), XLSX, 400, 'VALIDATION', 'quá lớn khi giải nén'],
    ['a zip bomb whose headers lie', () => lyingBomb(MAX_PART_BYTES), XLSX, 400, 'VALIDATION', 'quá lớn khi giải nén'],
    ['a row numbered a million', millionthRow, XLSX, 400, 'VALIDATION'],
    ['more rows than the limit', () => manyRows(MAX_TABLE_ROWS), XLSX, 400, 'VALIDATION', `quá ${MAX_TABLE_ROWS} dòng`],
    ['a formula', withFormula, XLSX, 400, 'VALIDATION', 'công thức'],
    ['an external link', withExternalLink, XLSX, 400, 'VALIDATION', 'liên kết tới tệp bên ngoài'],
    ['XML entities in the sheet', withDoctype, XLSX, 400, 'VALIDATION', 'thực thể XML'],
    ['XML entities in the shared strings', withDoctypeInStrings, XLSX, 400, 'VALIDATION', 'thực thể XML'],
    ['a body over 4 MB', () => Buffer.concat([exported(), Buffer.alloc(4 * 1024 * 1024)]), XLSX, 413, 'TOO_LARGE'],
    ['a good file as application/octet-stream', exported, 'application/octet-stream', 400, 'VALIDATION'],
    ['a good file as JSON', exported, 'application/json', 400, 'VALIDATION'],
    ['a good file as text/csv', exported, 'text/csv', 400, 'VALIDATION'],
    ['a good file with no content-type', exported, undefined, 400, 'VALIDATION'],
  ];
  for (const [what, bytes, type, status, code, says] of cases)
    it(`${what} → ${status} ${code}`, async () => {
      const before = await list();
      const e = expectError(await upload(bytes(), type), status, code);
      if (says) expect(e.message).toContain(says);
      expect(await list()).toEqual(before);
    });

  it('a good file whose framework is too large to store (long guidance on every row) → 413 TOO_LARGE', async () => {
    const doc = decision4203Document();
    for (const n of walk(doc.sets[0]!.items)) n.guidance = `Hướng dẫn chấm ${n.code}. `.padEnd(3500, 'x');
    const bytes = exportFrameworkXlsx(definitionOf(doc));
    expect(bytes.length).toBeLessThan(4 * 1024 * 1024);
    const before = await list();
    expect(expectError(await upload(bytes, XLSX), 413, 'TOO_LARGE').message).toContain('quá lớn để lưu');
    expect(await list()).toEqual(before);
  });

  it('a class code of its own (the API answers the five of 4203 only) → 400, not a draft the editor could not save', async () => {
    const parts = unzip(exported());
    let found = 0;
    for (const [name, data] of parts) {
      const xml = data.toString('utf8');
      if (xml.includes('>xuat-sac<')) {
        found++;
        parts.set(name, Buffer.from(xml.replace('>xuat-sac<', '>loai-a<')));
      }
    }
    expect(found).toBe(1);
    const before = await list();
    const e = expectError(await upload(rezip(parts), XLSX), 400, 'VALIDATION');
    expect(e.details).toEqual([expect.objectContaining({ field: 'classBands.0.class' })]);
    expect(await list()).toEqual(before);
  });

  it('a refusal names the sheet and the row: a formula in the maximum of row 4', async () => {
    const e = expectError(await upload(withFormula(), XLSX), 400, 'VALIDATION');
    expect(e.details).toEqual([expect.objectContaining({ sheet: MAIN_SHEET, row: 4 })]);
    expect(e.message).toContain(`trang "${MAIN_SHEET}", dòng 4`);
    const far = expectError(await upload(millionthRow(), XLSX), 400, 'VALIDATION');
    expect(far.details).toEqual([expect.objectContaining({ sheet: MAIN_SHEET, row: 1000000 })]);
  });
});
