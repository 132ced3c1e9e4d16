/**
 * The API reference page (/tai-lieu-api/index.html, Swagger UI from swagger-ui-dist, offline) renders
 * the API's own generated document in a real browser: every operation of the table is listed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { ENDPOINTS } from '../../shared/api/index.js';
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

it('lists every operation of the contract, read from /api/openapi.json', async () => {
  const page = await chromium.browser.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${stack.url}/tai-lieu-api/index.html`);
  await page.locator('.opblock').first().waitFor();
  expect(requested).toContain('/api/openapi.json');
  // Swagger UI shows each operation's path; every path of the table is on the page.
  const paths = new Set(await page.locator('.opblock-summary-path').allInnerTexts());
  const expected = Object.values(ENDPOINTS).map((e) => e.path);
  expect(expected.filter((p) => ![...paths].some((shown) => shown.replace(/\u200b/g, '') === p))).toEqual([]);
  expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  await page.close();
});
