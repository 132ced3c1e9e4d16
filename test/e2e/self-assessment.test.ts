/**
 * A commune fills in its self-assessment in a real browser against the local stack (`npm run build:web`
 * must have run; `npm test` does it): the officer types scores and watches the totals, is refused an
 * invalid score, marks a row not applicable, uploads a PDF, reloads and finds it all kept; the chair
 * submits through the confirmation and the form locks. Also: 360 px without horizontal scrolling, and
 * the keyboard alone reaches a score field.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { getFramework } from '../../shared/framework-registry.js';
import { apiClient } from './ranking-data.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import type { AssessmentResponse, Cycle } from '../../shared/schemas.js';
import type { DevTokenResponse } from '../../shared/api/local.js';

const COMMUNE = 'phuc-xuan';
const WEB_BUILD = resolve(import.meta.dirname, '../../web/build/200.html');

let stack: LocalStack;
let chromium: LaunchedBrowser;
let dataDir: string;

const sel = (code: string) => `#s-${code.replace(/\./g, '-')}`;
const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

async function signIn(context: BrowserContext, role: 'commune_officer' | 'commune_chair', name: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(stack.url + '/');
  await page.waitForURL(/\/dang-nhap/);
  await page.getByLabel('Vai trò').selectOption(role);
  await page.getByLabel('Xã, phường, thị trấn').selectOption(COMMUNE);
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('progress').waitFor();
  return page;
}

async function openForm(page: Page) {
  await page.getByRole('link', { name: /phiếu tự đánh giá/ }).click();
  await page.getByTestId('total-points').waitFor();
}

async function waitSaved(page: Page) {
  await expect.poll(() => text(page, 'save-status'), { timeout: 10_000 }).toMatch(/^Đã lưu lúc \d{2}:\d{2}/);
}

/** The test's API calls and dev tokens, through the one e2e client (ranking-data.ts). */
const client = () => apiClient(stack.url);
const api = <T>(p: string, init?: Parameters<ReturnType<typeof apiClient>['call']>[1]) => client().call<T>(p, init);

