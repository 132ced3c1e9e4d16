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
import { formatFixed2, formatPoints } from '../../shared/format.js';
import type { AssessmentResponse, Cycle } from '../../shared/schemas.js';
import type { DevTokenResponse } from '../../shared/api/local.js';

const COMMUNE = 'phuc-xuan';
/** The pause after which a valid value is taken (issue 21, item 1). */
const PAUSE_MS = 1500;
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

/**
 * Types one character every `delay` ms. page.keyboard.type(text, { delay }) waits twice before a
 * character not on the US layout (đ, ０): 2 s at 1 s a keystroke, longer than the pause being tested.
 */
async function typeAt(page: Page, chars: string, delay: number) {
  for (const [i, ch] of [...chars].entries()) {
    if (i > 0) await page.waitForTimeout(delay);
    await page.keyboard.type(ch);
  }
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
    // Figures for comparison in one style, two decimals; an untouched sheet has no class yet.
    expect(await text(page, 'total-points')).toBe('0,00');
    expect(await text(page, 'total-index')).toBe('0,00');
    expect(await text(page, 'total-class')).toBe('Chưa chấm điểm');
    expect(await page.getByTestId('entry-rules').count()).toBe(1);
    // Only the chair submits.
    expect(await page.getByRole('button', { name: /Nộp báo cáo/ }).count()).toBe(0);

    // Area I is open on a fresh form. Scores with a comma and with a point; moving to the next field
    // (or Enter) takes each one.
    await page.fill(sel('1.1.1'), '0,75');
    await page.fill(sel('1.1.2'), '1');
    await page.fill(sel('1.2.1'), '0.25');
    await page.fill(sel('1.3.1'), '0,25');
    await page.keyboard.press('Enter');
    expect(await text(page, 'total-points')).toBe('2,25');
    expect(await page.inputValue(sel('1.2.1'))).toBe('0,25');
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
    expect(await page.locator('.totals').innerText()).toContain('/ 99,50');

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
    // Taken after the pause, without leaving the field.
    await expect.poll(() => text(page, 'total-points'), { timeout: 5000 }).toBe('2,50');
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
    // A locked form shows no entry rules.
    expect(await chair.getByTestId('entry-rules').count()).toBe(0);
    await chair.reload();
    await chair.getByTestId('total-points').waitFor();
    expect(await text(chair, 'status')).toBe('Đã nộp');
    await locked(chair);
    await chairCtx.close();
  });

  /**
   * Issue 21, item 1: typing an invalid score passes through valid prefixes ("0" of "0,75"). At every
   * speed from 50 ms to 1 s a keystroke, and for every invalid form of entry, nothing is sent: the
   * server keeps what it held (empty, or a score saved before), the totals and "Đã chấm" are the
   * server's, a reload shows the server's value, and the form cannot be submitted. A valid value typed
   * at the same speed is saved, once the official has finished with the field. One commune per speed
   * (four tabs at once), so that each tab's totals can be compared with its own commune's.
   */
  it('an invalid score is never saved as its prefix, at any typing speed', async () => {
    const SPEEDS = [
      { delay: 50, unitId: 'quyet-thang' },
      { delay: 200, unitId: 'thinh-duc' },
      { delay: 500, unitId: 'hoang-van-thu' },
      { delay: 1000, unitId: 'quang-trung' },
    ];
    const cycles = await api<Cycle[]>('/cycles', { token: await client().token('commune_chair', SPEEDS[0]!.unitId) });
    const cycleId = cycles.find((c) => c.status === 'OPEN')!.id;
    const first = await api<AssessmentResponse>(`/cycles/${cycleId}/assessments/${SPEEDS[0]!.unitId}`, {
      token: await client().token('commune_chair', SPEEDS[0]!.unitId),
    });
    const fw = getFramework(first.frameworkId)!;
    // Rows of areas II–VIII (area I opens first; these are opened with "Mở tất cả lĩnh vực").
    const leaves = fw.leaves.filter((l) => l.area !== 'I' && !l.notApplicableAllowed);
    const halfRows = leaves.filter((l) => l.max === 50).map((l) => l.code);
    const otherRows = leaves.filter((l) => l.max >= 50 && l.max !== 50).map((l) => l.code);
    // Each invalid form of entry from the walk, with the valid prefix the old form saved.
    const INVALID = [
      { kind: 'over the maximum 0,5', typed: '0,75', rows: halfRows },
      { kind: 'three decimals', typed: '0,333', rows: otherRows },
      { kind: 'letters', typed: '0,25đ', rows: otherRows },
      { kind: 'a lone comma', typed: '0,', rows: otherRows },
      { kind: 'full-width digits', typed: '０,５', rows: otherRows },
      { kind: 'a full-width digit after a comma', typed: '0,５', rows: otherRows },
    ];
    const take = (rows: string[]) => rows.shift()!;

    async function run({ delay, unitId }: { delay: number; unitId: string }) {
      const token = await client().token('commune_chair', unitId, 'Trần Thị Bình');
      const path = `/cycles/${cycleId}/assessments/${unitId}`;
      // Each invalid entry over an empty row or over one the server holds 0,25 for (the other at the next speed).
      const cases = INVALID.map((c, i) => ({
        ...c,
        code: take(c.rows),
        before: (i + SPEEDS.findIndex((x) => x.delay === delay)) % 2 === 0 ? null : 0.25,
      }));
      const valid = { code: take(otherRows), typed: '0,25' };
      const a = await api<AssessmentResponse>(path, { token });
      const items = Object.fromEntries(cases.filter((c) => c.before !== null).map((c) => [c.code, { score: c.before }]));
      await api(path + '/self', { method: 'PUT', token, body: { version: a.version, items } });

      const ctx = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
      await ctx.addInitScript((t) => sessionStorage.setItem('cchc.token', t), token);
      // When each field received each character: on a loaded machine a keystroke can come late.
      await ctx.addInitScript(() => {
        const seen: Record<string, number[]> = {};
        (window as unknown as { inputTimes: typeof seen }).inputTimes = seen;
        document.addEventListener('input', (e) => (seen[(e.target as HTMLElement).id] ??= []).push(performance.now()), true);
      });
      const page = await ctx.newPage();
      await page.goto(`${stack.url}/danh-gia/${cycleId}/${unitId}`);
      await page.getByTestId('total-points').waitFor();
      await page.getByRole('button', { name: 'Mở tất cả lĩnh vực' }).click();
      for (const c of [...cases, valid]) {
        await page.locator(sel(c.code)).click();
        await page.keyboard.press('ControlOrMeta+a');
        await typeAt(page, c.typed, delay);
      }
      await page.keyboard.press('Tab');
      return { page, ctx, path, token, cases, valid, delay };
    }

    const runs = await Promise.all(SPEEDS.map(run));
    for (const { page, path, token, cases, valid, delay } of runs) {
      // The valid value is saved: the test sees saves happen.
      await expect
        .poll(async () => (await api<AssessmentResponse>(path, { token })).items[valid.code]!.selfScore, { timeout: 10_000 })
        .toBe(0.25);
      await page.waitForTimeout(500); // nothing else is on its way
      const server = await api<AssessmentResponse>(path, { token });
      const times = await page.evaluate(() => (window as unknown as { inputTimes: Record<string, number[]> }).inputTimes);
      for (const c of cases) {
        const what = `${c.kind} (${c.typed}) in ${c.code} at ${delay} ms over ${c.before}`;
        const t = times[sel(c.code).slice(1)] ?? [];
        const longest = Math.max(0, ...t.slice(1).map((x, i) => x - t[i]!));
        // A keystroke that reached the page a whole pause late ends the typing by the rule (the prefix
        // is then meant); the load of a shared machine can do that at 1 s a keystroke.
        if (longest < PAUSE_MS) expect(server.items[c.code]!.selfScore, what).toBe(c.before);
        else console.warn(`${what}: a keystroke came ${Math.round(longest)} ms after the previous one; not checked`);
        const field = page.locator(sel(c.code));
        expect(await field.inputValue(), what).toBe(c.typed);
        expect(await field.getAttribute('aria-invalid'), what).toBe('true');
        // textContent: rows off screen are not rendered (content-visibility), so they have no innerText.
        expect(await page.locator(`#e-${c.code.replace(/\./g, '-')}`).textContent(), what).toContain(
          c.before === null ? 'Chưa lưu; tiêu chí vẫn chưa có điểm.' : 'Chưa lưu; vẫn giữ điểm đã lưu 0,25.',
        );
      }
      // The totals and "Đã chấm" are the server's, not the prefixes'.
      const scored = fw.leaves.filter((l) => server.items[l.code]!.selfScore !== null || server.items[l.code]!.notApplicable);
      expect(await text(page, 'total-points')).toBe(formatFixed2(Math.round(server.totals.self.points * 100)));
      expect(await text(page, 'form-progress')).toBe(`${scored.length}/${fw.leaves.length}`);
      expect(await text(page, 'save-status')).toContain(`Chưa lưu ${cases.length} tiêu chí`);

      // The form cannot be submitted while a field holds an invalid value: neither from the action at
      // the top of the form nor from the one below it.
      for (const name of ['Nộp báo cáo…', 'Nộp báo cáo tự đánh giá…']) {
        await page.getByRole('button', { name, exact: true }).click();
        const refused = page.getByRole('alert').filter({ hasText: 'Hãy sửa hoặc xóa điểm đó trước' });
        expect(await refused.innerText(), name).toContain(`Chưa lưu ${cases.length} tiêu chí`);
        expect(await page.getByRole('dialog').count(), name).toBe(0);
      }
    }

    // A reload shows what the server holds, without an error.
    const { page, ctx, path, token, cases } = runs[SPEEDS.length - 1]!;
    page.on('dialog', (d) => void d.accept());
    await page.reload();
    await page.getByTestId('total-points').waitFor();
    await page.getByRole('button', { name: 'Mở tất cả lĩnh vực' }).click();
    for (const c of cases) {
      const field = page.locator(sel(c.code));
      expect(await field.inputValue()).toBe(formatPoints(c.before === null ? null : Math.round(c.before * 100)));
      expect(await field.getAttribute('aria-invalid')).toBe('false');
    }
    expect((await api<AssessmentResponse>(path, { token })).status).toBe('DRAFT');

    // Leaving the page commits valid text typed just before (no pause, no blur).
    const last = take(otherRows);
    await page.locator(sel(last)).click();
    await page.keyboard.type('0,5');
    // Clicked by script, so the field keeps the focus until the page goes (no blur takes the value).
    await page.locator('.crumbs a[href="/"]').evaluate((el) => (el as HTMLAnchorElement).click());
    await page.getByTestId('progress').waitFor();
    await expect
      .poll(async () => (await api<AssessmentResponse>(path, { token })).items[last]!.selfScore, { timeout: 10_000 })
      .toBe(0.5);
    for (const r of runs) await r.ctx.close();
    await ctx.close().catch(() => undefined);
  });
});
