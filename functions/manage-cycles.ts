/** Health, units, frameworks and cycles (list, open a new one). */
import { InvalidInput, NotFound, StaleVersion } from '../shared/errors.js';
import { getFramework, toFrameworkResponse } from '../shared/framework-registry.js';
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
import { createApi, json, parse } from './lib/http.js';
import { snapshotOf, type Units } from './lib/units.js';

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
    appraisingUnits: u.appraisingUnits.map((d) => ({ id: d.id, name: d.name, communes: communes(d.communes) })),
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

  getFramework: async (req) => {
    allow(req, 'catalog.read');
    const fw = getFramework(req.params.frameworkId ?? '');
    if (!fw) throw new NotFound(`Không có bộ tiêu chí "${req.params.frameworkId}"`);
    return json(toFrameworkResponse(fw));
  },

  listCycles: async (req) => {
    allow(req, 'catalog.read');
    return json(await Promise.all((await store.listCycles()).map(withOrganisation)));
  },

  openCycle: async (req) => {
    const principal = allow(req, 'cycle.manage');
    const input = parse(createCycleRequest, req.body());
    if (!getFramework(input.frameworkId))
      throw new InvalidInput(`Không có bộ tiêu chí "${input.frameworkId}"`, [{ field: 'frameworkId' }]);
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
    const cycle = await openCycle(store, snapshotOf(p, input.organisationId), input, { principal, now: req.now }, lifecycle);
    if (!cycle) throw new StaleVersion(`Kỳ đánh giá năm ${input.year} đã được mở.`, { field: 'year' });
    return json(cycle, 201);
  },
});