beforeAll(async () => {
  if (!existsSync(WEB_BUILD)) throw new Error('web/build is missing: run "npm run build:web" first (npm test does it).');
  dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: true });
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('self-assessment in the browser', () => {
  it('officer fills in, uploads, reloads; chair submits; the form locks', async () => {
    const officerCtx = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await signIn(officerCtx, 'commune_officer', 'Nguyễn Văn An');
    expect(await text(page, 'progress')).toBe('0/119 tiêu chí đã chấm');
    await openForm(page);
    expect(await text(page, 'total-points')).toBe('0');
    expect(await text(page, 'total-index')).toBe('0,00');
    // Only the chair submits.
    expect(await page.getByRole('button', { name: /Nộp báo cáo/ }).count()).toBe(0);

    // Area I is open on a fresh form. Scores with a comma and with a point.
    await page.fill(sel('1.1.1'), '0,75');
    await page.fill(sel('1.1.2'), '1');
    await page.fill(sel('1.2.1'), '0.25');
    await page.fill(sel('1.3.1'), '0,25');
    expect(await text(page, 'total-points')).toBe('2,25');
    expect(await text(page, 'total-index')).toBe('2,25');
    expect(await text(page, 'total-class')).toBe('Yếu');
    expect(await text(page, 'area-points-I')).toBe('2,25');

    // Refused like the server would: three decimals, above the maximum, letters, negative.
    const bad = page.locator(sel('1.2.2'));
    const err = page.locator('#e-1-2-2');
    for (const [value, message] of [
      ['0,333', 'tối đa hai chữ số thập phân'],
      ['0,75', 'không được vượt quá điểm tối đa 0,5'],
      ['abc', 'phải là một số'],
      ['-0,25', 'không được âm'],
    ] as const) {
      await bad.fill(value);
      expect(await bad.getAttribute('aria-invalid')).toBe('true');
      expect(await err.innerText()).toContain(message);
      expect(await text(page, 'total-points')).toBe('2,25');
    }
    await bad.fill('');
    expect(await bad.getAttribute('aria-invalid')).toBe('false');

    // 1.8.1 "(nếu có)": not applicable leaves 99,5 applicable points; index = 2,25 / 99,5 × 100.
    await page.locator('input[name="na-1.8.1"]').check();
    expect(await page.locator(sel('1.8.1')).isDisabled()).toBe(true);
    expect(await text(page, 'total-index')).toBe('2,26');
    expect(await page.locator('.totals').innerText()).toContain('/ 99,5');

    const explanation = 'Kế hoạch số 12/KH-UBND ngày 15/01/2026 về cải cách hành chính';
    await page.fill('#x-1-1-1', explanation);

    // A small valid PDF, uploaded with a progress bar, then listed.
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\n'),
      Buffer.alloc(20_000, 0x20),
      Buffer.from('\n%%EOF\n'),
    ]);
    await page
      .locator('[data-code="1.1.1"] input[type=file]')
      .setInputFiles({ name: 'ke-hoach-cchc.pdf', mimeType: 'application/pdf', buffer: pdf });
    const listed = page.locator('[data-code="1.1.1"] [data-testid=evidence] button', { hasText: 'ke-hoach-cchc.pdf' });
    await listed.waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-code="1.1.1"] progress').count()).toBe(0);

    await waitSaved(page);
    await page.reload();
    await page.getByTestId('total-points').waitFor();
    expect(await page.inputValue(sel('1.1.1'))).toBe('0,75');
    expect(await page.inputValue(sel('1.1.2'))).toBe('1');
    expect(await page.inputValue(sel('1.2.1'))).toBe('0,25');
    expect(await page.inputValue(sel('1.3.1'))).toBe('0,25');
    expect(await page.inputValue(sel('1.2.2'))).toBe('');
    expect(await page.locator('input[name="na-1.8.1"]').isChecked()).toBe(true);
    expect(await page.inputValue('#x-1-1-1')).toBe(explanation);
    await listed.waitFor();
    expect(await text(page, 'total-points')).toBe('2,25');
    expect(await text(page, 'total-index')).toBe('2,26');

    // Keyboard alone: Tab reaches the first score field, typing changes the total.
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'score-1.1.1');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('1');
    expect(await text(page, 'total-points')).toBe('2,5');
    await waitSaved(page);

    // 360 px phone, every area open: nothing wider than the screen.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByRole('button', { name: 'Mở tất cả lĩnh vực' }).click();
    await page.locator(sel('8.5.2')).waitFor();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
    await officerCtx.close();

    // The rest of the rows are filled through the API with an officer's dev token (not the rows typed above).
    const { token } = await api<DevTokenResponse>('/dev/token', {
      method: 'POST',
      body: { role: 'commune_officer', unitId: COMMUNE, name: 'Điền nhanh' },
    });
    const cycles = await api<Cycle[]>('/cycles', { token });
    const cycleId = cycles.find((c) => c.status === 'OPEN')!.id;
    const path = `/cycles/${cycleId}/assessments/${COMMUNE}`;
    const current = await api<AssessmentResponse>(path, { token });
    const typed = new Set(['1.1.1', '1.1.2', '1.2.1', '1.3.1', '1.8.1']);
    const items = Object.fromEntries(
      getFramework(current.frameworkId)!
        .leaves.filter((l) => !typed.has(l.code))
        .map((l) => [l.code, { score: l.max / 100 }]),
    );
    await api(path + '/self', { method: 'PUT', token, body: { version: current.version, items } });

    // The chair submits. Every applicable row at its maximum except 1.2.1 (0,25 of 0,5): 99,25 of 99,5.
    const chairCtx = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const chair = await signIn(chairCtx, 'commune_chair', 'Trần Thị Bình');
    expect(await text(chair, 'progress')).toBe('119/119 tiêu chí đã chấm');
    await openForm(chair);
    expect(await text(chair, 'total-points')).toBe('99,25');
    await chair.getByRole('button', { name: 'Nộp báo cáo tự đánh giá…' }).click();
    const dialog = chair.getByRole('dialog');
    await dialog.waitFor();
    expect(await text(chair, 'confirm-points')).toBe('99,25');
    expect(await text(chair, 'confirm-index')).toBe('99,75');
    expect(await dialog.innerText()).toContain('Xuất sắc');
    await dialog.getByRole('button', { name: 'Xác nhận nộp' }).click();
    await expect.poll(() => text(chair, 'status')).toBe('Đã nộp');

    const locked = async (p: Page) => {
      expect(
        await p.evaluate(() =>
          [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[name^="score-"], textarea')].every(
            (el) => el.readOnly || el.disabled,
          ),
        ),
      ).toBe(true);
      expect(
        await p.locator('input[type=checkbox]').evaluateAll((els) => els.every((el) => (el as HTMLInputElement).disabled)),
      ).toBe(true);
      expect(await p.getByText('Thêm tệp…').count()).toBe(0);
      expect(await p.getByRole('button', { name: /Nộp báo cáo/ }).count()).toBe(0);
    };
    await locked(chair);
    await chair.reload();
    await chair.getByTestId('total-points').waitFor();
    expect(await text(chair, 'status')).toBe('Đã nộp');
    await locked(chair);
    await chairCtx.close();
  });
});
