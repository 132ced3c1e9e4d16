/** Health, units, frameworks and cycles (list, open a new one). */
import { InvalidInput, LifecycleViolation, StaleVersion } from '../shared/errors.js';
import { oneSetFor } from '../shared/frameworks/runtime.js';
import { setFor } from '../shared/frameworks/model.js';
import type { UnitKind } from '../shared/framework.js';
import { openApiDocument, type OpenApiVersion } from '../shared/api/openapi.js';
import { formerDistrictsOf, provinceOrganisations } from '../shared/organisation.js';
import { createCycleRequest, type UnitsResponse } from '../shared/schemas.js';
import {
  allow,
  cycleOrFail,
  currentUnits,
  lifecycle,
  organisationsWith,
  province,
  store,
  unitsOf,
  withOrganisation,
} from './lib/context.js';
import { openCycle } from './lib/cycles.js';
import { frameworkRoutes } from './lib/framework-routes.js';
import { createApi, json, parse } from './lib/http.js';
import { snapshotOf, Units } from './lib/units.js';

const CYCLE_ID = /^[A-Za-z0-9-]{1,40}$/;

/** The organisations of the live configuration a cycle may open on, oldest first. */
function openable(): UnitsResponse['organisations'] {
  const { organisations, currentOrganisationId } = provinceOrganisations(province());
  return organisations
    .filter((o) => o.cyclesRunHere !== false)
    .map((o) => ({
      id: o.id,
      label: o.label,
      validFrom: o.validFrom,
      appraisingLevel: o.appraisingLevel,
      current: o.id === currentOrganisationId,
    }))
    .sort((a, b) => a.validFrom.localeCompare(b.validFrom));
}

function unitsBody(u: Units): UnitsResponse {
  const communes = (list: Units['appraisingUnits'][number]['communes']) =>
    list.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      ...(c.code ? { code: c.code } : {}),
      ...(c.formedFrom ? { formedFrom: [...c.formedFrom] } : {}),
      ...(c.formerDistrictId ? { formerDistrictId: c.formerDistrictId } : {}),
    }));
  return {
    province: { id: u.province.id, name: u.province.name },
    organisationId: u.org.id,
    appraisingLevel: u.appraisingLevel,
    appraisingUnits: u.appraisingUnits.map((d) => {
      const departments = d.communes.filter((c) => c.kind === 'department');
      return {
        id: d.id,
        name: d.name,
        communes: communes(d.communes),
        ...(departments.length ? { departments: departments.map((c) => ({ id: c.id, name: c.name })) } : {}),
      };
    }),
    rankingBlocks: u.org.rankingBlocks.map((b) => ({ id: b.id, label: b.label, kinds: [...b.kinds] })),
    formerDistricts: formerDistrictsOf(organisationsWith([u]), u.org.id).map((d) => ({ id: d.id, name: d.name })),
    organisations: openable(),
    districts:
      u.appraisingLevel === 'district'
        ? u.appraisingUnits.map((d) => ({
            id: d.id,
            name: d.name,
            communes: d.communes.map((c) => ({ id: c.id, name: c.name, kind: c.kind })),
          }))
        : [],
  };
}

/** Each rendition of the document, built once per container from the static table. */
const documents = new Map<OpenApiVersion, ReturnType<typeof openApiDocument>>();

/** The unit kinds as a sentence names them. */
const KIND_WORDS: Record<UnitKind, string> = {
  xa: 'xã',
  phuong: 'phường',
  'dac-khu': 'đặc khu',
  'thi-tran': 'thị trấn',
  department: 'sở, ban, ngành',
};

