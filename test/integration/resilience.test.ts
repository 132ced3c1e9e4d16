/**
 * Failures, restarts and concurrency, through the local router against dynalite and s3rver.
 * Mocks only force failures the real parts cannot produce on demand: the store's `afterApply` hook (a
 * crash between writing the assessment and writing its audit record) and one DynamoDB call that throws.
 */
import type { ErrorBody } from '../../shared/api/index.js';
import type { EvidenceUploadResponse } from '../../shared/schemas.js';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import type { Store } from '../../functions/lib/store.js';
import {
  assessmentListResponse,
  assessmentResponse,
  auditResponse,
  cyclesResponse,
  rowSaveResponse,
} from '../../shared/schemas.js';
import { evidenceDownloadResponse } from '../../shared/api/evidence.js';
import {
  Api,
  assessmentPath,
  expectUnchanged,
  leavesOf,
  pdfBytes,
  seededCycleId,
  snapshot,
  startTestStack,
  handlersStore,
} from '../support/api.js';

let env: Awaited<ReturnType<typeof startTestStack>>;
let stack: LocalStack;
let api: Api;
let store: Store;
let province: string;
const C = seededCycleId();

beforeAll(async () => {
  env = await startTestStack();
  stack = env.stack;
  api = env.api;
  province = await api.token('province');
  store = await handlersStore();
});
afterAll(async () => {
  if (store) store.afterApply = undefined;
  // The restart test replaces the stack: stop whichever is running, then remove the data.
  await stack?.stop();
  if (env) rmSync(env.dataDir, { recursive: true, force: true });
});

const save = (unit: string, token: string, version: number, items: Record<string, unknown>) =>
  api.request('PUT', `${assessmentPath(C, unit)}/self`, { token, body: { version, items } });

/** The generic 500: a fixed code and message, nothing from the error inside. */
function expectGeneric500(r: { status: number; body: unknown }, secrets: string[]) {
  expect(r.status).toBe(500);
  expect(r.body).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
  const text = JSON.stringify(r.body);
  for (const s of [...secrets, 'stack', 'at ', '.ts', 'cchc-local', 'Exception']) expect(text).not.toContain(s);
}

type Send = (command: { constructor: { name: string } }) => Promise<unknown>;
/** Makes the store's DynamoDB client throw on the n-th write (Update, Put or BatchWrite, 1-based) from now on, once. */
function failNthPut(n: number, error: Error): () => void {
  const db = (store as unknown as { db: { send: Send } }).db;
  const original = db.send;
  let puts = 0;
  db.send = function (this: unknown, command) {
    if (['UpdateCommand', 'PutCommand', 'BatchWriteCommand'].includes(command.constructor.name) && ++puts === n)
      return Promise.reject(error);
    return original.call(this, command);
  } as Send;
  return () => {
    db.send = original;
  };
}

