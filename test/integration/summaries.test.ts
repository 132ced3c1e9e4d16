/**
 * The compact summaries (functions/lib/store/summaries.ts) never disagree with their assessments: after
 * saves, after every failure a save can meet (the write refused, the write landed but its reply lost,
 * a crash right after the write, the audit record's write failing), and for items written before
 * summaries existed. Real handlers against dynalite; a mock only forces the failure.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../functions/lib/store.js';
import type { AssessmentResponse, AssessmentSummary } from '../../shared/schemas.js';
import { Api, assessmentPath, handlersStore, leavesOf, seededCycleId, startTestStack } from '../support/api.js';
import { SUMMARY_FIELDS, SUMMARY_HEAD } from '../../functions/lib/store/keys.js';
import { readSummary } from '../../functions/lib/store/summaries.js';

let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let store: Store;
let province: string;
const C = seededCycleId();

beforeAll(async () => {
  env = await startTestStack();
  api = env.api;
  province = await api.token('province');
  store = await handlersStore();
});
afterAll(async () => {
  if (store) store.afterApply = undefined;
  await env?.stop();
});

const save = async (unit: string, items: Record<string, unknown>) => {
  const token = await api.token('commune_officer', unit);
  const cur = (await api.get(assessmentPath(C, unit), token)).body as AssessmentResponse;
  return api.request('PUT', `${assessmentPath(C, unit)}/self`, { token, body: { version: cur.version, items } });
};

/** What the province's list shows of a commune (read from the summaries). */
async function listed(unit: string): Promise<AssessmentSummary> {
  const r = await api.get(`/api/cycles/${C}/assessments`, province);
  expect(r.status).toBe(200);
  const s = (r.body as AssessmentSummary[]).find((x) => x.unitId === unit);
  expect(s).toBeDefined();
  return s!;
}

/** The summary agrees with the whole assessment: status, version, totals, index and class both ways, progress. */
async function expectAgrees(unit: string) {
  const full = (await api.get(assessmentPath(C, unit), province)).body as AssessmentResponse;
  const s = await listed(unit);
  expect(s.status).toBe(full.status);
  expect(s.version).toBe(full.version);
  for (const side of ['self', 'appraised'] as const)
    expect(s[side]).toEqual({
      points: full.totals[side].points,
      index: full.totals[side].index,
      percent: full.totals[side].percent,
      class: full.totals[side].class,
    });
  const leaves = Object.values(full.items);
  expect(s.progress.scored).toBe(leaves.filter((i) => i.selfScore !== null).length);
  // And row by row: the summary's packed points are the item's.
  const summary = (await store.listSummaries(C, [{ districtId: full.districtId, id: unit }])).find((x) => x.unitId === unit);
  const item = await store.getAssessment(C, full.districtId, unit);
  // The head fields it carries are the item's.
  for (const f of SUMMARY_HEAD) expect([f, summary![f]]).toEqual([f, item![f]]);
  for (const [code, row] of Object.entries(item!.rows)) {
    const packed = summary!.rows[code] ?? {};
    expect([packed.self ?? null, packed.appraised ?? null, packed.notApplicable === true]).toEqual([
      row.self ?? null,
      row.appraised ?? null,
      row.notApplicable === true,
    ]);
  }
  return { full, s };
}

/** An item's `pts` is exact: tagged with its version, of its framework, its `pl` and its own head fields. */
function expectExact(item: Record<string, any>) {
  const read = readSummary(item);
  expect(read).toBeDefined();
  expect(read!.fw.id).toBe(item.frameworkId);
  expect(read!.leaves).toBe(item.pl.join(''));
  expect(read!.head).toEqual(Object.fromEntries(SUMMARY_HEAD.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])));
}

