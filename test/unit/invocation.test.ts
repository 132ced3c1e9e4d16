/** functions/lib/invocation.ts: an invocation's time, its pending writes and its log keys. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeDocumentClient } from '../../functions/lib/clients.js';
import { beforeAnswer, InvocationEnded, runInvocation, settle } from '../../functions/lib/invocation.js';
import { Logger } from '../../functions/lib/logger.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an invocation', () => {
  afterEach(() => vi.restoreAllMocks());

  it('past its time sends no AWS request: the command is refused before the endpoint is reached; in time it goes out', async () => {
    // Nothing listens on port 9: a request that goes out fails to connect.
    const db = makeDocumentClient('http://127.0.0.1:9');
    const get = () => db.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));
    await expect(runInvocation(-1, get)).rejects.toBeInstanceOf(InvocationEnded);
    const inTime = await runInvocation(60_000, get).catch((e: Error) => e);
    expect(inTime).not.toBeInstanceOf(InvocationEnded);
    expect(String((inTime as Error & { code?: string }).code ?? (inTime as Error).message)).toMatch(/ECONNREFUSED/);
    // Outside any invocation (module start, the state machine's tasks) nothing is refused.
    const outside = await get().catch((e: Error) => e);
    expect(outside).not.toBeInstanceOf(InvocationEnded);
  });

  it('answers only after its pending writes, which fail no answer; outside one the caller waits and sees the failure', async () => {
    const order: string[] = [];
    const answered = runInvocation(60_000, async () => {
      await beforeAnswer(sleep(30).then(() => void order.push('repair')));
      await beforeAnswer(Promise.reject(new Error('throttled')));
      order.push('work done');
      await settle();
      order.push('answer');
      return 'ok';
    });
    await expect(answered).resolves.toBe('ok');
    expect(order).toEqual(['work done', 'repair', 'answer']);
    await expect(beforeAnswer(Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
  });

  it('keeps its own log keys: two at once never log each other’s route or unit', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((l) => (lines.push(String(l)), true));
    const log = new Logger('test', 'info');
    const one = (unit: string, wait: number) =>
      runInvocation(60_000, async () => {
        log.resetKeys();
        log.appendKeys({ unit });
        await sleep(wait);
        log.info('done');
      });
    await Promise.all([one('a', 30), one('b', 5)]);
    const logged = lines.map((l) => JSON.parse(l) as { unit: string; message: string });
    expect(logged.map((l) => l.unit).sort()).toEqual(['a', 'b']);
    // Outside an invocation the logger's own keys are used.
    log.appendKeys({ unit: 'module' });
    log.info('start');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ unit: 'module', message: 'start' });
  });
});
