/**
 * Web figures, measured in headless Chromium against the local stack (web/build must be current;
 * `npm run bench` builds it first):
 *  1. gzip size of the JavaScript the self-assessment page loads, beside the sign-in page's;
 *  2. keystroke → totals updated with all 119 rows shown (keydown in a score field to the total's text
 *     changing, seen by a MutationObserver in the page), median of 30, beside the same measurement of
 *     a bare <input> echoing into a <span> on a blank page.
 */
import '../local/polyfills.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { startLocalStack } from '../local/stack.js';
import { launchChromium } from '../test/e2e/browser.js';
import type { BenchResult } from './types.js';

const KEYSTROKES = 30;
/** BENCH_CPU_THROTTLE=4 slows the page's CPU fourfold (DevTools' "low-end mobile") for a cheap-phone view. */
const THROTTLE = Number(process.env.BENCH_CPU_THROTTLE ?? 1);
const COMMUNE = 'phuc-xuan';

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

/**
 * Median ms from a digit's keydown in `inputSel` to the first mutation of `outputSel`. The field's text
 * is selected before each key, and the digits alternate so that every keystroke changes the output.
 */
async function keystrokeLatency(page: Page, inputSel: string, outputSel: string, digits: [string, string]): Promise<number> {
  await page.evaluate(
    ([outSel]) => {
      const w = window as unknown as { __t0: number; __lat: number[] };
      w.__lat = [];
      w.__t0 = -1;
      document.addEventListener(
        'keydown',
        (e) => {
          if (/^\d$/.test(e.key)) w.__t0 = performance.now();
        },
        true,
      );
      new MutationObserver(() => {
        if (w.__t0 >= 0) {
          w.__lat.push(performance.now() - w.__t0);
          w.__t0 = -1;
        }
      }).observe(document.querySelector(outSel!)!, { childList: true, characterData: true, subtree: true });
    },
    [outputSel],
  );
  if (THROTTLE > 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  const input = page.locator(inputSel);
  await input.focus();
  for (let i = 0; i < KEYSTROKES + 2; i++) {
    await input.evaluate((el) => (el as HTMLInputElement).select());
    await page.keyboard.press(digits[i % 2]!);
    await page.waitForFunction((n) => (window as unknown as { __lat: number[] }).__lat.length >= n, i + 1, { timeout: 5000 });
  }
  const lat = (await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat)).slice(2); // first two warm up
  lat.sort((a, b) => a - b);
  return lat[Math.floor(lat.length / 2)]!;
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
    await page.goto(formUrl);
    await page.getByRole('button', { name: 'Mở tất cả lĩnh vực' }).click();
    await page.locator('#s-8-5-2').waitFor();
    const rows = await page.locator('input[name^="score-"]').count();
    if (rows !== 119) throw new Error(`expected 119 score fields on the page, found ${rows}`);
    const formMs = await keystrokeLatency(page, '#s-1-1-1', '[data-testid="total-points"]', ['1', '0']);

    const blank = await ctx.newPage();
    await blank.setContent('<input id="i"><span id="o"></span><script>i.oninput = () => (o.textContent = i.value);</script>');
    const blankMs = await keystrokeLatency(blank, '#i', '#o', ['1', '0']);
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
      {
        name: `Gõ phím → tổng điểm cập nhật (119 dòng hiển thị, trung vị 30 lần${THROTTLE > 1 ? `, CPU chậm ×${THROTTLE}` : ''})`,
        value: formMs,
        unit: 'ms',
        baseline: { name: 'ô nhập trơn ghi vào <span> trên trang trắng', value: blankMs },
        goal: '≤ 16 ms',
        met: formMs <= 16,
      },
    ];
  } finally {
    await chromium.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
