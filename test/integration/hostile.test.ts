/**
 * Hostile input, as an attacker tried it: malformed percent-escapes in static and API paths, a
 * correctly signed province token naming a commune, reads racing each ranking step, and then
 * arbitrary requests (fast-check) against the local router. No request gets a 5xx, and the stack
 * stays up.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../local/jwt.js';
import { rankingResponse, resultsResponse } from '../../shared/api/rankings.js';
import { auditResponse } from '../../shared/schemas.js';
import { Api, expectError, seededCycleId, startTestStack } from '../support/api.js';
import { Flow, ok, sleep } from '../support/appraisal.js';

let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let province: string;
let flow: Flow;
const C = seededCycleId();

/** A stand-in for the built web app, so that static paths are served whether or not `npm run build:web` ran. */
const webDir = mkdtempSync(join(tmpdir(), 'cchc-web-'));
writeFileSync(join(webDir, '200.html'), '<!doctype html><title>CCHC</title>');
mkdirSync(join(webDir, '_app'));
writeFileSync(join(webDir, '_app', 'app.js'), 'export {};');

beforeAll(async () => {
  env = await startTestStack({ webDir });
  api = env.api;
  province = await api.token('province');
  flow = await new Flow(api, C).init();
});
afterAll(async () => {
  await env?.stop();
  rmSync(webDir, { recursive: true, force: true });
});

/** A request with its path sent byte for byte (fetch would normalise `..` and re-encode). */
function raw(
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  const { port } = new URL(api.url);
  return new Promise((ok, fail) => {
    const req = http.request(
      { host: '127.0.0.1', port: Number(port), method, path, headers: opts.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(opts.body);
  });
}

async function expectAlive() {
  const r = await api.get('/api/health');
  expect(r.status).toBe(200);
}

describe('malformed percent-escapes', () => {
  it('GET /%E0%A4%A (a static path) answers 400 and the stack stays up', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/_app/%ZZ.js', '/xep-hang/%C0%AF']) {
      const r = await raw('GET', path);
      expect(r.status, path).toBe(400);
      await expectAlive();
    }
  });

  it('the same escapes in API paths answer 400 VALIDATION, never 500', async () => {
    const paths = [
      '/api/frameworks/%C0%AF',
      `/api/cycles/%ZZ/assessments`,
      `/api/cycles/%ZZ/assessments/phuc-xuan`,
      `/api/cycles/%E0%A4%A/results`,
      `/api/cycles/${C}/rankings/%FF`,
      `/api/cycles/${C}/rankings/%FF/appendix-2.xlsx`,
      `/api/cycles/${C}/assignments/%FF`,
      `/api/cycles/${C}/assessments/phuc-xuan/evidence/%E0%A4%A`,
    ];
    for (const path of paths) {
      const r = await api.get(path, province);
      expectError(r, 400, 'VALIDATION');
    }
    // A public route too: the router refuses before any function runs.
    expectError(await api.get('/api/cycles/%ZZ/results'), 400, 'VALIDATION');
    await expectAlive();
  });

  it('an id longer than any id answers 400, not a storage error', async () => {
    const long = 'x'.repeat(3000);
    for (const path of [`/api/cycles/${long}/results`, `/api/cycles/${C}/assessments/phuc-xuan/evidence/${long}`]) {
      const r = await api.get(path, province);
      expectError(r, 400, 'VALIDATION');
    }
  });
});

describe('a province token whose unit is a commune (signed correctly, as a mis-provisioned account would be)', () => {
  it("gets none of the province's powers: consolidated, rankings, Appendix II, assignments, POST /api/cycles", async () => {
    const forged = signJwt({ sub: 'attacker', name: 'Kẻ tấn công', role: 'province', unitId: 'phuc-xuan' }, env.stack.jwtSecret);
    const cyclesBefore = (await api.get('/api/cycles', province)).body as unknown[];
    const year = new Date().getUTCFullYear() + 5;
    const replies = await Promise.all([
      api.get(`/api/cycles/${C}/consolidated`, forged),
      api.get(`/api/cycles/${C}/consolidated.xlsx`, forged),
      api.get(`/api/cycles/${C}/rankings/tp-thai-nguyen`, forged),
      api.get(`/api/cycles/${C}/rankings/tp-thai-nguyen/appendix-2.xlsx`, forged),
      api.get(`/api/cycles/${C}/assignments/tp-thai-nguyen`, forged),
      api.get(`/api/cycles/${C}/assessments/phuc-xuan`, forged),
      api.get(`/api/cycles/${C}/assessments`, forged),
      api.request('POST', '/api/cycles', {
        token: forged,
        body: { year, frameworkId: 'thai-nguyen-4203-2021', selfAssessmentDeadline: `${year}-06-30T17:00:00+07:00` },
      }),
    ]);
    for (const r of replies) expectError(r, 403, 'FORBIDDEN');
    expect((await api.get('/api/cycles', province)).body).toEqual(cyclesBefore);
  });
});

