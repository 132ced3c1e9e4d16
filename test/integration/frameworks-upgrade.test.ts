/**
 * A table from before frameworks were data upgrades in place (issue 22, item 2): its cycles have no
 * framework snapshot and the table no FRAMEWORKS items. On first use each cycle gets Decision 4203's
 * document as its snapshot, 4203 is listed again, and every figure stays what it was.
 *
 * Twice: (1) a real data directory written by the main branch before the change (commit 7001d89;
 * test/fixtures/pre-frameworks-data.tar.gz, made by test/fixtures/make-pre-frameworks-data.ts, which
 * also kept what that version's API answered in expected.json): a district whose four communes were
 * appraised and whose ranking was approved, and a commune with a half-filled self-assessment; (2) a
 * stack of today's seed with scores, from which the snapshot and the FRAMEWORKS items are deleted before
 * a cold start.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { cycleFrameworkKey, FRAMEWORKS_PK } from '../../functions/lib/store/keys.js';
import { decision4203Document } from '../../shared/frameworks/from-catalog.js';
import { frameworkListResponse } from '../../shared/frameworks/wire.js';
import { assessmentListResponse, assessmentResponse } from '../../shared/schemas.js';
import { Api, assessmentPath, handlersStore, leavesOf, seededCycleId, startTestStack } from '../support/api.js';

const FW = 'thai-nguyen-4203-2021';
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'pre-frameworks-data.tar.gz');

interface Expected {
  cycleId: string;
  district: string;
  communes: string[];
  assessments: Record<string, any>;
  ranking: any;
  list: any[];
  cycles: any[];
}

/** One stack at a time: a second stack in one process takes the first one's storage ports. */
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function frameworksListed(api: Api, token: string) {
  const r = await api.request('GET', '/api/frameworks', { token });
  expect(r.status).toBe(200);
  return frameworkListResponse.parse(r.body);
}

/** The new parts of a side's totals where the framework has no bonus or penalty and a total of 100. */
function expectPartsOf4203(side: {
  points: number;
  index: number;
  main: number;
  bonus: number;
  penalty: number;
  percent: number;
}) {
  expect(side).toMatchObject({ main: side.points, bonus: 0, penalty: 0, percent: side.index });
}

/**
 * A stack on `dataDir` in a child process (test/support/start-stack.ts), stopped and the directory
 * removed after the test; answers its URL.
 */
async function inItsOwnProcess(dataDir: string): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '..', 'support', 'start-stack.ts'), dataDir],
    {
      env: { ...process.env, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  stop = async () => {
    const exited = new Promise((ok) => child.once('exit', ok));
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /URL (\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`the stack's process ended (${code}) before it listened`)));
  });
}

/** The fixture unpacked in a new temporary directory. */
function unpacked(): { dataDir: string; expected: Expected } {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-upgrade-'));
  execFileSync('tar', ['-xzf', FIXTURE, '-C', dataDir]);
  return { dataDir, expected: JSON.parse(readFileSync(join(dataDir, 'expected.json'), 'utf8')) as Expected };
}

