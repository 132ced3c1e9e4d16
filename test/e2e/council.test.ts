/**
 * The homes and the council's list in a real browser (issue 21: items 3, 10, 17, 24, 28 and 22's
 * counters), on the test province (test/support/fixture-province.ts) with four cycles opened through
 * the API: two in the legacy district-level organisation (three and two years ago) and two in the
 * province-level one (last year and this year). `npm run build:web` must have run.
 *
 * - A commune picks last year on its home and opens last year's form (item 17); it is offered only
 *   the cycles its unit belongs to, and a district's secretary only its district-level ones (item 24).
 * - On a 360×740 phone the header stays under 72 px and the council's first commune is in view; on a
 *   desktop no commune's name wraps (item 28).
 * - The list reads no assessment of its own: a submitted commune's date is there at once (item 10).
 * - "Gia hạn…" opens on the deadline in force; an earlier date needs the confirmation naming both
 *   dates and is recorded as a shortening (item 3).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { formatDateTime } from '../../shared/dates.js';
import { LEGACY_ORG_ID, PROVINCE_ORG_ID } from '../support/fixture-province.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import { apiClient, scoresWithLoss } from './ranking-data.js';
import type { AssessmentResponse, AuditEntry, Cycle, RowSaveResponse } from '../../shared/schemas.js';

const WEB_BUILD = resolve(import.meta.dirname, '../../web/build/200.html');
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1366, height: 768 };
const PROVINCE = 'thai-nguyen';
const COMMUNE = 'x-phuc-xuan';
const COMMUNE_NAME = 'Xã Phúc Xuân';
const SUBMITTED = 'p-phan-dinh-phung';
const DISTRICT = 'tp-thai-nguyen';
const year = new Date().getUTCFullYear();

let stack: LocalStack;
let chromium: LaunchedBrowser;
let dataDir: string;
/** The cycles by how many years ago they are: 0 and 1 province-level, 2 and 3 district-level. */
const cycles: Cycle[] = [];

const client = () => apiClient(stack.url);

/** A page signed in with a dev token (the token in sessionStorage, as the sign-in page leaves it). */
async function pageAs(browser: Browser, viewport: { width: number; height: number }, role: string, unitId: string) {
  const token = await client().token(role, unitId, 'Người dùng thử');
  const ctx = await browser.newContext({ viewport, locale: 'vi-VN' });
  await ctx.addInitScript((t) => sessionStorage.setItem('cchc.token', t), token);
  return { page: await ctx.newPage(), ctx, token };
}

const pickerYears = (page: Page) => page.getByLabel('Kỳ đánh giá').locator('option').allInnerTexts();

beforeAll(async () => {
  if (!existsSync(WEB_BUILD)) throw new Error('web/build is missing: run "npm run build:web" first (npm test does it).');
  dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-council-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: false });
  chromium = await launchChromium();
  const { call, token } = client();
  const province = await token('province');
  const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) + 'T17:00:00+07:00';
  for (const [ago, organisationId] of [
    [0, PROVINCE_ORG_ID],
    [1, PROVINCE_ORG_ID],
    [2, LEGACY_ORG_ID],
    [3, LEGACY_ORG_ID],
  ] as const)
    cycles[ago] = await call<Cycle>('/cycles', {
      method: 'POST',
      token: province,
      body: { year: year - ago, frameworkId: 'thai-nguyen-4203-2021', selfAssessmentDeadline: deadline, organisationId },
    });
  // Last year the commune scored 1.1.1 at 0,5; this year one commune has submitted.
  const chair = await token('commune_chair', COMMUNE);
  const last = `/cycles/${cycles[1]!.id}/assessments/${COMMUNE}`;
  await call(last + '/self', { method: 'PUT', token: chair, body: { version: 0, items: { '1.1.1': { score: 0.5 } } } });
  const other = await token('commune_chair', SUBMITTED);
  const path = `/cycles/${cycles[0]!.id}/assessments/${SUBMITTED}`;
  const items = Object.fromEntries(Object.entries(scoresWithLoss('thai-nguyen-4203-2021', 5)).map(([c, s]) => [c, { score: s }]));
  const saved = await call<RowSaveResponse>(path + '/self', { method: 'PUT', token: other, body: { version: 0, items } });
  await call(path + '/submit', { method: 'POST', token: other, body: { version: saved.version } });
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the homes pick a cycle', () => {
  it("a commune sees this year, picks last year and opens last year's form; only its own organisation's cycles", async () => {
    const { page, ctx } = await pageAs(chromium.browser, PHONE, 'commune_chair', COMMUNE);
    await page.goto(stack.url + '/');
    await page.getByText(`Kỳ đánh giá Chỉ số CCHC năm ${year}`).waitFor();
    // Item 25: this year's form is untouched, so no class yet (its index 0 would read "Yếu"); item 26:
    // figures with two decimals.
    expect(await page.getByTestId('home-class').innerText()).toBe('Chưa chấm điểm tiêu chí nào.');
    expect(await page.getByTestId('home-points').innerText()).toBe('0,00 / 100,00 điểm');
    // The legacy organisation has no Xã Phúc Xuân (x-phuc-xuan): its two cycles are not offered.
    expect(await pickerYears(page)).toEqual([`Năm ${year}`, `Năm ${year - 1}`]);
    await page.getByLabel('Kỳ đánh giá').selectOption(cycles[1]!.id);
    await page.waitForURL(`${stack.url}/?cycle=${cycles[1]!.id}`);
    await page.getByText(`Kỳ đánh giá Chỉ số CCHC năm ${year - 1}`).waitFor();
    expect(await page.getByLabel('Kỳ đánh giá').inputValue()).toBe(cycles[1]!.id);
    // Last year one row was scored: a class from then on.
    expect(await page.getByTestId('home-class').innerText()).toBe('Chỉ số: 0,50 · Xếp loại: Yếu');
    await page.getByRole('link', { name: 'Mở phiếu tự đánh giá' }).click();
    await page.waitForURL(new RegExp(`/danh-gia/${cycles[1]!.id}/${COMMUNE}$`));
    await expect.poll(() => page.inputValue('#s-1-1-1')).toBe('0,5');
    await ctx.close();
  });

  it("a district's secretary is offered only its district-level cycles (not the province's)", async () => {
    const { page, ctx } = await pageAs(chromium.browser, DESKTOP, 'district_secretary', DISTRICT);
    await page.goto(stack.url + '/');
    await page.getByRole('heading', { name: /Danh sách xã/ }).waitFor();
    expect(await pickerYears(page)).toEqual([`Năm ${year - 2}`, `Năm ${year - 3}`]);
    expect(await page.getByLabel('Kỳ đánh giá').inputValue()).toBe(cycles[2]!.id);
    // The analysis page's picker too.
    await page.goto(`${stack.url}/tong-hop/${cycles[2]!.id}`);
    await expect.poll(() => pickerYears(page)).toEqual([`Năm ${year - 2}`, `Năm ${year - 3}`]);
    await ctx.close();
  });
});