describe('a ranking step races with reads', () => {
  const D = 'vo-nhai';
  const UNITS = ['dinh-ca', 'la-hien', 'than-sa'];
  const rankingPath = `/api/cycles/${C}/rankings/${D}`;
  const STATUS_OF_RANKING = { OPEN: 'APPRAISED', APPROVED: 'APPROVED', PUBLISHED: 'PUBLISHED', REPORTED: 'REPORTED' } as const;

  beforeAll(async () => {
    for (const u of UNITS) {
      await flow.fillAndSubmit(u);
      const a = await flow.appraiseAtSelf(u);
      ok(await flow.post(u, '/complete', await flow.secretary(u), { version: a.version }), 'APPRAISED');
    }
  }, 60_000);

  for (const step of ['approve', 'publish', 'report'] as const)
    it(`${step}: the step answers 200, every concurrent ranking read and anonymous results read 200, statuses in step, one history entry`, async () => {
      const chair = await flow.token('district_chair', D);
      const secretary = await flow.token('district_secretary', D);
      const before = rankingResponse.parse((await api.get(rankingPath, province)).body);
      let done = false;
      const stepReply = api.request('POST', `${rankingPath}/${step}`, { token: chair }).finally(() => (done = true));
      const reads: Promise<{ kind: 'ranking' | 'results'; status: number; body: unknown }>[] = [];
      // Readers keep arriving while the step is in flight (and a few after), each settling as it reads.
      for (let i = 0; i < 40 && (!done || i < 12); i++) {
        reads.push(
          api
            .get(rankingPath, i % 2 ? secretary : province)
            .then((r) => ({ kind: 'ranking' as const, status: r.status, body: r.body as unknown })),
        );
        reads.push(
          api
            .get(`/api/cycles/${C}/results`)
            .then((r) => ({ kind: 'results' as const, status: r.status, body: r.body as unknown })),
        );
        await sleep(1);
      }
      const r = await stepReply;
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const after = rankingResponse.parse(r.body);
      expect(after.status).toBe(
        STATUS_OF_RANKING[step === 'approve' ? 'APPROVED' : step === 'publish' ? 'PUBLISHED' : 'REPORTED'],
      );
      expect(after.rows.map((x) => x.status)).toEqual(UNITS.map(() => after.status));
      for (const read of await Promise.all(reads)) {
        expect(read.status, `${read.kind}: ${JSON.stringify(read.body)}`).toBe(200);
        if (read.kind === 'ranking') {
          const body = rankingResponse.parse(read.body);
          expect(body.rows.map((x) => x.status)).toEqual(body.rows.map(() => STATUS_OF_RANKING[body.status]));
        } else {
          const body = resultsResponse.parse(read.body);
          for (const d of body.districts) {
            const rows = body.rows.filter((x) => x.districtId === d.id);
            expect(
              rows.every((x) => x.status === d.rankingStatus),
              `${d.id} ${d.rankingStatus}`,
            ).toBe(true);
          }
        }
      }
      // One history entry for the step, and one trail entry for it in each commune.
      const final = rankingResponse.parse((await api.get(rankingPath, province)).body);
      expect(final.history.length).toBe(before.history.length + 1);
      expect(final.history.at(-1)).toMatchObject({ action: step, from: before.status, to: after.status });
      for (const u of UNITS) {
        const audit = auditResponse.parse((await api.get(`/api/cycles/${C}/assessments/${u}/audit`, province)).body);
        expect(audit.filter((e) => e.action === step).length, u).toBe(1);
      }
    });
});

