/**
 * The local stack's invocation slots (local/slots.ts) and the router's use of them (local/server.ts):
 * at most N invocations at once, the others in arrival order, and a request whose time runs out while
 * it waits answers 503 without its function ever running. The handlers here are the router's own
 * test doubles (they record when they run); no AWS part is involved.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Slots } from '../../local/slots.js';
import { createLocalServer, DEFAULT_CONCURRENCY, type LambdaHandler } from '../../local/server.js';
import { concurrencyFromEnv } from '../../local/stack.js';
import type { FunctionName } from '../../functions/routes.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Slots', () => {
  it('runs at most `size` at once and hands each freed slot to the earliest waiter', async () => {
    const slots = new Slots(2);
    const started: string[] = [];
    const take = (name: string, ms = 10_000) =>
      slots.take(ms).then((ok) => {
        if (ok) started.push(name);
        return ok;
      });
    const all = [take('a'), take('b'), take('c'), take('d')];
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect(slots.load).toEqual({ running: 2, waiting: 2 });
    slots.release();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    slots.release();
    await tick();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    expect(await Promise.all(all)).toEqual([true, true, true, true]);
    slots.release();
    slots.release();
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
  });

  it('a waiter whose time runs out is refused and never started; the slot goes to the next one', async () => {
    const slots = new Slots(1);
    expect(await slots.take(1000)).toBe(true);
    const late = slots.take(20);
    const next = slots.take(10_000);
    expect(await late).toBe(false);
    slots.release();
    expect(await next).toBe(true);
    expect(slots.load).toEqual({ running: 1, waiting: 0 });
    // No time left at all: refused at once when every slot is taken.
    expect(await slots.take(0)).toBe(false);
    slots.release();
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
    // A free slot is taken whatever the time.
    expect(await slots.take(0)).toBe(true);
  });

  it('refuses a size that is not a whole number ≥ 1', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => new Slots(n)).toThrow();
  });
});

describe('the local router with one slot', () => {
  let server: ReturnType<typeof createLocalServer> | undefined;
  afterEach(async () => {
    await new Promise((r) => server?.close(r));
    server = undefined;
  });

  async function start(handler: LambdaHandler, functionTimeoutMs: number) {
    const handlers = { 'manage-cycles': handler } as Record<FunctionName, LambdaHandler | undefined>;
    server = createLocalServer({
      handlers,
      localRoutes: {},
      jwtSecret: 'x',
      webDir: '/nonexistent',
      config: {},
      functionTimeoutMs,
      concurrency: 1,
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`;
  }

  it('runs requests one after the other, in arrival order', async () => {
    const log: string[] = [];
    let n = 0;
    const url = await start(async () => {
      const i = n++;
      log.push(`start ${i}`);
      await new Promise((r) => setTimeout(r, 30));
      log.push(`end ${i}`);
      return { statusCode: 200, body: '{"status":"ok"}' };
    }, 5000);
    const answers = await Promise.all([0, 1, 2].map(() => fetch(url).then((r) => r.status)));
    expect(answers).toEqual([200, 200, 200]);
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('a request whose time runs out while it waits answers 503 and its function never runs; the next one in time runs', async () => {
    let ran = 0;
    const url = await start(async () => {
      ran++;
      await new Promise((r) => setTimeout(r, 400));
      return { statusCode: 200, body: '{"status":"ok"}' };
    }, 200);
    const first = fetch(url);
    await new Promise((r) => setTimeout(r, 20));
    const second = await fetch(url);
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(await second.json()).toEqual({
      error: { code: 'INTERNAL', message: 'Hệ thống đang quá tải; vui lòng thử lại sau giây lát.' },
    });
    expect((await first).status).toBe(200);
    expect(ran).toBe(1);
    expect((await fetch(url)).status).toBe(200);
    expect(ran).toBe(2);
  });
});

describe('LOCAL_CONCURRENCY', () => {
  it('defaults to 8, takes a whole number ≥ 1 and refuses anything else', () => {
    expect(concurrencyFromEnv(undefined)).toBe(DEFAULT_CONCURRENCY);
    expect(DEFAULT_CONCURRENCY).toBe(8);
    expect(concurrencyFromEnv('')).toBe(DEFAULT_CONCURRENCY);
    expect(concurrencyFromEnv('3')).toBe(3);
    for (const bad of ['0', '-2', '1.5', 'tám', '1e400'])
      expect(() => concurrencyFromEnv(bad)).toThrow(`LOCAL_CONCURRENCY=${bad}: cần một số nguyên ≥ 1`);
  });
});
