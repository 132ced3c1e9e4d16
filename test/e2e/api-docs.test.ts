/**
 * The API reference page (/tai-lieu-api, the app's own route; issue 21 item 29) renders the API's own
 * OpenAPI 3.1 document in a real browser: grouped by area of work (the document's tags, not the
 * Lambdas), every operation of the table listed under its area with its Vietnamese summary, local-only
 * ones marked, an intro that names no code path, usable at 360 px. The old addresses land on it, and
 * Swagger UI stays as the full viewer at /tai-lieu-api/swagger.html (reading the 3.0 rendition).
 * Its time is the bench's (bench/apidocs.ts).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { ENDPOINTS, LOCAL_ENDPOINTS } from '../../shared/api/index.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';

const BUILD = resolve(import.meta.dirname, '../../web/build');
let stack: LocalStack;
let chromium: LaunchedBrowser;
let dataDir: string;

beforeAll(async () => {
  for (const f of ['200.html', 'tai-lieu-api/swagger.html', 'tai-lieu-api/swagger-ui-bundle.js'])
    if (!existsSync(join(BUILD, f))) throw new Error(`web/build has no ${f}: run \`npm run build:web\` first`);
  dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-docs-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: false });
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const all = [...Object.values(ENDPOINTS), ...Object.values(LOCAL_ENDPOINTS)];
const localPaths = Object.values(LOCAL_ENDPOINTS).map((e) => `${e.method} ${e.path}`);

it('lists every operation of the contract by area, with its Vietnamese summary, read from /api/openapi.json', async () => {
  const page = await chromium.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname + new URL(r.url()).search));
  await page.goto(`${stack.url}/tai-lieu-api`);
  await page.locator('details.area').first().waitFor();
  expect(requested).toContain('/api/openapi.json');
  expect(requested.filter((r) => r.includes('swagger'))).toEqual([]);
  expect(await page.locator('html').getAttribute('lang')).toBe('vi');

  // Groups: the document's tags in order, not the Lambdas.
  const doc = (await (await fetch(`${stack.url}/api/openapi.json`)).json()) as {
    info: { description: string };
    tags: { name: string }[];
  };
  const areas = doc.tags.map((t) => t.name);
  expect(areas).toHaveLength(8);
  const tags = await page.locator('details.area').evaluateAll((els) => els.map((e) => e.getAttribute('data-tag')));
  expect(tags).toEqual(areas);
  const lambdas = [...new Set(all.map((e) => e.group))];
  expect(tags.filter((t) => lambdas.includes(t as never))).toEqual([]);

  // The intro is Vietnamese and names no file or folder of the code; Swagger UI is linked.
  const intro = await page.getByTestId('api-intro').innerText();
  expect(intro).toContain('Chỉ số CCHC');
  expect(intro).not.toMatch(/shared\/|functions\/|web\/|local\/|\.ts\b|src\//);
  expect(doc.info.description).not.toMatch(/shared\/|functions\/|web\/|\.ts\b/);
  expect(await page.getByRole('link', { name: 'Swagger UI' }).getAttribute('href')).toBe('/tai-lieu-api/swagger.html');

  // Every operation of the table, under its area, with its Vietnamese summary and the English beside.
  const shown = await page.locator('details.area').evaluateAll((els) =>
    els.flatMap((area) =>
      [...area.querySelectorAll('li.op')].map((li) => ({
        area: area.getAttribute('data-tag'),
        key: `${li.getAttribute('data-method')} ${li.getAttribute('data-path')}`,
        vi: li.querySelector('.vi')?.textContent ?? '',
        en: li.querySelector('.en')?.textContent ?? '',
        local: !!li.querySelector('[data-testid="local-only"]'),
      })),
    ),
  );
  expect(shown).toHaveLength(all.length);
  const tagOf = await (async () => {
    const d = (await (await fetch(`${stack.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { tags: string[] }>>;
    };
    return (e: { method: string; path: string }) => d.paths[e.path]![e.method.toLowerCase()]!.tags[0];
  })();
  const missing = all.filter(
    (e) =>
      !shown.some((s) => s.key === `${e.method} ${e.path}` && s.vi === e.summaryVi && s.en === e.summary && s.area === tagOf(e)),
  );
  expect(missing.map((e) => `${e.method} ${e.path}`)).toEqual([]);
  expect(shown.filter((s) => s.local).map((s) => s.key)).toEqual(localPaths);

  // Keyboard: an area and an operation open with Enter; the operation says who may call it, its
  // success and error statuses with their codes, and shows its schemas' JSON.
  const area = page.locator('details.area').nth(1).locator('> summary');
  await area.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('details.area').nth(1).getAttribute('open')).toBe('');
  const op = page.locator('details.area').nth(1).locator('li.op details').first();
  await op.locator('> summary').focus();
  await page.keyboard.press('Enter');
  await op.locator('dl').waitFor();
  const text = await op.innerText();
  expect(text).toContain('Người được phép gọi');
  expect(text).toMatch(/Thành công\s+20[014]/);
  expect(text).toMatch(/401\s+UNAUTHENTICATED/);
  const schema = op.locator('details.schema').first();
  await schema.locator('> summary').click();
  expect(JSON.parse(await schema.locator('> pre').innerText())).toBeTypeOf('object');
  expect(errors).toEqual([]);
  await page.close();
});

it('fits a 360 px screen with every area open, and the old addresses land on it', async () => {
  const ctx = await chromium.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const path of ['/tai-lieu-api/', '/tai-lieu-api/index.html']) {
    await page.goto(`${stack.url}${path}`);
    await page.locator('details.area').first().waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/tai-lieu-api\/?$/);
  }
  // Everything open: the areas, every operation, every schema.
  await page.locator('details').evaluateAll((els) => els.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await page.locator('details.schema').first().waitFor();
  await page.locator('details').evaluateAll((els) => els.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
  expect(errors).toEqual([]);
  await ctx.close();
});

it('keeps Swagger UI as the full viewer at /tai-lieu-api/swagger.html, reading the OpenAPI 3.0 rendition', async () => {
  const page = await chromium.browser.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname + new URL(r.url()).search));
  await page.goto(`${stack.url}/tai-lieu-api/swagger.html`);
  await page.locator('.opblock-tag').first().waitFor({ timeout: 30_000 });
  expect(requested).toContain('/api/openapi.json?format=3.0');
  expect(await page.locator('.opblock-tag').count()).toBe(8);
  await page.close();
});
