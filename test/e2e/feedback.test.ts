/**
 * What an official meets after acting, on a 360×740 phone against the local stack (issue 10; `npm run
 * build:web` must have run): after "Xác nhận nộp", "Trả lại hồ sơ", "Xác nhận hoàn thành" and "Gia
 * hạn" the result message has the focus and is on screen; an invalid value is reported as not saved and
 * leaving asks, inside the app and when the tab closes; "= tự chấm" leaves the focus on the score field;
 * the appraisal's progress counts applicable rows; after submission no countdown runs and the home
 * names the score by status; the district list's deadline column says what it shows; the deadline
 * dialog writes the date day first in 24-hour time in an English browser; an unknown URL is answered in
 * Vietnamese; the header says the role once.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Dialog, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { getFramework } from '../../shared/framework-registry.js';
import { apiClient } from './ranking-data.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import type { AssessmentResponse, Cycle } from '../../shared/schemas.js';

const COMMUNE = 'phuc-xuan';
const DISTRICT = 'tp-thai-nguyen';
const WEB_BUILD = resolve(import.meta.dirname, '../../web/build/200.html');
const PHONE = { width: 360, height: 740 };

let stack: LocalStack;
let chromium: LaunchedBrowser;
let dataDir: string;
let cycleId: string;
let path: string;

const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

/** The test's API calls and dev tokens, through the one e2e client (ranking-data.ts). */
const client = () => apiClient(stack.url);
const api = <T>(p: string, init?: Parameters<ReturnType<typeof apiClient>['call']>[1]) => client().call<T>(p, init);

const token = (role: string, unitId: string, name: string) => client().token(role, unitId, name);

type Role = 'commune_officer' | 'commune_chair' | 'district_secretary';

async function signIn(ctx: BrowserContext, role: Role, name = ''): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(stack.url + '/');
  await page.waitForURL(/\/dang-nhap/);
  await page.getByLabel('Vai trò').selectOption(role);
  if (role === 'district_secretary') await page.getByLabel('Huyện, thành phố, thị xã').selectOption(DISTRICT);
  else await page.getByLabel('Xã, phường, thị trấn').selectOption(COMMUNE);
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  if (role === 'district_secretary') await page.getByRole('heading', { name: /Danh sách xã/ }).waitFor();
  else await page.getByTestId('progress').waitFor();
  return page;
}

/** No element makes the page wider than the viewport. */
const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

/** The element has the focus and lies wholly inside the viewport. */
async function focusedAndVisible(el: Locator): Promise<{ focused: boolean; onScreen: boolean; role: string | null }> {
  return el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return {
      focused: e === document.activeElement,
      onScreen: r.top >= 0 && r.bottom <= innerHeight && r.height > 0,
      role: e.getAttribute('role'),
    };
  });
}

/** Runs `act`, answering the one browser dialog it opens with `accept`; resolves with that dialog. */
async function answering(page: Page, accept: boolean, act: () => Promise<unknown>): Promise<Dialog> {
  const seen = new Promise<Dialog>((res, rej) => {
    const t = setTimeout(() => rej(new Error('no browser dialog was opened')), 5000);
    page.once('dialog', (d) => {
      clearTimeout(t);
      res(d);
      void (accept ? d.accept() : d.dismiss());
    });
  });
  await act();
  return seen;
}

