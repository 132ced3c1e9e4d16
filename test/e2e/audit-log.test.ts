/**
 * The audit log in a real browser on a phone (360 px) with a long history made through the API: one
 * bulk save of every row (238 entries in one change), then 45 small saves. The log shows one item per
 * change, newest first, 20 at a time; a change of several entries is collapsed to its summary and
 * opens and closes from the keyboard; the filters still work; the page stays a few screens long.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { getFramework } from '../../shared/framework-registry.js';
import { apiClient } from './ranking-data.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import type { AssessmentResponse, Cycle, RowSaveResponse } from '../../shared/schemas.js';
import type { DevTokenResponse } from '../../shared/api/local.js';

const COMMUNE = 'phuc-xuan';
const WEB_BUILD = resolve(import.meta.dirname, '../../web/build/200.html');
const SMALL_SAVES = 45;

let stack: LocalStack;
let chromium: LaunchedBrowser;
let dataDir: string;
let cycleId: string;
let chair: string;
let leaves: number;

/** The test's API calls and dev tokens, through the one e2e client (ranking-data.ts). */
const client = () => apiClient(stack.url);
const api = <T>(p: string, init?: Parameters<ReturnType<typeof apiClient>['call']>[1]) => client().call<T>(p, init);

beforeAll(async () => {
  if (!existsSync(WEB_BUILD)) throw new Error('web/build is missing: run "npm run build:web" first (npm test does it).');
  dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-audit-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: true });
  chromium = await launchChromium();

  chair = (
    await api<DevTokenResponse>('/dev/token', {
      method: 'POST',
      body: { role: 'commune_chair', unitId: COMMUNE, name: 'Trần Thị Bình' },
    })
  ).token;
  const cycles = await api<Cycle[]>('/cycles', { token: chair });
  cycleId = cycles.find((c) => c.status === 'OPEN')!.id;
  const path = `/cycles/${cycleId}/assessments/${COMMUNE}`;
  const a = await api<AssessmentResponse>(path, { token: chair });
  const fw = getFramework(a.frameworkId)!;
  leaves = fw.leaves.length;
  const max = (code: string) => fw.byCode.get(code)!.max / 100;
  const save = async (version: number, items: Record<string, { score?: number; explanation?: string }>) =>
    (await api<RowSaveResponse>(path + '/self', { method: 'PUT', token: chair, body: { version, items } })).version;
  // One bulk save: a score and an explanation for every row, one change.
  let v = await save(
    a.version,
    Object.fromEntries(fw.leaves.map((l) => [l.code, { score: l.max / 100, explanation: `Căn cứ ${l.code}` }])),
  );
  // Then small saves, alternately one entry (1.1.1's score) and two (1.2.1's score and explanation).
  for (let i = 0; i < SMALL_SAVES; i++) {
    const k = Math.floor(i / 2);
    v =
      i % 2 === 0
        ? await save(v, { '1.1.1': { score: k % 2 === 0 ? 0 : max('1.1.1') } })
        : await save(v, { '1.2.1': { score: k % 2 === 0 ? 0 : max('1.2.1'), explanation: `Lần sửa ${i}` } });
  }
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The log's items: one per change. */
const items = (page: Page) => page.locator('[data-testid="audit"] > li');
const pageHeight = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollHeight);

