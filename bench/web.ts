/**
 * Web figures, measured in headless Chromium against the local stack (web/build must be current;
 * `npm run bench` builds it first):
 *  1. gzip size of the JavaScript the self-assessment page loads, beside the sign-in page's;
 *  2. a score entered → totals updated the way an official meets it: every area open (119 rows), real
 *     key events typed into one score field after another (click, select all, a digit, Enter: the form
 *     takes a score once the official has finished with the field) with a person's pauses between them,
 *     so the autosave queue really sends to the local stack while typing goes on. Each sample runs from
 *     the Enter's keydown timestamp (so time spent waiting behind a save's answer
 *     counts) to the totals bar's text changing and being laid out (a MutationObserver in the page
 *     reads the layout), and on to the next frame (requestAnimationFrame, then a message: after its
 *     paint). p50 and p95 of 120 samples, each beside the same measurement of a bare <input> echoing
 *     into a <span> on a blank page.
 */
import '../local/polyfills.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { startLocalStack } from '../local/stack.js';
import { getFramework } from '../shared/framework-registry.js';
import { launchChromium } from '../test/e2e/browser.js';
import { percentile } from './local-process.js';
import type { BenchResult } from './types.js';

/** Rows typed into (two keystrokes each: 1 then 0, so that every keystroke moves the total). */
const ROWS = 60;
const WARMUP = 4;
/** A person's pauses after a keystroke (ms), cycled: the longer ones let the 700 ms autosave fire mid-walk. */
const PAUSES = [180, 320, 950, 240, 600, 1200, 150, 420];
/** BENCH_CPU_THROTTLE=4 slows the page's CPU fourfold (DevTools' "low-end mobile") for a cheap-phone view. */
const THROTTLE = Number(process.env.BENCH_CPU_THROTTLE ?? 1);
/** A commune of the current (tn-2025) organisation, which the seeded open cycle runs in. */
const COMMUNE = 'phan-dinh-phung';

/** Sum of gzip sizes of the same-origin JS files the page requests until `ready` resolves. */
async function jsGzipBytes(context: BrowserContext, url: string, ready: (p: Page) => Promise<unknown>): Promise<number> {
  const page = await context.newPage();
  const pending: Promise<number>[] = [];
  const seen = new Set<string>();
  page.on('response', (res) => {
    const u = new URL(res.url());
    if (!u.pathname.endsWith('.js') || !res.url().startsWith(new URL(url).origin) || seen.has(u.pathname)) return;
    seen.add(u.pathname);
    pending.push(res.body().then((b) => gzipSync(b, { level: 9 }).length));
  });
  await page.goto(url);
  await ready(page);
  await page.waitForLoadState('networkidle');
  const sizes = await Promise.all(pending);
  await page.close();
  return sizes.reduce((a, b) => a + b, 0);
}

interface Latency {
  /** keydown → the output's text changed and laid out. */
  text: number[];
  /** keydown → the frame showing it was painted. */
  frame: number[];
}

/**
 * Types into each field of `inputs` in turn as a person does (click, Ctrl+A, "1", pause, Ctrl+A, "0",
 * pause) and times each entry from its keydown to `outputSel`'s next change. A keystroke that changes
 * nothing would never be seen, so the caller gives fields that take 1 and 0. `commitKey`: the form
 * takes a score only once the official has finished with the field (Enter, blur or a 1,5 s pause; issue
 * 21 item 1: a keystroke never moves the totals, which once counted "0" while "0,75" was being typed),
 * so there each digit is followed by Enter and timed from the Enter's keydown; the bare input echoes
 * every keystroke and is timed from the digit's.
 */
async function typingLatency(
  page: Page,
  inputs: string[],
  outputSel: string,
  pauses: number[],
  commitKey?: 'Enter',
): Promise<Latency> {
  await page.evaluate(
    ([outSel, key]) => {
      const w = window as unknown as { __t0: number; __text: number[]; __frame: number[] };
      w.__text = [];
      w.__frame = [];
      w.__t0 = -1;
      document.addEventListener(
        'keydown',
        (e) => {
          if (key ? e.key === key : /^\d$/.test(e.key)) w.__t0 = e.timeStamp;
        },
        true,
      );
      new MutationObserver(() => {
        const t0 = w.__t0;
        if (t0 < 0) return;
        w.__t0 = -1;
        // The layout the next frame needs anyway, done now so that its cost is counted here.
        void document.body.offsetHeight;
        w.__text.push(performance.now() - t0);
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => w.__frame.push(performance.now() - t0);
          ch.port2.postMessage(0);
        });
      }).observe(document.querySelector(outSel)!, { childList: true, characterData: true, subtree: true });
    },
    [outputSel, commitKey ?? ''] as const,
  );
  if (THROTTLE > 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  let n = 0;
  for (let i = 0; i < inputs.length; i++) {
    await page.locator(inputs[i]!).click();
    for (const digit of ['1', '0']) {
      await page.keyboard.press('Control+A');
      await page.keyboard.press(digit);
      if (commitKey) await page.keyboard.press(commitKey);
      n++;
      await page.waitForFunction((k) => (window as unknown as { __frame: number[] }).__frame.length >= k, n, { timeout: 5000 });
      await page.waitForTimeout(pauses[n % pauses.length]!);
    }
  }
  const r = await page.evaluate(() => {
    const w = window as unknown as { __text: number[]; __frame: number[] };
    return { text: w.__text, frame: w.__frame };
  });
  const sorted = (a: number[]) => a.slice(WARMUP).sort((x, y) => x - y);
  return { text: sorted(r.text), frame: sorted(r.frame) };
}

