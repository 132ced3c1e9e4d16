/**
 * Issue 21 items 9, 23 and 30 in a real browser against the local stack (`npm run build:web` first):
 * the local sign-in page with a unit search that matches nothing (a Vietnamese message, "Đăng nhập"
 * sends nothing) and one public-results link; the secretary picks an appraiser from the unit's users
 * (the directory), sees each area with its name, is refused an e-mail of nobody, and after a good save
 * no stale error or rejected id is left; the appraiser, signed in as that user of the directory, finds
 * the assigned area applied on the appraisal form.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { getFramework } from '../../shared/framework-registry.js';
import type { AssessmentResponse, Cycle, RowSaveResponse } from '../../shared/schemas.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import { apiClient } from './ranking-data.js';

const COMMUNE = 'phuc-xuan';
const DISTRICT = 'tp-thai-nguyen';
const WEB_BUILD = resolve(import.meta.dirname, '../../web/build/200.html');

let stack: LocalStack;
let chromium: LaunchedBrowser;
let dataDir: string;
let cycleId: string;
let frameworkId: string;

beforeAll(async () => {
  if (!existsSync(WEB_BUILD)) throw new Error('web/build is missing: run "npm run build:web" first (npm test does it).');
  dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-assign-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: true });
  chromium = await launchChromium();
  // One commune submitted through the API, so that the appraiser has a form to open.
  const { call, token } = apiClient(stack.url);
  const chair = await token('commune_chair', COMMUNE);
  cycleId = (await call<Cycle[]>('/cycles', { token: chair })).find((c) => c.status === 'OPEN')!.id;
  const path = `/cycles/${cycleId}/assessments/${COMMUNE}`;
  const a = await call<AssessmentResponse>(path, { token: chair });
  frameworkId = a.frameworkId;
  const items = Object.fromEntries(getFramework(frameworkId)!.leaves.map((l) => [l.code, { score: l.max / 100 }]));
  const saved = await call<RowSaveResponse>(path + '/self', { method: 'PUT', token: chair, body: { version: a.version, items } });
  await call(path + '/submit', { method: 'POST', token: chair, body: { version: saved.version } });
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Signs in on the local page as the first user of the directory for the role and the district; answers their name. */
async function signInAsDirectoryUser(page: Page, role: string): Promise<string> {
  await page.goto(stack.url + '/dang-nhap');
  await page.getByLabel('Vai trò').selectOption(role);
  await page.getByLabel('Huyện, thành phố, thị xã').selectOption(DISTRICT);
  const user = page.getByLabel('Người dùng');
  await user.selectOption({ index: 1 });
  const name = (await user.locator('option:checked').innerText()).split(' · ')[0]!;
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: /Danh sách xã/ }).waitFor();
  return name;
}