describe('the audit log groups and pages a long history', () => {
  it('shows 20 changes at a time, newest first, each bulk save as one item that opens from the keyboard', async () => {
    const ctx = await chromium.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    await ctx.addInitScript((t) => sessionStorage.setItem('cchc.token', t), chair);
    const page = await ctx.newPage();
    await page.goto(`${stack.url}/nhat-ky/${cycleId}/${COMMUNE}`);
    await page.getByTestId('audit').waitFor();

    const entries = 1 + 2 * leaves + Math.ceil(SMALL_SAVES / 2) + 2 * Math.floor(SMALL_SAVES / 2);
    const changes = 1 + 1 + SMALL_SAVES;
    expect(await page.locator('.count').innerText()).toBe(`${entries} / ${entries} mục · ${changes} lần thay đổi`);
    expect(await items(page).count()).toBe(20);
    // Newest first: the last save (i = 44, 1.1.1 alone) heads the list.
    const newest = items(page).first();
    expect(await newest.getAttribute('data-action')).toBe('self.score');
    expect(await newest.innerText()).toContain('tiêu chí 1.1.1');
    // A two-entry save is collapsed to its summary: no entry of it is drawn until it is opened.
    const pair = items(page).nth(1);
    expect(await pair.getAttribute('data-count')).toBe('2');
    const pairToggle = pair.getByRole('button');
    expect(await pairToggle.innerText()).toMatch(
      /^Lưu điểm tự đánh giá · 1 tiêu chí: 1\.2\.1\s+Điểm tự chấm: 1 · Giải trình: 1$/,
    );
    expect(await pairToggle.getAttribute('aria-expanded')).toBe('false');
    expect(await pair.locator('li[data-action]').count()).toBe(0);

    // Bounded on a phone however long the history (it was ~135 px per entry, 41,000 px for these).
    expect(await pageHeight(page)).toBeLessThan(4000);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);

    // "Xem thêm" adds the next 20, and the keyboard goes on at the first of them.
    const more = page.getByRole('button', { name: /^Xem thêm/ });
    expect(await more.innerText()).toBe('Xem thêm 20 lần thay đổi');
    await more.click();
    expect(await items(page).count()).toBe(40);
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="audit"] > li') !== null)).toBe(true);
    expect(
      await items(page)
        .nth(20)
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    expect(await more.innerText()).toBe(`Xem thêm ${changes - 40} lần thay đổi`);
    await more.click();
    expect(await items(page).count()).toBe(changes);
    expect(await more.count()).toBe(0);

    // The bulk save is one item (the oldest but the opening): opened with Enter, closed with Space.
    const bulk = items(page).nth(changes - 2);
    const toggle = bulk.getByRole('button');
    expect(await toggle.innerText()).toMatch(
      new RegExp(`^Lưu điểm tự đánh giá · ${leaves} tiêu chí\\s+Điểm tự chấm: ${leaves} · Giải trình: ${leaves}$`),
    );
    expect(await bulk.locator('li[data-action]').count()).toBe(0);
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await bulk.locator('li[data-action="self.score"]').count()).toBe(leaves);
    expect(await bulk.locator('li[data-action="self.explanation"]').count()).toBe(leaves);
    expect(await bulk.locator('li[data-action="self.explanation"]').first().innerText()).toMatch(/→\s*“Căn cứ 1\.1\.1”/);
    await page.keyboard.press('Space');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await bulk.locator('li[data-action]').count()).toBe(0);
    expect(await items(page).last().getAttribute('data-action')).toBe('open');

    // The filters still apply, and a new filter starts again at the first page.
    await page.getByLabel('Mã tiêu chí').fill('1.2.1');
    const rowEntries = 2 + 2 * Math.floor(SMALL_SAVES / 2);
    const rowChanges = 1 + Math.floor(SMALL_SAVES / 2);
    await expect
      .poll(() => page.locator('.count').innerText())
      .toBe(`${rowEntries} / ${entries} mục · ${rowChanges} lần thay đổi`);
    expect(await items(page).count()).toBe(20);
    expect(await page.getByRole('button', { name: /^Xem thêm/ }).innerText()).toBe(`Xem thêm ${rowChanges - 20} lần thay đổi`);
    await page.getByLabel('Mã tiêu chí').fill('');
    await page.getByLabel('Loại thay đổi').selectOption('steps');
    await expect.poll(() => page.locator('.count').innerText()).toBe(`1 / ${entries} mục · 1 lần thay đổi`);
    expect(await items(page).first().getAttribute('data-action')).toBe('open');
    await ctx.close();
  });
});
