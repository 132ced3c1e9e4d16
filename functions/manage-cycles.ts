/** Health, units, frameworks and cycles (list, open a new one). */
import { InvalidInput, NotFound, StaleVersion } from '../shared/errors.js';
import { getFramework, toFrameworkResponse } from '../shared/framework-registry.js';
import { openApiDocument } from '../shared/api/openapi.js';
import { createCycleRequest } from '../shared/schemas.js';
import { allow, lifecycle, store, units } from './lib/context.js';
import { openCycle } from './lib/cycles.js';
import { createApi, json, parse } from './lib/http.js';

export const handler = createApi('manage-cycles', {
  getHealth: async (req) => {
    allow(req, 'public.read');
    await store.ping();
    return json({ status: 'ok' as const });
  },

  getOpenApi: async (req) => {
    allow(req, 'public.read');
    return json(openApiDocument());
  },

  listUnits: async (req) => {
    allow(req, 'catalog.read');
    const p = units.province;
    return json({
      province: { id: p.id, name: p.name },
      districts: p.districts.map((d) => ({
        id: d.id,
        name: d.name,
        communes: d.communes.map((c) => ({ id: c.id, name: c.name, kind: c.kind })),
      })),
    });
  },

  getFramework: async (req) => {
    allow(req, 'catalog.read');
    const fw = getFramework(req.params.frameworkId ?? '');
    if (!fw) throw new NotFound(`Không có bộ tiêu chí "${req.params.frameworkId}"`);
    return json(toFrameworkResponse(fw));
  },

  listCycles: async (req) => {
    allow(req, 'catalog.read');
    return json(await store.listCycles());
  },

  openCycle: async (req) => {
    const principal = allow(req, 'cycle.manage');
    const input = parse(createCycleRequest, req.body());
    if (!getFramework(input.frameworkId))
      throw new InvalidInput(`Không có bộ tiêu chí "${input.frameworkId}"`, [{ field: 'frameworkId' }]);
    const cycle = await openCycle(store, units, input, { principal, now: req.now }, lifecycle);
    if (!cycle) throw new StaleVersion(`Kỳ đánh giá năm ${input.year} đã được mở.`, { field: 'year' });
    return json(cycle, 201);
  },
});