beforeAll(async () => {
  if (!existsSync(WEB_BUILD)) throw new Error('web/build is missing: run "npm run build:web" first (npm test does it).');
  dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-feedback-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: true });
  chromium = await launchChromium();
  const chair = await token('commune_chair', COMMUNE, 'Chuẩn bị dữ liệu');
  const cycles = await api<Cycle[]>('/cycles', { token: chair });
  cycleId = cycles.find((c) => c.status === 'OPEN')!.id;
  path = `/cycles/${cycleId}/assessments/${COMMUNE}`;
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('feedback after acting, on a phone', () => {
  it('commune: header, unknown URL, an invalid value is not "saved" and leaving asks; submit reveals its message', async () => {
    const ctx = await chromium.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await signIn(ctx, 'commune_officer');

    // The local sign-in without a name is called "Công chức cấp xã — Xã Phúc Xuân": the role once.
    expect(await text(page, 'who-name')).toBe('Công chức cấp xã — Xã Phúc Xuân');
    expect(await page.getByTestId('who-role').count()).toBe(0);
    expect((await page.locator('header').innerText()).match(/Công chức cấp xã/g)).toHaveLength(1);

    // A signed-in unknown URL: Vietnamese only.
    await page.goto(stack.url + '/khong-co-trang-nay');
    await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
    const body = await page.locator('main').innerText();
    expect(body).not.toMatch(/not found/i);
    expect(await text(page, 'error-detail')).toMatch(/^Địa chỉ này không có trong hệ thống/);
    await page.getByRole('link', { name: 'Về trang chủ' }).click();
    await page.getByTestId('progress').waitFor();

    // An invalid value: the status says which row is not saved, never "Đã lưu".
    await page.getByRole('link', { name: /phiếu tự đánh giá/ }).click();
    await page.getByTestId('total-points').waitFor();
    await page.locator('#s-1-1-2').click();
    await page.keyboard.type('1');
    await expect.poll(() => text(page, 'save-status'), { timeout: 10_000 }).toMatch(/^Đã lưu lúc/);
    await page.locator('#s-1-2-2').click();
    await page.keyboard.type('abc');
    await expect.poll(() => text(page, 'save-status')).toBe('Chưa lưu tiêu chí 1.2.2: điểm không hợp lệ.');
    await page.waitForTimeout(1200); // past the autosave pause: still not "saved"
    expect(await text(page, 'save-status')).not.toContain('Đã lưu');

    // Leaving inside the app asks and names the row; "Hủy" stays with the typing.
    const formUrl = page.url();
    const asked = await answering(page, false, () => page.getByRole('link', { name: 'Trang chủ' }).click());
    expect(asked.type()).toBe('confirm');
    expect(asked.message()).toContain('Chưa lưu tiêu chí 1.2.2');
    expect(page.url()).toBe(formUrl);
    expect(await page.inputValue('#s-1-2-2')).toBe('abc');

    // Closing or reloading the tab asks too (the browser's own question).
    const unload = await answering(page, false, () => page.close({ runBeforeUnload: true }));
    expect(unload.type()).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);

    // Leaving anyway goes; a valid value again reads "Đã lưu".
    await answering(page, true, () => page.getByRole('link', { name: 'Trang chủ' }).click());
    await page.getByTestId('progress').waitFor();
    await page.getByRole('link', { name: /phiếu tự đánh giá/ }).click();
    await page.locator('#s-1-2-2').fill('0,5');
    await expect.poll(() => text(page, 'save-status'), { timeout: 10_000 }).toMatch(/^Đã lưu lúc/);
    await ctx.close();

    // Every other row through the API at its maximum; 1.8.1 "(nếu có)" not applicable.
    const chairToken = await token('commune_chair', COMMUNE, 'Trần Thị Bình');
    const a = await api<AssessmentResponse>(path, { token: chairToken });
    const items = Object.fromEntries(
      getFramework(a.frameworkId)!
        .leaves.filter((l) => l.code !== '1.1.2' && l.code !== '1.2.2')
        .map((l) => [l.code, l.code === '1.8.1' ? { notApplicable: true } : { score: l.max / 100 }]),
    );
    await api(path + '/self', { method: 'PUT', token: chairToken, body: { version: a.version, items } });

    // The chair submits at the bottom of a long phone page: the message takes the focus, on screen.
    const chairCtx = await chromium.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const chair = await signIn(chairCtx, 'commune_chair', 'Trần Thị Bình');
    await chair.getByRole('link', { name: /phiếu tự đánh giá/ }).click();
    await chair.getByTestId('total-points').waitFor();
    expect(await chair.getByTestId('deadline').count()).toBe(1);
    await chair.getByRole('button', { name: 'Mở tất cả lĩnh vực' }).click();
    await chair.getByRole('button', { name: 'Nộp báo cáo tự đánh giá…' }).click();
    await chair.getByRole('dialog').getByRole('button', { name: 'Xác nhận nộp' }).click();
    const done = chair.getByTestId('step-done');
    await done.waitFor();
    await expect.poll(() => focusedAndVisible(done)).toEqual({ focused: true, onScreen: true, role: 'status' });
    expect(await done.innerText()).toContain('Đã nộp báo cáo tự đánh giá');
    expect(await chair.evaluate(() => scrollY)).toBeLessThan(2000);
    // Submitted: no countdown on the form any more.
    expect(await chair.getByTestId('deadline').count()).toBe(0);

    // The home: no running countdown, the score named as the submitted self-assessment.
    await chair.getByRole('link', { name: 'Trang chủ' }).click();
    await chair.getByTestId('score-title').waitFor();
    expect(await text(chair, 'score-title')).toBe('Kết quả tự đánh giá đã nộp');
    expect(await text(chair, 'score-note')).not.toContain('tạm tính');
    expect(await text(chair, 'submitted-at')).toMatch(/^Đã nộp lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    expect(await chair.locator('.deadline .left').count()).toBe(0);
    expect(await pageWidth(chair)).toBeLessThanOrEqual(PHONE.width);
    await chairCtx.close();
  });

  it('district: deadline column, deadline dialog in an English browser, = tự chấm by keyboard, return and complete', async () => {
    // An English browser: the native field shows "MM/DD/YYYY, hh:mm PM"; beside it, the Vietnamese date.
    const ctx = await chromium.browser.newContext({ viewport: PHONE, locale: 'en-US' });
    const sec = await signIn(ctx, 'district_secretary', 'Lê Thị Thư');

    // The column says "deadline / submitted" and each cell says which it shows.
    const submitted = sec.locator(`tr[data-unit="${COMMUNE}"]`);
    await expect.poll(() => submitted.getByTestId('deadline-cell').innerText()).toMatch(/^Đã nộp \d{2}:\d{2} ngày/);
    const drafts = sec.locator('tr[data-unit]', { has: sec.getByRole('button', { name: /^Gia hạn cho/ }) });
    const draft = drafts.first();
    expect(await draft.getByTestId('deadline-cell').innerText()).toMatch(/^Hạn: \d{2}:\d{2} ngày/);
    await sec.setViewportSize({ width: 1366, height: 800 });
    expect(await sec.locator('table.list thead').first().innerText()).toContain('Hạn nộp / ngày nộp');
    await sec.setViewportSize(PHONE);

    const draftName = (await draft.locator('th[scope="row"]').innerText()).trim();
    await draft.getByRole('button', { name: /^Gia hạn cho/ }).click();
    const dlg = sec.getByRole('dialog', { name: 'Gia hạn tự đánh giá' });
    await dlg.waitFor();
    await dlg.getByLabel('Hạn mới').fill('2030-03-15T17:00');
    expect(await text(sec, 'deadline-shown')).toBe('Hạn mới: 17:00 thứ Sáu, ngày 15/03/2030 (giờ Hà Nội)');
    expect(await pageWidth(sec)).toBeLessThanOrEqual(PHONE.width);
    await dlg.getByRole('button', { name: 'Gia hạn', exact: true }).click();
    const extended = sec.getByTestId('step-done');
    await extended.waitFor();
    expect(await extended.innerText()).toBe(`Đã gia hạn tự đánh giá cho ${draftName} đến 17:00 ngày 15/03/2030.`);
    await expect.poll(() => focusedAndVisible(extended)).toEqual({ focused: true, onScreen: true, role: 'status' });
    await ctx.close();

    // The appraisal in a Vietnamese browser.
    const vctx = await chromium.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const ap = await signIn(vctx, 'district_secretary', 'Lê Thị Thư');
    await ap.goto(`${stack.url}/tham-dinh/${cycleId}/${COMMUNE}`);
    await ap.getByTestId('appraised-points').waitFor();
    // 1.8.1 is not applicable: nothing appraised yet reads 0 of the 118 applicable rows.
    expect(await text(ap, 'form-progress')).toBe('0/118');

    // "= tự chấm" by Space, then by Enter: the score is taken and the focus stays on that row's field.
    for (const [code, key] of [
      ['1.1.1', 'Space'],
      ['1.1.2', 'Enter'],
    ] as const) {
      const id = code.replace(/\./g, '-');
      await ap.getByRole('button', { name: `Lấy điểm tự chấm 1 cho tiêu chí ${code}` }).focus();
      await ap.keyboard.press(key);
      await expect.poll(() => ap.evaluate(() => document.activeElement?.id)).toBe(`a-${id}`);
      expect(await ap.inputValue(`#a-${id}`)).toBe('1');
    }
    expect(await text(ap, 'form-progress')).toBe('2/118');
    expect(await pageWidth(ap)).toBeLessThanOrEqual(PHONE.width);
    await expect.poll(() => text(ap, 'save-status'), { timeout: 10_000 }).toMatch(/^Đã lưu lúc/);

    // Return: the message has the focus, on screen.
    await ap.getByRole('button', { name: 'Trả lại để giải trình…' }).click();
    const ret = ap.getByRole('dialog', { name: 'Trả lại hồ sơ để giải trình' });
    await ret.getByLabel('Lý do trả lại').fill('Đề nghị bổ sung tài liệu kiểm chứng tiêu chí 1.2.2.');
    await ret.getByRole('button', { name: 'Trả lại hồ sơ' }).click();
    const returned = ap.getByTestId('step-done');
    await returned.waitFor();
    expect(await returned.innerText()).toBe('Đã trả lại hồ sơ để xã giải trình.');
    await expect.poll(() => focusedAndVisible(returned)).toEqual({ focused: true, onScreen: true, role: 'status' });

    // The commune resubmits and the rest is appraised as scored (API), then the secretary completes.
    const chair = await token('commune_chair', COMMUNE, 'Trần Thị Bình');
    const back = await api<AssessmentResponse>(path, { token: chair });
    await api(path + '/submit', { method: 'POST', token: chair, body: { version: back.version } });
    const secToken = await token('district_secretary', DISTRICT, 'Lê Thị Thư');
    const now = await api<{
      version: number;
      items: Record<string, { selfScore: number | null; appraisedScore: number | null; notApplicable: boolean }>;
    }>(path, { token: secToken });
    const rest = Object.fromEntries(
      Object.entries(now.items)
        .filter(([, r]) => !r.notApplicable && r.appraisedScore === null)
        .map(([code, r]) => [code, { score: r.selfScore }]),
    );
    await api(path + '/appraisal', { method: 'PUT', token: secToken, body: { version: now.version, items: rest } });
    await ap.reload();
    await ap.getByTestId('appraised-points').waitFor();
    expect(await text(ap, 'form-progress')).toBe('118/118');
    await ap.getByRole('button', { name: 'Mở tất cả lĩnh vực' }).click();
    await ap.getByRole('button', { name: 'Hoàn thành thẩm định…' }).click();
    await ap
      .getByRole('dialog', { name: 'Xác nhận hoàn thành thẩm định' })
      .getByRole('button', { name: 'Xác nhận hoàn thành' })
      .click();
    const completed = ap.getByTestId('step-done');
    await expect.poll(() => completed.innerText()).toContain('Đã hoàn thành thẩm định');
    await expect.poll(() => focusedAndVisible(completed)).toEqual({ focused: true, onScreen: true, role: 'status' });
    expect(await ap.evaluate(() => scrollY)).toBeLessThan(2000);
    await vctx.close();

    // The commune's home now names the appraised score.
    const cctx = await chromium.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const home = await signIn(cctx, 'commune_chair', 'Trần Thị Bình');
    expect(await text(home, 'score-title')).toBe('Điểm thẩm định');
    expect(await text(home, 'score-note')).not.toContain('tạm tính');
    expect(await home.locator('.deadline .left').count()).toBe(0);
    await cctx.close();
  });
});
