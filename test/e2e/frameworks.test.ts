/**
 * Authoring a criteria framework in a real browser (issue 22 items 3 and 6) against the local stack
 * (`npm run build:web` must have run), on a data directory of its own (no cycle: every year is free).
 * The Sở Nội vụ copies Decision 4203, edits a row's title, turns a leaf into a choice row, adds a bonus
 * group, moves a row with the keyboard and undoes it, saves; a sum made inconsistent on purpose is
 * refused at activation with the problem leading to its row; once fixed it activates, cannot be PUT any
 * more (409), and a cycle opens with it on /mo-ky. An exported file imported on the list page gives a
 * new draft with the same rows. Other roles are told the screen is the province's.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import { apiClient } from './ranking-data.js';
import { definitionOfResponse } from '../../shared/frameworks/convert.js';
import type { FrameworkResponse, WireNode } from '../../shared/frameworks/wire.js';
import type { Cycle } from '../../shared/schemas.js';

const WEB_BUILD = resolve(import.meta.dirname, '../../web/build/200.html');
const SHOTS = process.env.SCREENSHOT_DIR;
const PROVINCE = 'thai-nguyen';
const SOURCE = 'thai-nguyen-4203-2021';
const TITLE = 'Bộ tiêu chí thử nghiệm 2029';
/** No cycle exists in this test's data directory; a year far from today's keeps clear of any default. */
const YEAR = 2029;

let stack: LocalStack;
let chromium: LaunchedBrowser;
let dataDir: string;
let draftId = '';

const ctxOpts = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN', acceptDownloads: true };
const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function fitsPhone(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForTimeout(100);
  expect(await pageWidth(page)).toBeLessThanOrEqual(360);
  await shot(page, `${name}-360`);
  await page.setViewportSize(ctxOpts.viewport);
}

async function signIn(ctx: BrowserContext, role: 'province' | 'province_secretary', name: string) {
  const page = await ctx.newPage();
  // Activating and retiring ask for a confirmation: the official accepts.
  page.on('dialog', (d) => void d.accept());
  await page.goto(stack.url + '/');
  await page.waitForURL(/\/dang-nhap/);
  await page.getByLabel('Vai trò').selectOption(role);
  expect(await page.getByLabel('Tỉnh').inputValue()).toBe(PROVINCE);
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Chức năng' }).waitFor();
  return page;
}