describe('arbitrary requests (fast-check) against the local router', () => {
  const templates = [
    '/api/health',
    '/api/units',
    '/api/frameworks/{p}',
    '/api/cycles',
    '/api/cycles/{p}/assessments',
    '/api/cycles/{p}/assessments/{p}',
    '/api/cycles/{p}/assessments/{p}/self',
    '/api/cycles/{p}/assessments/{p}/submit',
    '/api/cycles/{p}/assessments/{p}/evidence/{p}',
    '/api/cycles/{p}/assessments/{p}/evidence/{p}/confirm',
    '/api/cycles/{p}/assessments/{p}/appraisal',
    '/api/cycles/{p}/assignments/{p}',
    '/api/cycles/{p}/rankings/{p}',
    '/api/cycles/{p}/rankings/{p}/approve',
    '/api/cycles/{p}/rankings/{p}/appendix-2.xlsx',
    '/api/cycles/{p}/consolidated',
    '/api/cycles/{p}/results',
    '/api/public/cycles',
    '/api/dev/token',
    '/',
    '/{p}',
    '/_app/{p}',
  ];
  /** Characters Node's client sends as they are; the rest go percent-encoded (as a browser would). */
  const sendable = (s: string) => s.replace(/[^\u0021-\u007e\u00a0-\u00ff]/gu, (c) => encodeURIComponent(c));
  const segment = fc.oneof(
    fc.constantFrom(
      C,
      'phuc-xuan',
      'tp-thai-nguyen',
      'thai-nguyen-4203-2021',
      '..',
      '.',
      '',
      '%',
      '%E0%A4%A',
      '%C0%AF',
      '%ZZ',
      '%FF',
      '%00',
      '%2F..%2F',
    ),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.string({ maxLength: 400 }),
    fc.integer({ min: 250, max: 3000 }).map((n) => 'a'.repeat(n)),
  );
  const path = fc.oneof(
    fc
      .tuple(fc.constantFrom(...templates), fc.array(segment, { minLength: 4, maxLength: 4 }), fc.string({ maxLength: 30 }))
      .map(([t, segs, query]) => {
        let i = 0;
        return t.replace(/\{p\}/g, () => sendable(segs[i++]!)) + (query ? `?${sendable(query)}` : '');
      }),
    fc.array(segment, { maxLength: 6 }).map((segs) => `/${segs.map(sendable).join('/')}`),
  );
  const body = fc.oneof(
    fc.constant(undefined),
    fc.json().map((j) => j),
    fc.string({ maxLength: 300 }),
    fc.constantFrom('{', '{"version":1e999}', '{"items":{"__proto__":{"x":1}}}', '{"version":-1,"items":[]}', 'null', '[]'),
  );
  const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');
  const tokenKind = fc.constantFrom('none', 'garbage', 'province', 'chair', 'secretary', 'forged');
  const headerValue = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\u0020-\u007e]/g, ''));
  const headers = fc.dictionary(
    fc.constantFrom('content-type', 'x-forwarded-for', 'accept', 'cookie', 'x-amz-date', 'origin', 'x-extra'),
    headerValue,
    { maxKeys: 3 },
  );

  it('no request gets a 5xx, and /api/health answers 200 afterwards', async () => {
    const tokens: Record<string, string | undefined> = {
      none: undefined,
      garbage: 'Bearer eyJ.abc.%%%',
      province: `Bearer ${province}`,
      chair: `Bearer ${await flow.token('commune_chair', 'phuc-xuan')}`,
      secretary: `Bearer ${await flow.token('district_secretary', 'tp-thai-nguyen')}`,
      forged: `Bearer ${signJwt({ sub: 'x', name: 'x', role: 'province', unitId: 'phuc-xuan' }, env.stack.jwtSecret)}`,
    };
    await fc.assert(
      fc.asyncProperty(method, path, body, headers, tokenKind, async (m, p, b, h, t) => {
        const auth = tokens[t];
        const payload = b === undefined ? undefined : typeof b === 'string' ? b : JSON.stringify(b);
        const r = await raw(m, p, {
          headers: { ...h, ...(auth ? { authorization: auth } : {}) },
          body: m === 'GET' || m === 'HEAD' ? undefined : payload,
        });
        expect(r.status, `${m} ${p} → ${r.status} ${r.body.slice(0, 200)}`).toBeLessThan(500);
        expect(r.status).toBeGreaterThanOrEqual(200);
      }),
      { numRuns: 300 },
    );
    await expectAlive();
  }, 120_000);
});