describe("the council's list", () => {
  it('on a phone: short header, first commune in view, no reads of single assessments, counters, deadline dialog', async () => {
    const { page, ctx, token } = await pageAs(chromium.browser, PHONE, 'province_secretary', PROVINCE);
    const singleReads: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'GET' && /\/api\/cycles\/[^/]+\/assessments\/[^/?]+$/.test(new URL(r.url()).pathname))
        singleReads.push(r.url());
    });
    await page.goto(stack.url + '/');
    const first = page.locator('tr[data-unit]').first();
    await first.waitFor();

    // Item 28: the header under 72 px, the first commune's name inside the 740 px.
    const header = await page.locator('header.top').boundingBox();
    expect(header!.height).toBeLessThan(72);
    const name = await first.locator('th.name').boundingBox();
    expect(name!.y + name!.height).toBeLessThanOrEqual(PHONE.height);
    // Item 12: the list's column names the kinds this province-level cycle has (no thị trấn after 1/7/2025).
    const kindsColumn = (await page.locator('table.list thead th').first().innerText()).trim();
    expect(kindsColumn).toMatch(/^Xã|^Phường/);
    expect(await page.locator('main').innerText()).not.toContain('thị trấn');
    // The functions fold into "Menu", which opens and closes from the keyboard.
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Xếp hạng' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('navigation', { name: 'Chức năng' }).isVisible()).toBe(false);
    expect(await menu.evaluate((b) => b === document.activeElement)).toBe(true);

    // Item 10: the submitted commune's date is there with the list, read from the list alone.
    const submittedAt = (await client().call<AssessmentResponse>(`/cycles/${cycles[0]!.id}/assessments/${SUBMITTED}`, { token }))
      .submittedAt!;
    expect(await page.locator(`tr[data-unit="${SUBMITTED}"]`).getByTestId('deadline-cell').innerText()).toBe(
      `Đã nộp ${formatDateTime(submittedAt)}`,
    );
    expect(singleReads).toEqual([]);
    // Item 22: a submitted report waits for its appraisal; none is being appraised.
    expect(await page.getByTestId('count-waiting').innerText()).toBe('1');
    expect(await page.getByTestId('count-in-appraisal').innerText()).toBe('0');

    // Item 3: the dialog opens on the deadline in force (the cycle's).
    const current = cycles[0]!.selfAssessmentDeadline;
    await page.getByRole('button', { name: `Gia hạn cho ${COMMUNE_NAME}` }).click();
    const dlg = page.getByRole('dialog', { name: 'Gia hạn tự đánh giá' });
    await dlg.waitFor();
    expect(await dlg.getByLabel('Hạn mới').inputValue()).toBe(current.slice(0, 16));
    expect(await dlg.getByTestId('deadline-current').innerText()).toBe(`Hạn hiện tại: ${formatDateTime(current)}`);
    // Ten days earlier: a shortening, refused until confirmed, naming both dates.
    const earlierDay = new Date(Date.parse(current) - 10 * 86_400_000).toISOString().slice(0, 10);
    const earlier = `${earlierDay}T17:00:00+07:00`;
    await dlg.getByLabel('Hạn mới').fill(`${earlierDay}T17:00`);
    const confirm = dlg.getByRole('checkbox');
    expect(await confirm.evaluate((c) => c.closest('label')!.textContent!.replace(/\s+/g, ' ').trim())).toBe(
      `Tôi xác nhận rút ngắn hạn của ${COMMUNE_NAME} từ ${formatDateTime(current)} xuống ${formatDateTime(earlier)}.`,
    );
    await dlg.getByRole('button', { name: 'Rút ngắn hạn' }).click();
    expect(await dlg.getByRole('alert').innerText()).toMatch(/xác nhận rút ngắn hạn/);
    const auditPath = `/cycles/${cycles[0]!.id}/assessments/${COMMUNE}/audit`;
    expect((await client().call<AuditEntry[]>(auditPath, { token })).some((e) => e.action.startsWith('deadline'))).toBe(false);
    await confirm.check();
    await dlg.getByRole('button', { name: 'Rút ngắn hạn' }).click();
    await expect
      .poll(() => page.getByTestId('step-done').innerText())
      .toBe(`Đã rút ngắn hạn tự đánh giá của ${COMMUNE_NAME} từ ${formatDateTime(current)} xuống ${formatDateTime(earlier)}.`);
    const audit = await client().call<AuditEntry[]>(auditPath, { token });
    expect(audit.filter((e) => e.action.startsWith('deadline')).map((e) => [e.action, e.from, e.to])).toEqual([
      ['deadline.shorten', current, earlier],
    ]);
    // Opened again, it starts from the commune's own deadline now; accepted as it is, nothing is shortened.
    await expect.poll(() => page.getByRole('button', { name: `Gia hạn cho ${COMMUNE_NAME}` }).isEnabled()).toBe(true);
    await page.getByRole('button', { name: `Gia hạn cho ${COMMUNE_NAME}` }).click();
    await dlg.waitFor();
    expect(await dlg.getByLabel('Hạn mới').inputValue()).toBe(`${earlierDay}T17:00`);
    expect(await dlg.getByRole('checkbox').count()).toBe(0);
    await dlg.getByRole('button', { name: 'Hủy' }).click();

    // Last year's list is one choice away.
    await page.getByLabel('Kỳ đánh giá').selectOption(cycles[1]!.id);
    await page.getByText(`Kỳ đánh giá năm ${year - 1}`).waitFor();
    await ctx.close();
  });

  it("the return dialog gives the clarification a deadline, which the list then shows as the commune's own", async () => {
    const { page, ctx, token } = await pageAs(chromium.browser, DESKTOP, 'province_secretary', PROVINCE);
    await page.goto(`${stack.url}/tham-dinh/${cycles[0]!.id}/${SUBMITTED}`);
    await page.getByRole('button', { name: 'Trả lại để giải trình…' }).click();
    const dlg = page.getByRole('dialog', { name: 'Trả lại hồ sơ để giải trình' });
    await dlg.getByLabel('Lý do trả lại, nội dung cần giải trình').fill('Bổ sung kế hoạch CCHC năm');
    const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const by = `${day}T17:00:00+07:00`;
    await dlg.getByLabel('Hạn giải trình (không bắt buộc)').fill(`${day}T17:00`);
    await dlg.getByRole('button', { name: 'Trả lại hồ sơ' }).click();
    await expect
      .poll(() => page.getByTestId('step-done').innerText())
      .toBe(`Đã trả lại hồ sơ để xã giải trình; hạn giải trình: ${formatDateTime(by)}.`);
    const a = await client().call<AssessmentResponse>(`/cycles/${cycles[0]!.id}/assessments/${SUBMITTED}`, { token });
    expect(a).toMatchObject({ status: 'RETURNED', deadline: by, returnReason: 'Bổ sung kế hoạch CCHC năm' });
    await page.goto(stack.url + '/');
    const cell = page.locator(`tr[data-unit="${SUBMITTED}"]`).getByTestId('deadline-cell');
    await expect.poll(() => cell.innerText()).toMatch(new RegExp(`^Hạn: ${formatDateTime(by)}.*\\(hạn riêng\\)$`, 's'));
    await ctx.close();
  });

  it('on a desktop no commune name wraps', async () => {
    const { page, ctx } = await pageAs(chromium.browser, DESKTOP, 'province', PROVINCE);
    // Three years ago: the legacy districts, with Phường Bá Xuyên among Sông Công's.
    await page.goto(`${stack.url}/?cycle=${cycles[3]!.id}`);
    await page.locator('tr[data-unit="ba-xuyen"]').waitFor();
    const lines = await page
      .locator('th.name a')
      .evaluateAll((as) => as.map((a) => [a.textContent, a.getClientRects().length] as const).filter(([, n]) => n !== 1));
    expect(lines).toEqual([]);
    await ctx.close();
  });
});