type Send = (command: { constructor: { name: string } }) => Promise<unknown>;
/** Makes the next UpdateItem fail, before it reaches DynamoDB (`before`) or after it landed, its reply lost (`after`). */
function failNextUpdate(when: 'before' | 'after'): () => void {
  const db = (store as unknown as { db: { send: Send } }).db;
  const original = db.send;
  let done = false;
  db.send = async function (this: unknown, command) {
    if (!done && command.constructor.name === 'UpdateCommand') {
      done = true;
      if (when === 'before') throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
      await original.call(this, command);
      throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    }
    return original.call(this, command);
  } as Send;
  return () => {
    db.send = original;
  };
}

describe('the summary beside its assessment', () => {
  it('follows every save: scores, not-applicable, a score removed', async () => {
    const unit = 'thinh-duc';
    expect((await save(unit, { '1.1.1': { score: 0.5 }, '2.4.1': { score: 0.25 } })).status).toBe(200);
    expect((await save(unit, { '1.8.1': { notApplicable: true } })).status).toBe(200);
    expect((await save(unit, { '1.1.1': { score: null } })).status).toBe(200);
    const { s } = await expectAgrees(unit);
    expect(s.self.points).toBe(0.25);
  });

  it('holds after each failure a save can meet, and a retry lands once', async () => {
    const unit = 'mo-che';
    expect((await save(unit, { '2.4.1': { score: 0.25 } })).status).toBe(200);
    const before = await expectAgrees(unit);

    // The write refused before it reached the table: nothing changed, in either.
    let restore = failNextUpdate('before');
    try {
      expect((await save(unit, { '2.4.2': { score: 0.25 } })).status).toBe(500);
    } finally {
      restore();
    }
    const afterRefused = await expectAgrees(unit);
    expect(afterRefused.full.version).toBe(before.full.version);

    // The write landed but its reply was lost (the function died with it): both moved, together.
    restore = failNextUpdate('after');
    try {
      expect((await save(unit, { '2.4.2': { score: 0.25 } })).status).toBe(500);
    } finally {
      restore();
    }
    const afterLost = await expectAgrees(unit);
    expect(afterLost.full.version).toBe(before.full.version + 1);
    expect(afterLost.s.self.points).toBe(before.s.self.points + 0.25);

    // A crash right after the write, before the answer: the same.
    store.afterApply = async () => {
      throw new Error('crash');
    };
    try {
      expect((await save(unit, { '3.1.1': { score: 0.5 } })).status).toBe(500);
    } finally {
      store.afterApply = undefined;
    }
    const afterCrash = await expectAgrees(unit);
    expect(afterCrash.full.version).toBe(before.full.version + 2);
  });

  it('the audit record failing beside the write leaves the summary in step and the entries kept', async () => {
    const unit = 'ba-xuyen';
    expect((await save(unit, { '2.4.1': { score: 0.25 } })).status).toBe(200);
    const db = (store as unknown as { db: { send: Send } }).db;
    const original = db.send;
    db.send = function (this: unknown, command) {
      if (command.constructor.name === 'BatchWriteCommand') return Promise.reject(new Error('throttled'));
      return original.call(this, command);
    } as Send;
    try {
      expect((await save(unit, { '2.4.2': { score: 0.5 } })).status).toBe(500);
    } finally {
      db.send = original;
    }
    await expectAgrees(unit);
    // Neither change's entries are lost: the item still carries both until the next writer records them.
    expect((await save(unit, { '3.1.1': { score: 0.5 } })).status).toBe(200);
    const audit = (await api.get(`${assessmentPath(C, unit)}/audit`, province)).body as { code?: string }[];
    for (const code of ['2.4.1', '2.4.2', '3.1.1']) expect(audit.filter((e) => e.code === code)).toHaveLength(1);
    await expectAgrees(unit);
  });

  it('an item written before summaries existed is summarised on its first read, and saves keep it in step', async () => {
    const unit = 'tan-quang';
    expect((await save(unit, { '2.4.1': { score: 0.25 } })).status).toBe(200);
    const { districtId } = (await listed(unit)) as AssessmentSummary;
    const key = { pk: `CYCLE#${C}`, sk: `ASMT#${districtId}#${unit}` };
    const db = (store as unknown as { db: { send: (c: unknown) => Promise<any> } }).db;
    const { Item } = await db.send(new GetCommand({ TableName: store.table, Key: key }));
    const { pts: _p, pl: _l, gpk: _g, gsk: _s, ...legacy } = Item;
    await db.send(new PutCommand({ TableName: store.table, Item: legacy }));
    // Not in the index now: the list still shows it, from the item, and writes its summary.
    const shown = await listed(unit);
    expect(shown.self.points).toBe(0.25);
    const repaired = (await db.send(new GetCommand({ TableName: store.table, Key: key }))).Item;
    expectExact(repaired);
    expect(repaired.gpk).toBe(`CYCLE#${C}#${districtId}`);
    const figures = async () => (await store.listSummaries(C, [{ districtId, id: unit }])).find((x) => x.unitId === unit)!.rows;
    expect(await figures()).toEqual({ '2.4.1': { self: 25 } });

    // A save on a legacy item writes the whole summary in the same write.
    await db.send(new PutCommand({ TableName: store.table, Item: legacy }));
    expect((await save(unit, { '2.4.2': { score: 0.5 } })).status).toBe(200);
    expect(await figures()).toEqual({ '2.4.1': { self: 25 }, '2.4.2': { self: 50 } });
    await expectAgrees(unit);
  });

  for (const refresh of ['lands', 'fails'] as const)
    it(`two writers of different rows, the second landing between the first one's read and write, the first one's rewrite of its points ${refresh}: neither summary is shown stale`, async () => {
      const unit = refresh === 'lands' ? 'ba-hang' : 'thang-loi';
      expect((await save(unit, { '1.1.1': { score: 0.5 } })).status).toBe(200);
      const { full } = await expectAgrees(unit);
      const db = (store as unknown as { db: { send: Send } }).db;
      const original = db.send;
      let cut = false;
      let refused = 0;
      // The first save's write waits until another officer's save of another row has landed; then its
      // rewrite of `pts` (the only write of `pts` alone) lands, or fails as if the function stopped there.
      db.send = async function (this: unknown, command) {
        const input = (command as unknown as { input: { UpdateExpression?: string } }).input;
        if (!cut && command.constructor.name === 'UpdateCommand') {
          cut = true;
          const other = await save(unit, { '2.4.1': { score: 0.25 } });
          expect(other.status).toBe(200);
        } else if (cut && refresh === 'fails' && input.UpdateExpression === 'SET #P = :P') {
          refused++;
          throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
        }
        return original.call(this, command);
      } as Send;
      let answer: Awaited<ReturnType<typeof save>>;
      try {
        answer = await save(unit, { '1.2.1': { score: 0.5 } });
      } finally {
        db.send = original;
      }
      expect(answer.status).toBe(200);
      expect(cut).toBe(true);
      expect(refused).toBe(refresh === 'fails' ? 1 : 0);
      // The answer's totals count both writers' rows.
      expect((answer.body as { totals: { self: { points: number } } }).totals.self.points).toBe(1.25);
      const key = { pk: `CYCLE#${C}`, sk: `ASMT#${full.districtId}#${unit}` };
      const get = async () =>
        (
          await (db as unknown as { send: (c: unknown) => Promise<any> }).send(
            new GetCommand({ TableName: store.table, Key: key, ConsistentRead: true }),
          )
        ).Item;
      const item = await get();
      expect(item.version).toBe(full.version + 2);
      // Looked at before any list read (which would repair it as well): the first writer wrote `pts`
      // again, exact; or, stopped before, left it tagged behind the version, which no reader takes.
      if (refresh === 'lands') expectExact(item);
      else expect(item.pts.startsWith(`${item.version - 1}:`)).toBe(true);
      const after = await expectAgrees(unit);
      expect(after.s.self.points).toBe(1.25);
      const read = await get();
      expectExact(read);
    });

  it("a stale summary (its tag behind its item's version: a writer stopped before writing it again) is never shown: the item is read and the summary written again", async () => {
    const unit = 'bai-bong';
    expect((await save(unit, { '2.4.1': { score: 0.25 } })).status).toBe(200);
    const { full } = await expectAgrees(unit);
    const db = (store as unknown as { db: { send: (c: unknown) => Promise<any> } }).db;
    const key = { pk: `CYCLE#${C}`, sk: `ASMT#${full.districtId}#${unit}` };
    const { Item } = await db.send(new GetCommand({ TableName: store.table, Key: key }));
    // What a writer that raced another and stopped leaves: points without the other's row, tagged one version behind.
    const stale = `${Item.version - 1}${Item.pts.slice(Item.pts.indexOf(':'))}`;
    await db.send(new PutCommand({ TableName: store.table, Item: { ...Item, pts: stale } }));
    expect((await listed(unit)).self.points).toBe(0.25);
    const repaired = (await db.send(new GetCommand({ TableName: store.table, Key: key }))).Item;
    expect(repaired.pts).toBe(Item.pts);
    // A save on it takes the other rows' points from `pl`, and writes `pts` whole again.
    await db.send(new PutCommand({ TableName: store.table, Item: { ...Item, pts: stale } }));
    expect((await save(unit, { '2.4.2': { score: 0.5 } })).status).toBe(200);
    const after = await expectAgrees(unit);
    expect(after.s.self.points).toBe(0.75);
  });

  it('a row save reads only its rows whole: the other rows keep their texts, and such a read cannot write other rows', async () => {
    const unit = 'phuc-xuan';
    expect((await save(unit, { '1.1.1': { score: 0.5, explanation: 'Có kế hoạch số 12/KH-UBND' } })).status).toBe(200);
    expect((await save(unit, { '2.4.1': { score: 0.25 } })).status).toBe(200);
    const full = (await api.get(assessmentPath(C, unit), province)).body as AssessmentResponse;
    expect(full.items['1.1.1']).toMatchObject({ selfScore: 0.5, explanation: 'Có kế hoạch số 12/KH-UBND' });
    expect(full.items['2.4.1']!.selfScore).toBe(0.25);
    // A decision that touches a row it was not given whole is refused before anything is written.
    const before = await store.getAssessment(C, full.districtId, unit);
    await expect(
      store.update(
        C,
        full.districtId,
        unit,
        (a) => ({ next: { ...a, rows: { ...a.rows, '1.1.1': { ...a.rows['1.1.1'], self: 0 } } }, audit: [] }),
        { rows: ['2.4.1'] },
      ),
    ).rejects.toThrow(/cannot be written/);
    expect(await store.getAssessment(C, full.districtId, unit)).toEqual(before);
  });

  it('is small: a fully scored commune packs into under 800 B, index keys and head included', async () => {
    const unit = 'quyet-thang';
    const token = await api.token('commune_officer', unit);
    const leaves = await leavesOf(api, token);
    const items = Object.fromEntries(leaves.map((l) => [l.code, { score: l.max }]));
    expect((await save(unit, items)).status).toBe(200);
    const { full } = await expectAgrees(unit);
    const db = (store as unknown as { db: { send: (c: unknown) => Promise<any> } }).db;
    const key = { pk: `CYCLE#${C}`, sk: `ASMT#${full.districtId}#${unit}` };
    const { Item } = await db.send(new GetCommand({ TableName: store.table, Key: key }));
    const projected = Object.fromEntries(
      ['pk', 'sk', 'gpk', 'gsk', ...SUMMARY_FIELDS].filter((k) => Item[k] !== undefined).map((k) => [k, Item[k]]),
    );
    const size = JSON.stringify(projected).length;
    expect(size).toBeLessThan(800);
    expect(size * 8).toBeLessThan(JSON.stringify(Item).length);
    // Every row's score is in it.
    const rows = (await store.listSummaries(C, [{ districtId: full.districtId, id: unit }])).find((x) => x.unitId === unit)!.rows;
    expect(Object.keys(rows).sort()).toEqual(leaves.map((l) => l.code).sort());
    for (const l of leaves) expect(rows[l.code]!.self).toBe(Math.round(l.max * 100));
  });
});
