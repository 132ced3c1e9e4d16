/**
 * The province's frameworks (API.md, "Frameworks as data"): list, read, copy to a draft, edit a draft at
 * its version, activate (every problem named, 409), retire, import from and export to the decision's
 * appendix layout (.xlsx). Only the province role writes; every change is in the framework's history.
 * Served by manage-cycles.
 */
import { InvalidInput, LifecycleViolation, NotFound, StaleVersion, TooLarge } from '../../shared/errors.js';
import type { FrameworkDocument } from '../../shared/frameworks/document.js';
import { validateFramework, parseFrameworkDocument } from '../../shared/frameworks/validate.js';
import { decision4203Document } from '../../shared/frameworks/from-catalog.js';
import {
  copyFrameworkRequest,
  definitionOfResponse,
  frameworkDefinition,
  fromWire,
  frameworkStepRequest,
  putFrameworkRequest,
  toWire,
  type FrameworkResponse,
} from '../../shared/frameworks/wire.js';
import { XLSX } from '../../shared/api/reports.js';
import type { Principal } from '../../shared/permissions.js';
import { downloadName } from '../../shared/file-names.js';
import { allow, store } from './context.js';
import { attachmentDisposition } from './evidence-files.js';
import { json, parse, type FileReply, type Reply, type Request } from './http.js';
import type { FrameworkChange, StoredFramework } from './store/frameworks.js';

const FRAMEWORK_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const FRAMEWORK_XLSX_MAX_BYTES = 4 * 1024 * 1024;

const change = (
  p: Principal,
  now: string,
  action: FrameworkChange['action'],
  version: number,
  to?: unknown,
): FrameworkChange => ({
  at: now,
  by: p.name || p.sub,
  role: p.role,
  action,
  version,
  ...(to === undefined ? {} : { to }),
});

async function storedOrFail(id: string, p: Principal | undefined): Promise<StoredFramework> {
  if (!FRAMEWORK_ID.test(id)) throw new InvalidInput('Mã bộ tiêu chí không hợp lệ', [{ field: 'frameworkId' }]);
  const f = await store.getFrameworkDoc(id);
  // A draft is the province's work in progress: to anyone else it does not exist.
  if (!f || (f.doc.status === 'draft' && p?.role !== 'province')) throw new NotFound(`Không có bộ tiêu chí "${id}"`);
  return f;
}

function expectVersion(f: StoredFramework, version: number): void {
  if (f.doc.version !== version)
    throw new StaleVersion(
      `Bộ tiêu chí đã được thay đổi (phiên bản ${f.doc.version}, bạn gửi ${version}); hãy tải lại rồi làm lại.`,
      { version: f.doc.version },
    );
}

/** Writes the next version; a writer that lost the race gets 409 and nothing is written. */
async function writeNext(f: StoredFramework, next: FrameworkDocument, entry: FrameworkChange): Promise<FrameworkResponse> {
  const history = [...f.history, entry].slice(-200);
  const ok = await store.putFrameworkDoc({ doc: next, history }, f.doc.version);
  if (!ok) throw new StaleVersion('Bộ tiêu chí vừa được người khác thay đổi; hãy tải lại rồi làm lại.');
  // The answer is what a GET answers now, history included.
  return { ...toWire(next), history };
}

/** A new id from a title: its letters without diacritics, then a number if taken. */
async function freeId(title: string, wanted?: string): Promise<string> {
  if (wanted) return wanted;
  const base =
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'bo-tieu-chi';
  const taken = new Set((await store.listFrameworkDocs()).map((f) => f.doc.id));
  for (let i = 1; ; i++) {
    const id = i === 1 ? base : `${base}-${i}`;
    if (!taken.has(id) && FRAMEWORK_ID.test(id)) return id;
  }
}

async function createDraft(
  doc: FrameworkDocument,
  p: Principal,
  now: string,
  action: FrameworkChange['action'],
): Promise<FrameworkResponse> {
  const history = [change(p, now, action, 1, { title: doc.title })];
  const ok = await store.putFrameworkDoc({ doc, history }, undefined);
  if (!ok) throw new StaleVersion(`Đã có bộ tiêu chí mã "${doc.id}"`, [{ field: 'id' }]);
  return { ...toWire(doc), history };
}