describe('a crash between writing the assessment and writing its audit record', () => {
  it('answers a generic 500; the change is in place exactly once and audited once (from the item until the next writer writes the record)', async () => {
    const unit = 'ba-hang';
    const officer = await api.token('commune_officer', unit);
    expect((await save(unit, officer, 0, { '2.4.1': { score: 0.25 } })).status).toBe(200);
    const before = await snapshot(api, province, C, unit);

    store.afterApply = async () => {
      throw new Error('crash: secret-detail /var/task/store.ts');
    };
    let r;
    try {
      r = await save(unit, officer, 1, { '2.5': { score: 0.75 } });
    } finally {
      store.afterApply = undefined;
    }
    expectGeneric500(r, ['crash', 'secret-detail', '/var/task']);

    const after = await snapshot(api, province, C, unit);
    expect(after.assessment.version).toBe(2);
    expect(after.assessment.items['2.5']?.selfScore).toBe(0.75);
    expect(after.assessment.items['2.4.1']?.selfScore).toBe(0.25);
    expect(after.assessment.totals.self.points).toBe(1);
    expect(after.audit).toHaveLength(before.audit.length + 1);
    expect(after.audit.filter((e) => e.code === '2.5')).toMatchObject([{ action: 'self.score', from: null, to: 0.75 }]);
    // Reading again applies nothing twice.
    await expectUnchanged(api, province, after);
    // The next write builds on it.
    const next = await save(unit, officer, 2, { '2.6': { score: 1 } });
    expect(next.status).toBe(200);
    // The answer holds the row saved and totals that count the crashed write's row too (0,25 + 0,75 + 1).
    const answer = rowSaveResponse.parse(next.body);
    expect(answer).toMatchObject({ version: 3, totals: { self: { points: 2 } } });
    expect(Object.keys(answer.items)).toEqual(['2.6']);
    expect(answer.items['2.6']?.selfScore).toBe(1);
    expect((await snapshot(api, province, C, unit)).assessment.items['2.5']?.selfScore).toBe(0.75);
    expect(auditResponse.parse((await api.get(`${assessmentPath(C, unit)}/audit`, officer)).body)).toHaveLength(
      before.audit.length + 2,
    );
  });

  it('the next writer keeps both changes and writes the missing audit record', async () => {
    const unit = 'thanh-cong';
    const officer = await api.token('commune_officer', unit);
    store.afterApply = async () => {
      throw new Error('crash');
    };
    try {
      expect((await save(unit, officer, 0, { '6.1.1': { score: 1 } })).status).toBe(500);
    } finally {
      store.afterApply = undefined;
    }
    // The writer did not learn the new version; it retries from 0 with another row.
    const r = await save(unit, officer, 0, { '6.1.2': { score: 0.5 } });
    expect(r.status).toBe(200);
    const answer = rowSaveResponse.parse(r.body);
    expect(answer).toMatchObject({ version: 2, items: { '6.1.2': { selfScore: 0.5 } }, totals: { self: { points: 1.5 } } });
    expect(Object.keys(answer.items)).toEqual(['6.1.2']);
    expect((await snapshot(api, province, C, unit)).assessment.items).toMatchObject({
      '6.1.1': { selfScore: 1 },
      '6.1.2': { selfScore: 0.5 },
    });
    const audit = auditResponse.parse((await api.get(`${assessmentPath(C, unit)}/audit`, officer)).body);
    expect(audit.filter((e) => e.action === 'self.score').map((e) => [e.code, e.to])).toEqual([
      ['6.1.1', 1],
      ['6.1.2', 0.5],
    ]);
  });

  it('the district list shows the change too, even before anyone opens the assessment', async () => {
    const unit = 'bai-bong'; // tp-pho-yen
    const officer = await api.token('commune_officer', unit);
    store.afterApply = async () => {
      throw new Error('crash');
    };
    try {
      expect((await save(unit, officer, 0, { '5.2': { score: 1.5 } })).status).toBe(500);
    } finally {
      store.afterApply = undefined;
    }
    const list = assessmentListResponse.parse(
      (await api.get(`/api/cycles/${C}/assessments`, await api.token('district_secretary', 'tp-pho-yen'))).body,
    );
    expect(list.find((a) => a.unitId === unit)).toMatchObject({ version: 1, progress: { scored: 1 }, self: { points: 1.5 } });
    const one = assessmentResponse.parse((await api.get(assessmentPath(C, unit), officer)).body);
    expect(one).toMatchObject({ version: 1, totals: { self: { points: 1.5 } } });
  });

  it('a crash while confirming evidence: the retry attaches the file exactly once', async () => {
    const unit = 'phuc-thuan';
    const officer = await api.token('commune_officer', unit);
    const bytes = pdfBytes('crash');
    const req = await api.request('POST', `${assessmentPath(C, unit)}/evidence`, {
      token: officer,
      body: { code: '7.1.1', fileName: 'Biên bản.pdf', contentType: 'application/pdf', size: bytes.length },
    });
    expect(req.status).toBe(201);
    const { id, upload } = req.body as EvidenceUploadResponse;
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes })).status).toBe(200);
    const confirm = () => api.request('POST', `${assessmentPath(C, unit)}/evidence/${id}/confirm`, { token: officer });

    store.afterApply = async () => {
      throw new Error('crash');
    };
    try {
      expectGeneric500(await confirm(), ['crash']);
    } finally {
      store.afterApply = undefined;
    }
    const retry = await confirm();
    expect(retry.status).toBe(200);
    const after = await snapshot(api, province, C, unit);
    expect(after.assessment.items['7.1.1']?.evidence.map((e) => e.id)).toEqual([id]);
    expect(after.assessment.version).toBe(1);
    expect(after.audit.filter((e) => e.action === 'evidence.add')).toHaveLength(1);
    // And the request is used up.
    expect((await confirm()).status).toBe(404);
  });
});

