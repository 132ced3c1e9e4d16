/**
 * An invocation that outlives its function's timeout stops, as the Lambda runtime stops it: the answer
 * is the timeout's, and none of its later DynamoDB or S3 requests is sent (functions/lib/invocation.ts).
 * In one process serving many invocations (the local stack) such work would otherwise land after its
 * answer and compete with the invocations still in time. The only mock forces what dynalite cannot do
 * on demand: a database that answers slower than the function's time.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../functions/lib/store.js';
import { Api, assessmentPath, expectUnchanged, handlersStore, seededCycleId, snapshot, startTestStack } from '../support/api.js';

const TIMEOUT_MS = 2000;
const C = seededCycleId();
let env: Awaited<ReturnType<typeof startTestStack>>;
let api: Api;
let store: Store;

beforeAll(async () => {
  env = await startTestStack({ functionTimeoutMs: TIMEOUT_MS });
  api = env.api;
  store = await handlersStore();
});
afterAll(async () => {
  await env?.stack.stop();
  if (env) rmSync(env.dataDir, { recursive: true, force: true });
});

type Send = (command: unknown) => Promise<unknown>;

describe('an invocation past its time', () => {
  it('answers 500 INTERNAL and never writes: a save whose write would only start after the timeout changes nothing', async () => {
    const unit = 'phuc-xuan';
    const officer = await api.token('commune_officer', unit);
    const before = await snapshot(api, officer, C, unit);
    const db = (store as unknown as { db: { send: Send } }).db;
    const original = db.send;
    let delayed = 0;
    const finished: Promise<unknown>[] = [];
    // Every write of the save waits past the function's time before it goes to the client (whose
    // requests check the invocation's time first, as in AWS the runtime would have stopped it).
    db.send = async function (this: unknown, command: unknown) {
      const name = (command as object).constructor.name;
      if (name === 'UpdateCommand' || name === 'PutCommand' || name === 'BatchWriteCommand') {
        delayed++;
        const late = new Promise((r) => setTimeout(r, TIMEOUT_MS + 300)).then(() => original.call(this, command));
        finished.push(late.catch(() => undefined));
        return late;
      }
      return original.call(this, command);
    } as Send;
    let r;
    try {
      r = await api.request('PUT', `${assessmentPath(C, unit)}/self`, {
        token: officer,
        body: { version: before.assessment.version, items: { '1.1.1': { score: 0.5 } } },
      });
      // Every delayed write has gone to the client (and been refused there) before anything is looked at.
      await Promise.all(finished);
    } finally {
      db.send = original;
    }
    expect(delayed).toBeGreaterThan(0);
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('INTERNAL');
    await expectUnchanged(api, officer, before);
    // In time, the same save lands.
    const again = await api.request('PUT', `${assessmentPath(C, unit)}/self`, {
      token: officer,
      body: { version: before.assessment.version, items: { '1.1.1': { score: 0.5 } } },
    });
    expect(again.status).toBe(200);
    expect((await snapshot(api, officer, C, unit)).assessment.version).toBe(before.assessment.version + 1);
  });
});
