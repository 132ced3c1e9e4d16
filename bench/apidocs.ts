/**
 * The API reference page (/tai-lieu-api, the app's own route over the OpenAPI 3.1 document) in headless
 * Chromium: from navigation to its areas listed, median of 5 fresh pages (cold browser cache each), on a
 * warm server. The baseline is Swagger UI (swagger-ui-dist, now at /tai-lieu-api/swagger.html, reading
 * the 3.0 rendition) measured the same way in the same run: what the page was. Goal: 1.5 s (issue 21
 * item 29).
 */
import '../local/polyfills.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack } from '../local/stack.js';
import { launchChromium } from '../test/e2e/browser.js';
import { percentile } from './local-process.js';
import type { BenchResult } from './types.js';

const RUNS = 5;
const GOAL_MS = 1500;

export async function run(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bench-docs-'));
  const stack = await startLocalStack({ port: 0, dataDir, seed: false });
  const chromium = await launchChromium();
  try {
    // Warm the server's document cache (both renditions) before any timing.
    await fetch(`${stack.url}/api/openapi.json`);
    await fetch(`${stack.url}/api/openapi.json?format=3.0`);
    const time = async (path: string, listed: string) => {
      const ctx = await chromium.browser.newContext();
      const page = await ctx.newPage();
      const started = Date.now();
      await page.goto(`${stack.url}${path}`);
      await page.locator(listed).first().waitFor({ timeout: 60_000 });
      const ms = Date.now() - started;
      await ctx.close();
      return ms;
    };
    const now: number[] = [];
    const before: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      now.push(await time('/tai-lieu-api', 'details.area'));
      before.push(await time('/tai-lieu-api/swagger.html', '.opblock-tag'));
    }
    const med = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    const value = med(now);
    return [
      {
        name: 'Trang tài liệu API: từ khi mở đến khi hiện các nhóm (trung vị 5 lần)',
        value,
        unit: 'ms',
        baseline: { name: 'Swagger UI (swagger-ui-dist) trên cùng máy', value: med(before) },
        goal: `≤ ${GOAL_MS} ms`,
        met: value <= GOAL_MS,
      },
    ];
  } finally {
    await chromium.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