/** A request through the API with the province's token, answering the status and the body. */
async function raw(path: string, init: { method?: string; body?: unknown } = {}) {
  const { token } = apiClient(stack.url);
  const res = await fetch(`${stack.url}/api${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('province')}` },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const find = (items: readonly WireNode[], code: string): WireNode | undefined => {
  for (const n of items) {
    if (n.code === code) return n;
    const hit = find(n.children, code);
    if (hit) return hit;
  }
  return undefined;
};
/** The codes of the rows under 1.1, in the order the editor lists them. */
const rowsUnder11 = (page: Page) =>
  page.locator('li[data-code^="1.1."]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
const nav = (page: Page) => page.getByRole('navigation', { name: 'Chức năng' });
const focusedRow = (page: Page) => page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-code'));

beforeAll(async () => {
  if (!existsSync(WEB_BUILD)) throw new Error('web/build is missing: run "npm run build:web" first (npm test does it).');
  dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-frameworks-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: false });
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the province authors a framework in the browser', () => {
  it('copies 4203, edits it, is refused while inconsistent, activates it; the active one cannot be changed', async () => {
    const ctx = await chromium.browser.newContext(ctxOpts);
    const page = await signIn(ctx, 'province', 'Phạm Thị Sở');
    await nav(page).getByRole('link', { name: 'Bộ tiêu chí' }).click();
    await page.waitForURL(/\/bo-tieu-chi$/);
    const source = page.locator(`tr[data-framework="${SOURCE}"]`);
    expect(await source.getByTestId('status').innerText()).toBe('Đang sử dụng');
    await fitsPhone(page, 'frameworks-list');

    await source.getByRole('button', { name: /^Sao chép/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Sao chép thành bản nháp mới' });
    await dialog.getByLabel('Tên bộ tiêu chí mới').fill(TITLE);
    await dialog.getByRole('button', { name: 'Tạo bản nháp' }).click();
    await page.waitForURL(/\/bo-tieu-chi\/(?!thai-nguyen-4203)[a-z0-9-]+$/);
    draftId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(await page.getByTestId('framework-status').innerText()).toBe('Bản nháp');
    expect(await page.getByLabel('Tên bộ tiêu chí').inputValue()).toBe(TITLE);

    // A row's title, and the years.
    await page.getByLabel('Nội dung dòng 1.1.1', { exact: true }).fill('Ban hành kế hoạch CCHC năm (sửa thử)');
    await page.getByLabel('Năm áp dụng').fill(String(YEAR));
    await page.getByLabel('Năm áp dụng').press('Tab');

    // 1.1.1 becomes a choice row with three options.
    const r111 = page.locator('li[data-code="1.1.1"]');
    await r111.getByLabel('Cách chấm').selectOption('choice');
    await r111.getByLabel('Phương án 1', { exact: true }).fill('Ban hành đúng hạn');
    await r111.getByLabel('Phương án 2', { exact: true }).fill('Ban hành chậm');
    await r111.getByLabel('Điểm', { exact: true }).nth(1).fill('0,5');
    await r111.getByLabel('Điểm', { exact: true }).nth(1).press('Tab');
    await r111.getByRole('button', { name: 'Thêm phương án cho dòng 1.1.1' }).click();
    await r111.getByLabel('Phương án 3', { exact: true }).fill('Không ban hành');

    // With the keyboard alone: 1.1.1 goes down, the focus stays on its row; Ctrl+Z takes it back.
    await page.getByRole('button', { name: 'Xuống dòng 1.1.1' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rowsUnder11(page)).toEqual(['1.1.2', '1.1.1']);
    expect(await focusedRow(page)).toBe('1.1.1');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Lên dòng 1.1.1');
    await page.keyboard.press('Control+z');
    await expect.poll(() => rowsUnder11(page)).toEqual(['1.1.1', '1.1.2']);
    expect(await r111.getByLabel('Cách chấm').inputValue()).toBe('choice');

    // A penalty group added, then dropped again: the focus goes back to the button that adds it.
    await page.getByRole('button', { name: 'Thêm nhóm điểm trừ' }).click();
    expect(await focusedRow(page)).toBe('P.1');
    await page.getByRole('button', { name: 'Bỏ nhóm điểm trừ' }).click();
    expect(await page.locator('li[data-code="P.1"]').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Thêm nhóm điểm trừ');

    // A bonus group with one row, capped at 3 points.
    await page.getByRole('button', { name: 'Thêm nhóm điểm thưởng' }).click();
    expect(await focusedRow(page)).toBe('T.1');
    await page.keyboard.type('Có sáng kiến cải cách hành chính được công nhận');
    const t1 = page.locator('li[data-code="T.1"]');
    await t1.getByLabel('Điểm tối đa').fill('2');
    await t1.getByLabel('Điểm tối đa').press('Tab');
    await page.getByLabel('Cộng tối đa (điểm)').fill('3');
    await page.getByLabel('Cộng tối đa (điểm)').press('Tab');

    // The preview as each kind of unit sees it: xã and phường share the set; no set for departments.
    const preview = page.getByTestId('framework-preview');
    await preview.getByLabel('Xem như phường thấy').check();
    expect(await preview.innerText()).toContain('Ban hành kế hoạch CCHC năm (sửa thử)');
    expect(await preview.innerText()).toContain('Điểm thưởng (cộng tối đa 3 điểm)');
    expect(await preview.innerText()).toContain('Ban hành chậm: 0,5 điểm');
    await preview.getByLabel('Xem như sở, ngành thấy').check();
    expect(await preview.innerText()).toContain('không có tiêu chí cho sở, ngành');
    await fitsPhone(page, 'framework-draft');

    // Inconsistent on purpose: 1.1.2 worth 1,5 makes 1.1's rows sum to 2,5 against its 2.
    const r112 = page.locator('li[data-code="1.1.2"]');
    await r112.getByLabel('Điểm tối đa').fill('1,5');
    await r112.getByLabel('Điểm tối đa').press('Tab');
    const sum11 = page.locator('li[data-code="1.1"]').getByTestId('row-sum');
    expect(await sum11.innerText()).toContain('2,50');
    expect(await sum11.getAttribute('class')).toContain('warn');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect.poll(() => page.getByTestId('dirty').innerText()).toBe('Đã lưu mọi thay đổi');
    await page.getByRole('button', { name: 'Đưa vào sử dụng' }).click();
    const problems = page.getByTestId('problems');
    await problems.waitFor();
    expect(await problems.innerText()).toContain('1.1');
    await problems.getByRole('button', { name: 'Dòng 1.1', exact: true }).click();
    expect(await focusedRow(page)).toBe('1.1');
    expect((await raw(`/frameworks/${draftId}`)).body.status).toBe('draft');
    await shot(page, 'framework-refused');

    // Fixed, then activated (the editor saves first).
    await r112.getByLabel('Điểm tối đa').fill('1');
    await r112.getByLabel('Điểm tối đa').press('Tab');
    expect(await sum11.getAttribute('class')).not.toContain('warn');
    await page.getByRole('button', { name: 'Đưa vào sử dụng' }).click();
    await expect.poll(() => page.getByTestId('framework-status').innerText()).toBe('Đang sử dụng');
    await page.getByRole('button', { name: 'Sao chép để soạn bản mới' }).waitFor();
    expect(await page.getByLabel('Nội dung dòng 1.1.1', { exact: true }).count()).toBe(0);
    await fitsPhone(page, 'framework-active');

    // Through the API: what was edited is stored, and an active framework is never changed again.
    const got = await raw(`/frameworks/${draftId}`);
    const fw = got.body as unknown as FrameworkResponse;
    expect(fw.status).toBe('active');
    expect(fw.years).toEqual([YEAR]);
    const row = find(fw.sets[0]!.items, '1.1.1')!;
    expect(row.title).toBe('Ban hành kế hoạch CCHC năm (sửa thử)');
    expect(row.kind).toBe('choice');
    expect(row.options).toEqual([
      { label: 'Ban hành đúng hạn', points: 1 },
      { label: 'Ban hành chậm', points: 0.5 },
      { label: 'Không ban hành', points: 0 },
    ]);
    expect(find(fw.sets[0]!.items, '1.1.2')!.maxPoints).toBe(1);
    expect(fw.bonus?.cap).toBe(3);
    expect(fw.bonus?.items.map((n) => [n.code, n.title, n.maxPoints])).toEqual([
      ['T.1', 'Có sáng kiến cải cách hành chính được công nhận', 2],
    ]);
    const put = await raw(`/frameworks/${draftId}`, {
      method: 'PUT',
      body: { version: fw.version, definition: definitionOfResponse(fw) },
    });
    expect(put.status).toBe(409);
    expect((put.body.error as { code: string }).code).toBe('LIFECYCLE');
    await ctx.close();
  });

  it('opens a cycle with it on "Mở kỳ đánh giá", which lists the framework each cycle runs', async () => {
    const ctx = await chromium.browser.newContext(ctxOpts);
    const page = await signIn(ctx, 'province', 'Phạm Thị Sở');
    await nav(page).getByRole('link', { name: 'Mở kỳ đánh giá' }).click();
    await page.waitForURL(/\/mo-ky$/);
    const picker = page.getByLabel('Bộ tiêu chí', { exact: true });
    // The active frameworks only, the newest (covering 2029) first and chosen.
    expect(await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([
      draftId,
      SOURCE,
    ]);
    expect(await picker.inputValue()).toBe(draftId);
    await page.getByLabel('Năm đánh giá').fill(String(YEAR));
    await page.getByRole('button', { name: 'Mở kỳ đánh giá', exact: true }).click();
    await page.getByTestId('opened').waitFor();
    const listed = page.locator('[data-testid="cycles"] tr[data-cycle]');
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.getByTestId('cycle-framework').innerText()).toBe(TITLE);

    const { call, token } = apiClient(stack.url);
    const cycles = await call<Cycle[]>('/cycles', { token: await token('province') });
    expect(cycles.map((c) => [c.year, c.frameworkId])).toEqual([[YEAR, draftId]]);
    // The list page now names the cycle that runs it.
    await nav(page).getByRole('link', { name: 'Bộ tiêu chí' }).click();
    expect(await page.locator(`tr[data-framework="${draftId}"]`).getByTestId('cycles').innerText()).toBe(`Năm ${YEAR}`);
    await ctx.close();
  });

  it('imports an exported file on the list page as a new draft with the same rows; a bad file names its problem', async () => {
    const ctx = await chromium.browser.newContext(ctxOpts);
    const page = await signIn(ctx, 'province', 'Phạm Thị Sở');
    await nav(page).getByRole('link', { name: 'Bộ tiêu chí' }).click();
    const row = page.locator(`tr[data-framework="${draftId}"]`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: /^Xuất Excel/ }).click(),
    ]);
    const file = join(dataDir, 'xuat.xlsx');
    await download.saveAs(file);

    const bad = join(dataDir, 'khong-phai-excel.xlsx');
    writeFileSync(bad, 'Đây không phải tệp Excel');
    await page.getByTestId('import-file').setInputFiles(bad);
    const refused = page.getByTestId('import-error');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('khong-phai-excel.xlsx');
    expect(await refused.locator('li').count()).toBeGreaterThan(0);

    await page.getByTestId('import-file').setInputFiles(file);
    await page.waitForURL((u) => /\/bo-tieu-chi\/[a-z0-9-]+$/.test(u.pathname) && !u.pathname.endsWith(draftId));
    expect(await page.getByTestId('framework-status').innerText()).toBe('Bản nháp');
    const importedId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const original = (await raw(`/frameworks/${draftId}`)).body as unknown as FrameworkResponse;
    const imported = (await raw(`/frameworks/${importedId}`)).body as unknown as FrameworkResponse;
    expect(imported.sets).toEqual(original.sets);
    expect(imported.bonus).toEqual(original.bonus);
    expect(imported.penalty).toEqual(original.penalty);
    expect(imported.totalPoints).toBe(original.totalPoints);
    await ctx.close();
  });

  it('retires 4203: it stays listed, "Mở kỳ đánh giá" no longer offers it', async () => {
    const ctx = await chromium.browser.newContext(ctxOpts);
    const page = await signIn(ctx, 'province', 'Phạm Thị Sở');
    await page.goto(`${stack.url}/bo-tieu-chi/${SOURCE}`);
    await page.getByRole('button', { name: 'Ngừng sử dụng' }).click();
    await expect.poll(() => page.getByTestId('framework-status').innerText()).toBe('Đã ngừng');
    expect(await page.getByRole('button', { name: 'Ngừng sử dụng' }).count()).toBe(0);
    await nav(page).getByRole('link', { name: 'Bộ tiêu chí' }).click();
    expect(await page.locator(`tr[data-framework="${SOURCE}"]`).getByTestId('status').innerText()).toBe('Đã ngừng');
    await nav(page).getByRole('link', { name: 'Mở kỳ đánh giá' }).click();
    await page.waitForURL(/\/mo-ky$/);
    const picker = page.getByLabel('Bộ tiêu chí', { exact: true });
    expect(await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([draftId]);
    await ctx.close();
  });

  it('is the province’s alone: a council secretary is told so and has no link to it', async () => {
    const ctx = await chromium.browser.newContext(ctxOpts);
    const page = await signIn(ctx, 'province_secretary', 'Lê Thị Thư');
    expect(await page.getByRole('link', { name: 'Bộ tiêu chí', exact: true }).count()).toBe(0);
    await page.goto(`${stack.url}/bo-tieu-chi/${draftId}`);
    expect(await page.getByRole('alert').innerText()).toBe(
      'Chỉ Sở Nội vụ được soạn và quản lý bộ tiêu chí đánh giá Chỉ số CCHC.',
    );
    await ctx.close();
  });
});