describe('a DynamoDB error', () => {
  it('on the first write (the assessment) → generic 500 and nothing changed', async () => {
    const unit = 'kha-son';
    const officer = await api.token('commune_officer', unit);
    expect((await save(unit, officer, 0, { '4.1.1': { score: 1 } })).status).toBe(200);
    const before = await snapshot(api, province, C, unit);
    const error = Object.assign(new Error('Throughput exceeds the current capacity of your table cchc-local'), {
      name: 'ProvisionedThroughputExceededException',
    });
    const restore = failNthPut(1, error);
    let r;
    try {
      r = await save(unit, officer, 1, { '4.1.2': { score: 1.5 } });
    } finally {
      restore();
    }
    expectGeneric500(r, ['Throughput', 'capacity']);
    await expectUnchanged(api, province, before);

    // A submit that fails the same way changes nothing either.
    const chair = await api.token('commune_chair', unit);
    const leaves = await leavesOf(api, chair);
    const full = Object.fromEntries(leaves.map((l) => [l.code, { score: l.max }]));
    expect((await save(unit, chair, 1, full)).status).toBe(200);
    const complete = await snapshot(api, province, C, unit);
    const restore2 = failNthPut(1, error);
    try {
      expectGeneric500(await api.request('POST', `${assessmentPath(C, unit)}/submit`, { token: chair, body: { version: 2 } }), [
        'Throughput',
      ]);
    } finally {
      restore2();
    }
    await expectUnchanged(api, province, complete);
    expect(complete.assessment.status).toBe('DRAFT');
  });

  it('on the second write (the audit record) → 500, the change is in place and audited once', async () => {
    const unit = 'diem-thuy';
    const officer = await api.token('commune_officer', unit);
    const restore = failNthPut(2, Object.assign(new Error('Internal server error'), { name: 'InternalServerError' }));
    let r;
    try {
      r = await save(unit, officer, 0, { '8.2.1': { score: 0.5 } });
    } finally {
      restore();
    }
    expectGeneric500(r, ['Internal server error']);
    const after = await snapshot(api, province, C, unit);
    expect(after.assessment).toMatchObject({ version: 1, items: { '8.2.1': { selfScore: 0.5 } } });
    expect(after.audit.filter((e) => e.code === '8.2.1')).toHaveLength(1);
  });
});

describe('concurrency', () => {
  it('20 parallel saves of different rows from the same version: all 200, version base+20, every value kept', async () => {
    const unit = 'tan-duc';
    const officer = await api.token('commune_officer', unit);
    const base = (await snapshot(api, province, C, unit)).assessment.version;
    // 20 rows of area III (3.2.1 … 3.2.20), each given a score just below its maximum.
    const codes = Array.from({ length: 20 }, (_, i) => `3.2.${i + 1}`);
    const replies = await Promise.all(codes.map((code) => save(unit, officer, base, { [code]: { score: 0.25 } })));
    expect(replies.map((r) => r.status)).toEqual(codes.map(() => 200));
    const after = await snapshot(api, province, C, unit);
    expect(after.assessment.version).toBe(base + 20);
    for (const code of codes) expect(after.assessment.items[code]?.selfScore, code).toBe(0.25);
    // 20 × 0,25 = 5 points.
    expect(after.assessment.totals.self.points).toBe(5);
    expect(
      after.audit
        .filter((e) => e.action === 'self.score')
        .map((e) => e.code)
        .sort(),
    ).toEqual([...codes].sort());
  });

  it('every row of an assessment saved at once, each by its own request (119 in parallel): none refused, none lost', async () => {
    // The bug this catches: writers of different rows retried on the whole item's version and, past a
    // retry budget, were refused with CONFLICT although nothing conflicted.
    const unit = 'phu-xuyen';
    const officer = await api.token('commune_officer', unit);
    const base = (await snapshot(api, province, C, unit)).assessment.version;
    const leaves = await leavesOf(api, officer);
    const replies = await Promise.all(leaves.map((l) => save(unit, officer, base, { [l.code]: { score: l.max } })));
    expect(replies.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    const after = await snapshot(api, province, C, unit);
    expect(after.assessment.version).toBe(base + leaves.length);
    expect(after.assessment.totals.self.points).toBe(100);
  });

  it('5 parallel saves of the same row from the same version: exactly one 200, the rest 409 CONFLICT', async () => {
    const unit = 'huong-son';
    const officer = await api.token('commune_officer', unit);
    const base = (await snapshot(api, province, C, unit)).assessment.version;
    const scores = [0.1, 0.2, 0.3, 0.4, 0.5];
    const replies = await Promise.all(scores.map((score) => save(unit, officer, base, { '7.4.1': { score } })));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    for (const r of replies.filter((x) => x.status === 409)) expect((r.body as ErrorBody).error.code).toBe('CONFLICT');
    const winner = scores[replies.findIndex((r) => r.status === 200)];
    const after = await snapshot(api, province, C, unit);
    expect(after.assessment.version).toBe(base + 1);
    expect(after.assessment.items['7.4.1']?.selfScore).toBe(winner);
    expect(after.audit.filter((e) => e.code === '7.4.1')).toMatchObject([{ from: null, to: winner }]);
  });
});

describe('concurrency across routes', () => {
  it('a submit and a save racing from the same version: exactly one wins, and the state is whole', async () => {
    const unit = 'yen-ninh';
    const officer = await api.token('commune_officer', unit);
    const chair = await api.token('commune_chair', unit);
    const leaves = await leavesOf(api, officer);
    expect((await save(unit, officer, 0, Object.fromEntries(leaves.map((l) => [l.code, { score: l.max }])))).status).toBe(200);
    const [submitted, saved] = await Promise.all([
      api.request('POST', `${assessmentPath(C, unit)}/submit`, { token: chair, body: { version: 1 } }),
      save(unit, officer, 1, { '1.1.1': { score: 0.5 } }),
    ]);
    expect([submitted.status, saved.status].sort()).toEqual([200, 409]);
    const after = await snapshot(api, province, C, unit);
    expect(after.assessment.version).toBe(2);
    if (submitted.status === 200) {
      expect((saved.body as ErrorBody).error.code).toBe('LIFECYCLE');
      expect(after.assessment).toMatchObject({ status: 'SUBMITTED', items: { '1.1.1': { selfScore: 1 } } });
    } else {
      expect((submitted.body as ErrorBody).error.code).toBe('CONFLICT');
      expect(after.assessment).toMatchObject({ status: 'DRAFT', items: { '1.1.1': { selfScore: 0.5 } } });
    }
  });

  it('5 evidence files confirmed in parallel on different rows: all attached, each audited once', async () => {
    const unit = 'dong-dat';
    const officer = await api.token('commune_officer', unit);
    const codes = ['5.2', '5.3', '5.4', '5.5', '5.6'];
    const uploads = await Promise.all(
      codes.map(async (code) => {
        const bytes = pdfBytes(code);
        const r = await api.request('POST', `${assessmentPath(C, unit)}/evidence`, {
          token: officer,
          body: { code, fileName: `${code}.pdf`, contentType: 'application/pdf', size: bytes.length },
        });
        expect(r.status).toBe(201);
        const { id, upload } = r.body as EvidenceUploadResponse;
        expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes })).status).toBe(200);
        return { code, id };
      }),
    );
    const replies = await Promise.all(
      uploads.map((u) => api.request('POST', `${assessmentPath(C, unit)}/evidence/${u.id}/confirm`, { token: officer })),
    );
    expect(replies.map((r) => r.status)).toEqual(codes.map(() => 200));
    const after = await snapshot(api, province, C, unit);
    expect(after.assessment.version).toBe(5);
    for (const u of uploads) expect(after.assessment.items[u.code]?.evidence.map((e) => e.id)).toEqual([u.id]);
    expect(
      after.audit
        .filter((e) => e.action === 'evidence.add')
        .map((e) => e.code)
        .sort(),
    ).toEqual(codes);
  });
});