/** Decision 4203's class bands (90, 80, 70, 50 of 100) on a definition's display scale. */
function defaultBands(d: Pick<FrameworkDocument, 'display' | 'total'>): FrameworkDocument['classBands'] {
  const scale = d.display === 'percent' ? 10000 : d.total;
  return decision4203Document().classBands.map((b) => ({ ...b, minIndex: Math.round((b.minIndex * scale) / 10000) }));
}

export const frameworkRoutes = {
  listFrameworks: async (req: Request) => {
    const p = allow(req, 'catalog.read');
    const [docs, cycles] = await Promise.all([store.listFrameworkDocs(), store.listCycles()]);
    return json(
      docs
        .filter((f) => f.doc.status !== 'draft' || p.role === 'province')
        .map(({ doc }) => ({
          id: doc.id,
          title: doc.title,
          status: doc.status,
          version: doc.version,
          ...(doc.decision ? { decision: doc.decision } : {}),
          years: doc.years,
          ...(doc.basedOn ? { basedOn: doc.basedOn } : {}),
          display: doc.display,
          cycles: cycles.filter((c) => c.frameworkId === doc.id).map((c) => c.id),
        })),
    );
  },

  getFramework: async (req: Request) => {
    const p = allow(req, 'catalog.read');
    const f = await storedOrFail(req.params.frameworkId ?? '', p);
    // An active or retired framework never changes: the browser keeps it.
    const immutable = f.doc.status !== 'draft' && req.query.version === String(f.doc.version);
    return {
      ...json({ ...toWire(f.doc), history: f.history }),
      headers: { 'cache-control': immutable ? 'private, max-age=31536000, immutable' : 'no-store' },
    };
  },

  copyFramework: async (req: Request) => {
    const p = allow(req, 'framework.manage');
    const input = parse(copyFrameworkRequest, req.body());
    const title = input.title.trim();
    if (!title) throw new InvalidInput('Bộ tiêu chí cần có tên', [{ field: 'title' }]);
    const from = await store.getFrameworkDoc(input.copyFrom);
    if (!from) throw new InvalidInput(`Không có bộ tiêu chí "${input.copyFrom}" để sao chép`, [{ field: 'copyFrom' }]);
    const { decision: _d, ...rest } = structuredClone(from.doc);
    const doc: FrameworkDocument = {
      ...rest,
      id: await freeId(title, input.id),
      title,
      status: 'draft',
      version: 1,
      basedOn: from.doc.id,
    };
    return json(await createDraft(doc, p, req.now, 'framework.copy'), 201);
  },

  putFramework: async (req: Request) => {
    const p = allow(req, 'framework.manage');
    const input = parse(putFrameworkRequest, req.body());
    const f = await storedOrFail(req.params.frameworkId ?? '', p);
    expectVersion(f, input.version);
    if (f.doc.status !== 'draft')
      throw new LifecycleViolation(
        'Chỉ sửa được bản nháp; bộ tiêu chí đã đưa vào sử dụng không bao giờ thay đổi. Hãy sao chép để soạn bản mới.',
      );
    const next = fromWire(input.definition, { id: f.doc.id, status: 'draft', version: f.doc.version + 1 });
    const shape = parseFrameworkDocument(next);
    if (!shape.ok)
      throw new InvalidInput(`Bộ tiêu chí không hợp lệ: ${shape.problems.map((x) => x.message).join('; ')}`, shape.problems);
    return json(await writeNext(f, next, change(p, req.now, 'framework.edit', next.version)));
  },

  activateFramework: async (req: Request) => {
    const p = allow(req, 'framework.manage');
    const input = parse(frameworkStepRequest, req.body());
    const f = await storedOrFail(req.params.frameworkId ?? '', p);
    expectVersion(f, input.version);
    if (f.doc.status !== 'draft') throw new LifecycleViolation('Chỉ đưa vào sử dụng được bản nháp.');
    const problems = validateFramework(f.doc);
    if (problems.length)
      throw new LifecycleViolation(
        `Bộ tiêu chí chưa đưa vào sử dụng được: ${problems.length} lỗi. ${problems
          .slice(0, 3)
          .map((x) => x.message)
          .join('; ')}${problems.length > 3 ? '; …' : ''}`,
        problems,
      );
    const next: FrameworkDocument = { ...f.doc, status: 'active', version: f.doc.version + 1 };
    return json(await writeNext(f, next, change(p, req.now, 'framework.activate', next.version)));
  },

  retireFramework: async (req: Request) => {
    const p = allow(req, 'framework.manage');
    const input = parse(frameworkStepRequest, req.body());
    const f = await storedOrFail(req.params.frameworkId ?? '', p);
    expectVersion(f, input.version);
    if (f.doc.status !== 'active') throw new LifecycleViolation('Chỉ ngừng được bộ tiêu chí đang sử dụng.');
    const next: FrameworkDocument = { ...f.doc, status: 'retired', version: f.doc.version + 1 };
    return json(await writeNext(f, next, change(p, req.now, 'framework.retire', next.version)));
  },

  importFramework: async (req: Request) => {
    const p = allow(req, 'framework.manage');
    const type = (req.event.headers?.['content-type'] ?? '').split(';')[0]!.trim();
    if (type !== XLSX) throw new InvalidInput(`Tệp nhập phải là Excel .xlsx (content-type ${XLSX}).`, [{ field: '(body)' }]);
    const bytes = req.bytes();
    if (bytes.length === 0) throw new InvalidInput('Thiếu tệp Excel.', [{ field: '(body)' }]);
    if (bytes.length > FRAMEWORK_XLSX_MAX_BYTES)
      throw new TooLarge('Tệp lớn hơn 4 MB.', [{ field: '(body)', max: FRAMEWORK_XLSX_MAX_BYTES }]);
    const fileName = (req.query.fileName ?? 'bo-tieu-chi.xlsx').slice(0, 200);
    const { importFrameworkXlsx } = await import('./framework-xlsx.js');
    const r = importFrameworkXlsx(bytes, fileName);
    if (!r.ok)
      throw new InvalidInput(
        `Tệp không đọc được: ${r.problems
          .slice(0, 3)
          .map((x) => `trang "${x.sheet}"${x.row ? `, dòng ${x.row}` : ''}: ${x.message}`)
          .join('; ')}${r.problems.length > 3 ? '; …' : ''}`,
        r.problems,
      );
    // A plain appendix names no class bands: the draft starts with Decision 4203's, on its own scale.
    const definition =
      r.definition.classBands.length > 0 ? r.definition : { ...r.definition, classBands: defaultBands(r.definition) };
    const doc: FrameworkDocument = { ...definition, id: await freeId(definition.title), status: 'draft', version: 1 };
    const shape = parseFrameworkDocument(doc);
    if (!shape.ok)
      throw new InvalidInput(`Tệp không đọc được: ${shape.problems.map((x) => x.message).join('; ')}`, shape.problems);
    // What the GET answers and the editor sends back in a PUT must hold it (e.g. a class code of its own).
    const wire = frameworkDefinition.safeParse(definitionOfResponse(toWire(doc)));
    if (!wire.success) {
      const problems = wire.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      throw new InvalidInput(
        `Tệp không đọc được: ${problems
          .slice(0, 3)
          .map((x) => `${x.field}: ${x.message}`)
          .join('; ')}`,
        problems,
      );
    }
    return json(await createDraft(doc, p, req.now, 'framework.import'), 201);
  },

  exportFramework: async (req: Request): Promise<FileReply> => {
    const p = allow(req, 'framework.manage');
    const f = await storedOrFail(req.params.frameworkId ?? '', p);
    const { exportFrameworkXlsx } = await import('./framework-xlsx.js');
    const { id: _i, status: _s, version: _v, ...definition } = f.doc;
    return {
      file: exportFrameworkXlsx(definition),
      headers: {
        'content-type': XLSX,
        'content-disposition': attachmentDisposition(downloadName(['bo-tieu-chi', f.doc.id], 'xlsx')),
      },
    };
  },
} satisfies Record<string, (req: Request) => Promise<Reply>>;