export const handler = createApi('manage-cycles', {
  getHealth: async (req) => {
    allow(req, 'public.read');
    await store.ping();
    return json({ status: 'ok' as const });
  },

  getOpenApi: async (req) => {
    allow(req, 'public.read');
    // `?format=3.0`: the same document in OpenAPI 3.0, for Swagger UI (/tai-lieu-api/swagger.html renders 3.0 fast).
    const format = req.query.format;
    if (format !== undefined && format !== '3.0' && format !== '3.1')
      throw new InvalidInput('Định dạng tài liệu API không hợp lệ: chỉ nhận format=3.0 hoặc 3.1.', [{ field: 'format' }]);
    const version: OpenApiVersion = format ?? '3.1';
    let doc = documents.get(version);
    if (!doc) documents.set(version, (doc = openApiDocument(version)));
    return json(doc);
  },

  listUnits: async (req) => {
    allow(req, 'catalog.read');
    const cycleId = req.query.cycleId;
    if (cycleId === undefined) return json(unitsBody(currentUnits()));
    if (!CYCLE_ID.test(cycleId)) throw new InvalidInput('Mã kỳ đánh giá không hợp lệ', [{ field: 'cycleId' }]);
    return json(unitsBody(await unitsOf(await cycleOrFail(cycleId))));
  },

  ...frameworkRoutes,

  listCycles: async (req) => {
    allow(req, 'catalog.read');
    return json(await Promise.all((await store.listCycles()).map(withOrganisation)));
  },

  openCycle: async (req) => {
    const principal = allow(req, 'cycle.manage');
    const input = parse(createCycleRequest, req.body());
    const framework = await store.getFrameworkDoc(input.frameworkId);
    if (!framework || (framework.doc.status === 'draft' && principal.role !== 'province'))
      throw new InvalidInput(`Không có bộ tiêu chí "${input.frameworkId}"`, [{ field: 'frameworkId' }]);
    if (framework.doc.status !== 'active')
      throw new LifecycleViolation(
        framework.doc.status === 'draft'
          ? `Bộ tiêu chí "${framework.doc.title}" còn là bản nháp: hãy đưa vào sử dụng trước khi mở kỳ đánh giá.`
          : `Bộ tiêu chí "${framework.doc.title}" đã ngừng sử dụng: không mở kỳ mới với bộ này.`,
        [{ field: 'frameworkId' }],
      );
    const p = province();
    if (input.organisationId !== undefined) {
      const org = provinceOrganisations(p).organisations.find((o) => o.id === input.organisationId);
      if (!org)
        throw new InvalidInput(`Không có tổ chức "${input.organisationId}" trong cấu hình tỉnh`, [{ field: 'organisationId' }]);
      if (org.cyclesRunHere === false)
        throw new InvalidInput(`Tổ chức "${org.id}" chỉ lưu để tra cứu đơn vị cũ; không mở kỳ đánh giá trên đó`, [
          { field: 'organisationId' },
        ]);
    }
    const snapshot = snapshotOf(p, input.organisationId);
    // A framework may score each unit kind on its own criteria set; a ranking block must not mix sets.
    const units = new Units(snapshot);
    const kinds = [...new Set([...units.communes.values()].map((c) => c.kind))];
    const unscored = kinds.filter((k) => !setFor(framework.doc, k));
    if (unscored.length)
      throw new LifecycleViolation(
        `Bộ tiêu chí "${framework.doc.title}" không có bộ tiêu chí cho ${unscored.map((k) => KIND_WORDS[k]).join(', ')} của tổ chức này: hãy chọn bộ tiêu chí có bộ dành cho mọi loại đơn vị được đánh giá.`,
        [{ field: 'frameworkId' }],
      );
    const mixed = units.org.rankingBlocks.find(
      (b) =>
        !oneSetFor(
          framework.doc,
          kinds.filter((k) => units.blocks().of(k) === b.id),
        ),
    );
    if (mixed)
      throw new LifecycleViolation(
        `Khối xếp hạng "${mixed.label}" gồm các loại đơn vị chấm theo các bộ tiêu chí khác nhau của "${framework.doc.title}": không xếp hạng chung được. Hãy chọn tổ chức xếp hạng riêng từng loại đơn vị, hoặc bộ tiêu chí dùng chung một bộ cho các loại đơn vị của khối.`,
        [{ field: 'frameworkId' }],
      );
    const cycle = await openCycle(store, snapshot, input, { principal, now: req.now }, lifecycle, framework.doc);
    if (!cycle) throw new StaleVersion(`Kỳ đánh giá năm ${input.year} đã được mở.`, { field: 'year' });
    return json(cycle, 201);
  },
});