/** Every figure is what 7001d89 answered; 4203 is listed, running the old cycle; the old cycle goes on. */
async function expectUpgraded(api: Api, expected: Expected) {
  const province = await api.token('province');
  const C = expected.cycleId;

  // The cycles as they were (the seed does not run again on a seeded table).
  const cycles = await api.request('GET', '/api/cycles', { token: province });
  expect(cycles.body).toEqual(expected.cycles);

  for (const unit of expected.communes) {
    const r = await api.request('GET', assessmentPath(C, unit), { token: province });
    expect(r.status, unit).toBe(200);
    const now = assessmentResponse.parse(r.body);
    const then = expected.assessments[unit];
    expect(now.items, unit).toEqual(then.items);
    expect(now.totals, unit).toMatchObject(then.totals);
    expectPartsOf4203(now.totals.self);
    expectPartsOf4203(now.totals.appraised);
    expect({ frameworkId: now.frameworkId, version: now.version, status: now.status, deadline: now.deadline }).toEqual({
      frameworkId: FW,
      version: then.version,
      status: then.status,
      deadline: then.deadline,
    });
  }

  const ranking = await api.request('GET', `/api/cycles/${C}/rankings/${expected.district}`, { token: province });
  expect(ranking.status).toBe(200);
  const { rows: rowsThen, ...headThen } = expected.ranking;
  const { rows: rowsNow, ...headNow } = ranking.body;
  expect(headNow).toMatchObject(headThen);
  expect(rowsNow).toMatchObject(rowsThen);
  for (const row of rowsNow) {
    expectPartsOf4203(row.self);
    expectPartsOf4203(row.appraised);
  }
  expect(headNow.framework).toMatchObject({ id: FW, display: 'points', totalPoints: 100, bonusCap: null, penaltyCap: null });

  const list = assessmentListResponse.parse((await api.request('GET', `/api/cycles/${C}/assessments`, { token: province })).body);
  const figures = (l: any[]) => l.map((s) => ({ unitId: s.unitId, progress: s.progress, self: s.self, appraised: s.appraised }));
  expect(figures(list)).toMatchObject(figures(expected.list));
  for (const s of list) expect(s.self.percent).toBe(s.self.index);

  // The results and the consolidated view answer as the contract says (Api checks every answer's schema).
  for (const p of [`/api/cycles/${C}/results`, `/api/cycles/${C}/consolidated`])
    expect((await api.request('GET', p, { token: province })).status, p).toBe(200);

  const listed = await frameworksListed(api, province);
  expect(listed.map((f) => [f.id, f.status, f.cycles])).toEqual([[FW, 'active', [C]]]);

  // And the old cycle goes on: the half-filled commune saves another row, its totals follow.
  const leaves = await leavesOf(api, province);
  const before = assessmentResponse.parse((await api.request('GET', assessmentPath(C, 'phuc-xuan'), { token: province })).body);
  const row = leaves.find((l) => before.items[l.code]?.selfScore === null && l.max > 0)!;
  const chair = await api.token('commune_chair', 'phuc-xuan');
  const saved = await api.request('PUT', `${assessmentPath(C, 'phuc-xuan')}/self`, {
    token: chair,
    body: { version: before.version, items: { [row.code]: { score: row.max } } },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  expect(saved.body.totals.self.points).toBe(Math.round((before.totals.self.points + row.max) * 100) / 100);
}

describe('a data directory written by 7001d89 (before frameworks were data)', () => {
  it('starts, and every figure is what that version answered; the cycle gets 4203 as its snapshot, 4203 is listed', async () => {
    const { dataDir, expected } = unpacked();
    const { startLocalStack } = await import('../../local/stack.js');
    const stack = await startLocalStack({ port: 0, dataDir, seed: true });
    stop = async () => {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
    await expectUpgraded(new Api(stack.url), expected);
    // The snapshot written on first use is 4203's document.
    expect(await (await handlersStore()).getCycleFramework(expected.cycleId)).toEqual(decision4203Document());
  });

  it('the same in a process of its own, where no framework was registered before the first read (a cold container)', async () => {
    const { dataDir, expected } = unpacked();
    const url = await inItsOwnProcess(dataDir);
    await expectUpgraded(new Api(url), expected);
  }, 60_000);

  it('a fresh data directory in a process of its own: the seed opens the current cycle on 4203 (a cold start failed there with "unknown framework")', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchc-fresh-'));
    const api = new Api(await inItsOwnProcess(dataDir));
    const province = await api.token('province');
    const C = seededCycleId();
    const cycles = await api.request('GET', '/api/cycles', { token: province });
    expect(cycles.body.map((c: { id: string; frameworkId: string }) => [c.id, c.frameworkId])).toEqual([[C, FW]]);
    const a = await api.request('GET', assessmentPath(C, 'phuc-xuan'), { token: province });
    expect(a.status).toBe(200);
    expect((await frameworksListed(api, province)).map((f) => [f.id, f.status])).toEqual([
      ['mau-2026', 'draft'],
      [FW, 'active'],
    ]);
  }, 60_000);
});

describe('today’s table with the snapshot and the FRAMEWORKS items deleted, then a cold start', () => {
  it('reads the same figures, writes the snapshot again and lists 4203 again', async () => {
    const env = await startTestStack();
    stop = () => env.stop();
    const { api } = env;
    const province = await api.token('province');
    const C = seededCycleId();
    const leaves = await leavesOf(api, province);
    // Two communes with scores, one submitted and appraised.
    for (const [i, unit] of ['phuc-xuan', 'quyet-thang'].entries()) {
      const chair = await api.token('commune_chair', unit);
      const a = assessmentResponse.parse((await api.request('GET', assessmentPath(C, unit), { token: province })).body);
      const items = Object.fromEntries(
        leaves.map((l, k) => [l.code, l.naAllowed && k % 2 === i ? { notApplicable: true } : { score: k % 5 === i ? 0 : l.max }]),
      );
      const r = await api.request('PUT', `${assessmentPath(C, unit)}/self`, {
        token: chair,
        body: { version: a.version, items },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      if (i === 0) {
        const s = await api.request('POST', `${assessmentPath(C, unit)}/submit`, {
          token: chair,
          body: { version: r.body.version },
        });
        expect(s.status, JSON.stringify(s.body)).toBe(200);
        const secretary = await api.token('district_secretary', 'tp-thai-nguyen');
        const appraised = Object.fromEntries(
          leaves.filter((l) => !items[l.code]!.notApplicable).map((l) => [l.code, { score: items[l.code]!.score }]),
        );
        const ap = await api.request('PUT', `${assessmentPath(C, unit)}/appraisal`, {
          token: secretary,
          body: { version: s.body.version, items: appraised },
        });
        expect(ap.status, JSON.stringify(ap.body)).toBe(200);
      }
    }
    const figures = async () => {
      const get = async (p: string) => {
        const r = await api.request('GET', p, { token: province });
        expect(r.status, p).toBe(200);
        return r.body as unknown;
      };
      return {
        phucXuan: await get(assessmentPath(C, 'phuc-xuan')),
        quyetThang: await get(assessmentPath(C, 'quyet-thang')),
        list: await get(`/api/cycles/${C}/assessments`),
        ranking: await get(`/api/cycles/${C}/rankings/tp-thai-nguyen`),
        results: await get(`/api/cycles/${C}/consolidated`),
      };
    };
    const before = await figures();

    // The state of a table written before frameworks were data.
    const store = await handlersStore();
    await store.db.send(new DeleteCommand({ TableName: store.table, Key: cycleFrameworkKey(C) }));
    const items = await store.db.send(
      new QueryCommand({
        TableName: store.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': FRAMEWORKS_PK },
      }),
    );
    expect(items.Items!.length).toBeGreaterThanOrEqual(2);
    for (const i of items.Items!)
      await store.db.send(new DeleteCommand({ TableName: store.table, Key: { pk: i.pk as string, sk: i.sk as string } }));
    expect(await store.getCycleFramework(C)).toBeUndefined();
    (await import('../../functions/lib/context.js')).forgetCaches();

    expect(await figures()).toEqual(before);
    expect(await store.getCycleFramework(C)).toEqual(decision4203Document());
    const listed = await frameworksListed(api, province);
    expect(listed.map((f) => [f.id, f.status, f.cycles])).toEqual([[FW, 'active', [C]]]);
  });
});
