/**
 * The API reference page (/tai-lieu-api/index.html, Swagger UI from swagger-ui-dist, offline) renders
 * the API's own generated document in a real browser: grouped by area of work (one group per file of
 * shared/api, not by Lambda), every operation of the table listed with its Vietnamese summary, an
 * intro that names no internal path; the time to the first paint is printed (issue 21 item 29).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { ENDPOINTS, LOCAL_ENDPOINTS } from '../../shared/api/index.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';

const WEB_BUILD = resolve(import.meta.dirname, '../../web/build/tai-lieu-api/swagger-ui-bundle.js');
let stack: LocalStack;
let chromium: LaunchedBrowser;
let dataDir: string;

beforeAll(async () => {
  if (!existsSync(WEB_BUILD)) throw new Error('web/build has no API reference page: run `npm run build:web` first');
  dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-docs-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: false });
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('lists every operation of the contract by area, with its Vietnamese summary, read from /api/openapi.json', async () => {
  const page = await chromium.browser.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname + new URL(r.url()).search));
  // Its time is in `npm run bench` (bench/apidocs.ts). It reads the OpenAPI 3.0 rendition: Swagger UI's
  // processing of a 3.1 document (ApiDOM) was most of the page's time.
  await page.goto(`${stack.url}/tai-lieu-api/index.html`);
  await page.locator('.opblock-tag').first().waitFor();
  expect(requested).toContain('/api/openapi.json?format=3.0');
  expect(await page.locator('html').getAttribute('lang')).toBe('vi');

  // Groups: the areas, not the Lambdas.
  const doc = (await (await fetch(`${stack.url}/api/openapi.json`)).json()) as {
    info: { description: string };
    tags: { name: string }[];
  };
  const areas = doc.tags.map((t) => t.name);
  expect(areas).toHaveLength(7);
  const tags = await page.locator('.opblock-tag').evaluateAll((els) => els.map((e) => e.getAttribute('data-tag')));
  expect(tags).toEqual(areas);
  const lambdas = [...new Set(Object.values(ENDPOINTS).map((e) => e.group))];
  expect(tags.filter((t) => lambdas.includes(t as never))).toEqual([]);
  // The intro names no file or folder of the code.
  const intro = await page.locator('.information-container').innerText();
  expect(intro).toContain('Chỉ số CCHC');
  expect(`${intro} ${doc.info.description}`).not.toMatch(/shared\/|functions\/|web\/|\.ts\b/);

  // Opened one by one, each area lists its operations: every path of the table is there, each under
  // its Vietnamese summary.
  for (const tag of tags) await page.locator(`.opblock-tag[data-tag="${tag}"]`).click();
  await expect
    .poll(() => page.locator('.opblock').count())
    .toBe(Object.keys(ENDPOINTS).length + Object.keys(LOCAL_ENDPOINTS).length);
  const shown = await page.locator('.opblock').evaluateAll((els) =>
    els.map((el) => ({
      path: el.querySelector('.opblock-summary-path')!.textContent!.replace(/\u200b/g, ''),
      summary: el.querySelector('.opblock-summary-description')?.textContent ?? '',
    })),
  );
  const all = [...Object.values(ENDPOINTS), ...Object.values(LOCAL_ENDPOINTS)];
  expect(all.filter((e) => !shown.some((s) => s.path === e.path && s.summary === e.summaryVi)).map((e) => e.path)).toEqual([]);
  await page.close();
});