export async function run(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bench-web-'));
  const stack = await startLocalStack({ port: 0, dataDir, seed: true });
  const chromium = await launchChromium();
  try {
    const { token } = (await (
      await fetch(`${stack.url}/api/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'commune_officer', unitId: COMMUNE, name: 'Đo hiệu năng' }),
      })
    ).json()) as { token: string };
    const cycles = (await (await fetch(`${stack.url}/api/cycles`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      id: string;
      status: string;
    }[];
    const cycleId = cycles.find((c) => c.status === 'OPEN')!.id;
    const formUrl = `${stack.url}/danh-gia/${cycleId}/${COMMUNE}`;

    const anon = await chromium.browser.newContext();
    const signInJs = await jsGzipBytes(anon, `${stack.url}/dang-nhap`, (p) => p.locator('#role').waitFor());
    await anon.close();

    const ctx = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.addInitScript((t) => sessionStorage.setItem('cchc.token', t), token);
    const formJs = await jsGzipBytes(ctx, formUrl, (p) => p.getByTestId('total-points').waitFor());

    const page = await ctx.newPage();
    let saves = 0;
    page.on('response', (res) => {
      if (res.request().method() === 'PUT' && res.url().endsWith('/self') && res.status() === 200) saves++;
    });
    await page.goto(formUrl);
    await page.getByRole('button', { name: 'Mở tất cả lĩnh vực' }).click();
    await page.locator('#s-8-5-2').waitFor();
    const rows = await page.locator('input[name^="score-"]').count();
    if (rows !== 119) throw new Error(`expected 119 score fields on the page, found ${rows}`);
    const { frameworkId } = (await (
      await fetch(`${stack.url}/api/cycles/${cycleId}/assessments/${COMMUNE}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { frameworkId: string };
    // Rows worth at least 1 point take both digits; spread over every area, top to bottom.
    const fields = getFramework(frameworkId)!
      .leaves.filter((l) => l.max >= 100)
      .map((l) => `#s-${l.code.replace(/\./g, '-')}`);
    const walk = Array.from({ length: ROWS }, (_, i) => fields[Math.floor((i * fields.length) / ROWS)]!);
    const form = await typingLatency(page, walk, '[data-testid="total-points"]', PAUSES, 'Enter');
    await page
      .getByTestId('save-status')
      .filter({ hasText: /Đã lưu lúc/ })
      .waitFor({ timeout: 15_000 })
      .catch(async (e: unknown) => {
        throw new Error(`the form never said it saved; it says: ${await page.getByTestId('save-status').allInnerTexts()}`, {
          cause: e,
        });
      });
    if (saves < 5) throw new Error(`the autosave sent only ${saves} saves during the walk`);

    const blank = await ctx.newPage();
    await blank.setContent('<input id="i"><span id="o"></span><script>i.oninput = () => (o.textContent = i.value);</script>');
    const bare = await typingLatency(
      blank,
      Array.from({ length: ROWS }, () => '#i'),
      '#o',
      [100],
    );
    await ctx.close();

    const kb = (n: number) => n / 1024;
    return [
      {
        name: 'JavaScript của trang tự đánh giá (gzip)',
        value: kb(formJs),
        unit: 'KB',
        baseline: { name: 'trang đăng nhập, cùng bản dựng', value: kb(signInJs) },
        goal: '≤ 150 KB',
        met: kb(formJs) <= 150,
      },
      ...(
        [
          ['p95', 95, 'text'],
          ['p50', 50, 'text'],
          ['p95', 95, 'frame'],
          ['p50', 50, 'frame'],
        ] as const
      ).map(([label, p, kind]): BenchResult => {
        const value = percentile(form[kind], p);
        const toFrame = kind === 'frame';
        return {
          name:
            `Gõ điểm, Enter → tổng điểm ${toFrame ? 'hiện trên khung hình kế tiếp' : 'cập nhật'} — ${label} ` +
            `(119 dòng mở, gõ thật vào ${ROWS} ô, tự lưu chạy: ${saves} lần lưu; ${form[kind].length} lần gõ` +
            `${THROTTLE > 1 ? `, CPU chậm ×${THROTTLE}` : ''})`,
          value,
          unit: 'ms',
          baseline: { name: `ô nhập trơn ghi vào <span> trên trang trắng, ${label}`, value: percentile(bare[kind], p) },
          // The issue's goal is the p95 to the totals' update. A frame also waits for the display's next
          // tick (up to 16,7 ms at 60 Hz) whatever the page does, so that figure is for reference.
          goal: kind === 'text' && p === 95 ? '≤ 16 ms' : toFrame ? 'tham khảo (gồm chờ khung hình)' : 'tham khảo',
          met: kind !== 'text' || p !== 95 || value <= 16,
        };
      }),
    ];
  } finally {
    await chromium.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