describe('assigning appraisers in the browser', () => {
  it('sign-in: no matching unit → a message and nothing sent; one public-results link', async () => {
    const ctx = await chromium.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await ctx.newPage();
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/dev/token') && r.method() === 'POST') sent.push(r.url());
    });
    await page.goto(stack.url + '/dang-nhap');
    await page.getByLabel('Vai trò').selectOption('commune_officer');
    await page.getByLabel('Xã, phường, thị trấn').waitFor();
    const before = sent.length;
    await page.getByLabel(/Tìm đơn vị/).fill('khong co xa nao nhu the');
    const button = page.getByRole('button', { name: 'Đăng nhập' });
    await expect.poll(() => button.isDisabled()).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: 'Không có xã, phường nào khớp' }).innerText()).toContain(
      '“khong co xa nao nhu the”',
    );
    // Enter in the search field submits the form: still nothing is sent and no raw error appears.
    await page.getByLabel(/Tìm đơn vị/).press('Enter');
    expect(sent.length).toBe(before);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.locator('a[href="/cong-khai"]').count()).toBe(1);
    await page.getByLabel(/Tìm đơn vị/).fill('phuc xuan');
    await expect.poll(() => button.isDisabled()).toBe(false);
    await ctx.close();
  });

  it('the secretary picks a user of the unit, sees "II. <name>", is refused an unknown e-mail, saves clean; the appraiser gets area II', async () => {
    const ctx = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const sec = await ctx.newPage();
    await signInAsDirectoryUser(sec, 'district_secretary');
    await sec.getByRole('link', { name: 'Phân công thẩm định' }).click();

    // Pick the unit's first appraiser from the list: e-mail and name filled in.
    const pick = sec.getByLabel(/Chọn người dùng của/);
    await pick.selectOption({ index: 1 });
    const [name, email] = (await pick.locator('option:checked').innerText()).split(' · ') as [string, string];
    expect(await sec.getByLabel('Email của thành viên').inputValue()).toBe(email);
    expect(await sec.getByLabel('Họ và tên').inputValue()).toBe(name);
    await sec.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    const area2 = getFramework(frameworkId)!.areas.find((a) => a.code === 'II')!;
    const row = sec.locator(`li[data-appraiser="${email}"]`);
    expect(await row.locator('label', { has: sec.getByLabel(`Lĩnh vực II cho ${name}`) }).innerText()).toBe(`II. ${area2.title}`);
    await sec.getByLabel(`Lĩnh vực II cho ${name}`).check();

    // An e-mail that names nobody: the save is refused and the row says so.
    await sec.getByLabel('Email của thành viên').fill('khong-co-ai@example.vn');
    await sec.getByLabel('Họ và tên').fill('Không Có Ai');
    await sec.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await sec.getByLabel('Lĩnh vực I cho Không Có Ai').check();
    await sec.getByRole('button', { name: 'Lưu phân công' }).click();
    expect(await sec.getByRole('alert').innerText()).toContain('Không có thành viên Tổ giúp việc nào của đơn vị này');
    await sec.locator('li[data-appraiser="khong-co-ai@example.vn"]').getByText('Không phải người dùng của đơn vị này').waitFor();
    await sec.getByRole('button', { name: 'Bỏ Không Có Ai khỏi danh sách' }).click();

    // Adding the picked user again is refused on the page; then a good save leaves nothing stale.
    await sec.getByLabel('Email của thành viên').fill(email);
    await sec.getByLabel('Họ và tên').fill(name);
    await sec.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await sec.getByText('Người này đã có trong danh sách.').waitFor();
    await sec.getByRole('button', { name: 'Lưu phân công' }).click();
    await sec.getByText('Đã lưu phân công.').waitFor();
    expect(await sec.getByRole('alert').count()).toBe(0);
    expect(await sec.getByLabel('Email của thành viên').inputValue()).toBe('');
    expect(await sec.getByLabel('Họ và tên').inputValue()).toBe('');
    expect(
      await sec.locator('li[data-appraiser]').evaluateAll((els) => els.map((e) => e.getAttribute('data-appraiser'))),
    ).toEqual([email]);
    expect(await sec.locator('.history').innerText()).toContain(`${name} — lĩnh vực (không) → II`);
    await ctx.close();

    // The appraiser picks themselves at sign-in: their token carries the e-mail the assignment names.
    const apCtx = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const ap = await apCtx.newPage();
    await ap.goto(stack.url + '/dang-nhap');
    await ap.getByLabel('Vai trò').selectOption('district_appraiser');
    await ap.getByLabel('Huyện, thành phố, thị xã').selectOption(DISTRICT);
    await ap.getByLabel('Người dùng').selectOption(email);
    await ap.getByRole('button', { name: 'Đăng nhập' }).click();
    await ap.getByRole('heading', { name: /Danh sách xã/ }).waitFor();
    await ap.goto(`${stack.url}/tham-dinh/${cycleId}/${COMMUNE}`);
    expect(await ap.getByTestId('assigned-areas').innerText()).toContain('lĩnh vực II;');
    expect(await ap.locator('#a-2-1-1').isEditable()).toBe(true);
    await apCtx.close();
  });
});