describe('restart', () => {
  it('scores, version, audit and the downloadable file all survive a stop and start on the same data directory', async () => {
    const unit = 'du';
    const officer = await api.token('commune_officer', unit);
    expect((await save(unit, officer, 0, { '1.1.1': { score: 0.75 }, '1.2.1': { score: 0.5 } })).status).toBe(200);
    expect((await save(unit, officer, 1, { '1.1.1': { score: 1 } })).status).toBe(200);
    const bytes = pdfBytes('restart');
    const req = await api.request('POST', `${assessmentPath(C, unit)}/evidence`, {
      token: officer,
      body: { code: '1.1.1', fileName: 'Quyết định số 1.pdf', contentType: 'application/pdf', size: bytes.length },
    });
    expect(req.status).toBe(201);
    const { id, upload } = req.body as EvidenceUploadResponse;
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes })).status).toBe(200);
    expect((await api.request('POST', `${assessmentPath(C, unit)}/evidence/${id}/confirm`, { token: officer })).status).toBe(200);
    const before = await snapshot(api, province, C, unit);
    expect(before.assessment).toMatchObject({ version: 3, totals: { self: { points: 1.5 } } });

    await stack.stop();
    const { startLocalStack } = await import('../../local/stack.js');
    stack = await startLocalStack({ port: 0, dataDir: env.dataDir, seed: true });
    api.url = stack.url;

    // A session from before the restart is still valid (the signing secret is kept with the data).
    expect((await api.get(assessmentPath(C, unit), officer)).status).toBe(200);
    const after = await snapshot(api, await api.token('province'), C, unit);
    expect(after.assessment).toEqual(before.assessment);
    expect(after.audit).toEqual(before.audit);
    // The seed ran once: still one cycle for this year.
    const cycles = cyclesResponse.parse((await api.get('/api/cycles', officer)).body);
    expect(cycles.filter((c) => c.id === C)).toHaveLength(1);

    const g = await api.get(`${assessmentPath(C, unit)}/evidence/${id}`, officer);
    expect(g.status).toBe(200);
    const file = await fetch(evidenceDownloadResponse.parse(g.body).downloadUrl);
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    expect(file.headers.get('content-disposition')).toContain('attachment');

    // And work goes on from where it stopped.
    const next = await save(unit, officer, 3, { '1.2.2': { score: 0.5 } });
    expect(next.status).toBe(200);
    expect(rowSaveResponse.parse(next.body)).toMatchObject({ version: 4, totals: { self: { points: 2 } } });
  });
});
