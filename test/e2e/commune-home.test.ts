/**
 * The commune's home and submission in the province-level cycle, on a 360×740 phone against the local
 * stack (`npm run build:web` must have run), on the test province's province-level organisation
 * (test/support/fixture-province.ts), issue 21:
 * - item 8: every text names the province's council and chairman, none a district;
 * - item 18: the chairman's home says the form is ready and submits it through the form's own dialog;
 *   the form offers submitting at its top, in view without scrolling;
 * - item 19: the dialog counts and lists the applicable rows without evidence, folded, and still submits;
 * - item 14: Escape and "Hủy" give the focus back to the button that opened the dialog;
 * - item 27: a returned assessment's home says so, with the reason, and the dialog is a resubmission;
 * - item 17: once published, the home shows the commune's rank in its block.
 * The other communes and the council's steps go through the API.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { PROVINCE_ORG_ID } from '../support/fixture-province.js';
import { titleFor } from '../../shared/framework.js';
import { getFramework } from '../../shared/framework-registry.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import { apiClient, scoresWithLoss } from './ranking-data.js';
import type { AssessmentResponse, Cycle, RowSaveResponse } from '../../shared/schemas.js';

const WEB_BUILD = resolve(import.meta.dirname, '../../web/build/200.html');
const PROVINCE = 'thai-nguyen';
const COMMUNE = 'p-phan-dinh-phung';
const PHONE = { width: 360, height: 740 };
const FRAMEWORK = 'thai-nguyen-4203-2021';
const NOT_APPLICABLE = '1.8.1';
const WITH_EVIDENCE = '1.1.1';
/** A score below the commune's needs the council's comment. */
const LESS = 'Tài liệu kiểm chứng chưa đầy đủ.';
const REASON = 'Đề nghị bổ sung kế hoạch CCHC năm của phường (tiêu chí 1.1.1).';

let stack: LocalStack;
let chromium: LaunchedBrowser;
let dataDir: string;
let cycleId: string;
let path: string;

const SHOTS = process.env.SCREENSHOT_DIR;

/** With SCREENSHOT_DIR set, a full-page picture of each screen (to look at by hand). */
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

const client = () => apiClient(stack.url);
const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

/** The element lies wholly inside the viewport (no scrolling needed to reach it). */
const inView = (el: Locator) =>
  el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
  });
/** What has the focus: its tag and text, or BODY when it was dropped. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    return e === document.body || !e ? 'BODY' : `${e.tagName}:${(e.textContent ?? '').trim()}`;
  });

/** Self-assesses and submits as planned; the province's secretary appraises every row and completes. */
async function appraised(unitId: string, selfLoss: number, appraisedLoss: number) {
  const { call, token } = client();
  const secretary = await token('province_secretary', PROVINCE, 'Thư ký Hội đồng thẩm định tỉnh');
  const chair = await token('commune_chair', unitId, 'Chủ tịch UBND xã');
  const p = `/cycles/${cycleId}/assessments/${unitId}`;
  const a = await call<AssessmentResponse>(p, { token: chair });
  const self = scoresWithLoss(FRAMEWORK, selfLoss);
  const saved = await call<RowSaveResponse>(p + '/self', {
    method: 'PUT',
    token: chair,
    body: { version: a.version, items: Object.fromEntries(Object.entries(self).map(([c, s]) => [c, { score: s }])) },
  });
  const submitted = await call<AssessmentResponse>(p + '/submit', {
    method: 'POST',
    token: chair,
    body: { version: saved.version },
  });
  const items = Object.fromEntries(
    Object.entries(scoresWithLoss(FRAMEWORK, appraisedLoss)).map(([c, s]) => [
      c,
      s === self[c] ? { score: s } : { score: s, comment: LESS },
    ]),
  );
  const done = await call<RowSaveResponse>(p + '/appraisal', {
    method: 'PUT',
    token: secretary,
    body: { version: submitted.version, items },
  });
  await call(p + '/complete', { method: 'POST', token: secretary, body: { version: done.version } });
}

/** A phone signed in as the commune's chairman (the token where the app keeps it). */
async function chairPhone(browser: Browser): Promise<Page> {
  const chair = await client().token('commune_chair', COMMUNE, 'Trần Thị Bình');
  const ctx = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
  await ctx.addInitScript((t) => sessionStorage.setItem('cchc.token', t), chair);
  const page = await ctx.newPage();
  await page.goto(stack.url + '/');
  await page.getByTestId('progress').waitFor();
  return page;
}

beforeAll(async () => {
  if (!existsSync(WEB_BUILD)) throw new Error('web/build is missing: run "npm run build:web" first (npm test does it).');
  dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-commune-home-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: false });
  chromium = await launchChromium();

  const { call, token } = client();
  const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) + 'T17:00:00+07:00';
  const cycle = await call<Cycle>('/cycles', {
    method: 'POST',
    token: await token('province'),
    body: {
      year: new Date().getUTCFullYear(),
      frameworkId: FRAMEWORK,
      selfAssessmentDeadline: deadline,
      organisationId: PROVINCE_ORG_ID,
    },
  });
  cycleId = cycle.id;
  path = `/cycles/${cycleId}/assessments/${COMMUNE}`;
  // The other phường (same block) appraised at 95; the two xã.
  await appraised('p-song-cong', 3, 5);
  await appraised('x-phuc-xuan', 15, 20);
  await appraised('x-dai-phuc', 10, 12);

  // The commune: every row at its maximum, 1.8.1 "(nếu có)" not applicable, one file on 1.1.1.
  const chair = await token('commune_chair', COMMUNE, 'Trần Thị Bình');
  const a = await call<AssessmentResponse>(path, { token: chair });
  const items = Object.fromEntries(
    getFramework(FRAMEWORK)!.leaves.map((l) => [
      l.code,
      l.code === NOT_APPLICABLE ? { notApplicable: true } : { score: l.max / 100 },
    ]),
  );
  await call(path + '/self', { method: 'PUT', token: chair, body: { version: a.version, items } });
  const pdf = Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n'),
    Buffer.alloc(2_000, 0x20),
    Buffer.from('\n%%EOF\n'),
  ]);
  const { id, upload } = await call<{ id: string; upload: { url: string; method: string; headers?: Record<string, string> } }>(
    path + '/evidence',
    {
      method: 'POST',
      token: chair,
      body: { code: WITH_EVIDENCE, fileName: 'ke-hoach.pdf', contentType: 'application/pdf', size: pdf.length },
    },
  );
  const put = await fetch(upload.url, { method: upload.method, headers: upload.headers, body: pdf });
  expect(put.ok).toBe(true);
  await call(`${path}/evidence/${id}/confirm`, { method: 'POST', token: chair });
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the commune in the province-level cycle, on a phone', () => {
  it('the chairman: the province named; ready to submit from the home and the top of the form; rows without evidence; focus back', async () => {
    const page = await chairPhone(chromium.browser);
    const main = page.locator('main');
    expect(await text(page, 'appraising-body')).toContain('Hội đồng thẩm định tỉnh thẩm định; Chủ tịch UBND tỉnh phê duyệt');
    expect(await main.innerText()).not.toMatch(/huyện/);

    // The form's top: submitting is in view without scrolling; Escape gives the focus back to it.
    await page.getByRole('link', { name: /phiếu tự đánh giá/ }).click();
    await page.getByTestId('total-points').waitFor();
    const top = page.getByTestId('submit-top').getByRole('button');
    expect(await page.evaluate(() => scrollY)).toBe(0);
    expect(await inView(top)).toBe(true);
    await shot(page, 'form-top');
    await top.click();
    const dialog = page.getByRole('dialog', { name: 'Xác nhận nộp báo cáo tự đánh giá' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Hội đồng thẩm định tỉnh');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused(page)).toBe('BUTTON:Nộp báo cáo…');

    // The home: ready, with the same confirmation.
    await page.getByRole('link', { name: 'Trang chủ' }).click();
    const ready = page.getByTestId('ready-to-submit');
    await ready.waitFor();
    expect(await ready.innerText()).toContain('Đã chấm đủ 119/119 tiêu chí');
    const submit = ready.getByRole('button', { name: 'Nộp báo cáo tự đánh giá…' });
    expect(await inView(submit)).toBe(true);
    await shot(page, 'home-ready');
    await submit.click();
    await dialog.waitFor();

    // Rows without evidence: every applicable row but the one with a file, folded, codes and titles.
    const fw = getFramework(FRAMEWORK)!;
    const bare = fw.leaves.filter((l) => l.code !== NOT_APPLICABLE && l.code !== WITH_EVIDENCE);
    expect(await text(page, 'no-evidence-count')).toBe(`${bare.length} tiêu chí chưa có tài liệu kiểm chứng.`);
    const list = dialog.getByTestId('no-evidence-list');
    expect(await list.isVisible()).toBe(false);
    await dialog.getByText(`Xem danh sách ${bare.length} tiêu chí`).click();
    await shot(page, 'dialog-open-list');
    const listed = await list.locator('li').allInnerTexts();
    expect(listed).toHaveLength(bare.length);
    expect(listed[0]).toBe(`${bare[0]!.code} ${titleFor(bare[0]!, 'phuong')}`);
    expect(listed.some((l) => l.startsWith(WITH_EVIDENCE + ' ') || l.startsWith(NOT_APPLICABLE + ' '))).toBe(false);

    // "Hủy", then Escape from a dialog opened by the keyboard: the focus is back on the button.
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused(page)).toBe('BUTTON:Nộp báo cáo tự đánh giá…');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused(page)).toBe('BUTTON:Nộp báo cáo tự đánh giá…');

    // Submitted from the home despite the warning: the message has the focus; the province appraises.
    await submit.click();
    await dialog.getByRole('button', { name: 'Xác nhận nộp' }).click();
    const done = page.getByTestId('step-done');
    await done.waitFor();
    await expect.poll(() => focused(page)).toBe('P:Đã nộp báo cáo tự đánh giá. Phiếu đã được khóa.');
    expect(await text(page, 'status')).toBe('Đã nộp');
    expect(await text(page, 'score-note')).toBe(
      'Hội đồng thẩm định tỉnh đang thẩm định; xếp hạng theo chỉ số tính từ điểm thẩm định.',
    );
    expect(await page.getByTestId('ready-to-submit').count()).toBe(0);
    await shot(page, 'home-submitted');
    expect(await main.innerText()).not.toMatch(/huyện/);
    await page.context().close();
  });

  it('returned: the home says so with the reason; the dialog is a resubmission; published: the rank in its block', async () => {
    const { call, token } = client();
    const secretary = await token('province_secretary', PROVINCE, 'Thư ký Hội đồng thẩm định tỉnh');
    const a = await call<AssessmentResponse>(path, { token: secretary });
    await call(path + '/return', { method: 'POST', token: secretary, body: { version: a.version, reason: REASON } });

    const page = await chairPhone(chromium.browser);
    expect(await text(page, 'status')).toBe('Trả lại để giải trình');
    const returned = await text(page, 'returned');
    expect(returned).toContain('Hội đồng thẩm định tỉnh đã trả lại hồ sơ để giải trình.');
    expect(returned).toContain(`Lý do: ${REASON}`);
    expect(returned).toContain('nộp lại');
    expect(await page.locator('main').innerText()).not.toMatch(/chưa nộp|huyện/i);

    await shot(page, 'home-returned');
    const ready = page.getByTestId('ready-to-submit');
    expect(await ready.getByRole('heading').innerText()).toBe('Sẵn sàng nộp lại');
    await ready.getByRole('button', { name: 'Nộp lại báo cáo tự đánh giá…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Xác nhận nộp lại báo cáo tự đánh giá' });
    await dialog.waitFor();
    await shot(page, 'dialog-resubmit');
    const note = await text(page, 'resubmit-note');
    expect(note).toContain('Hội đồng thẩm định tỉnh đã trả lại hồ sơ để giải trình');
    expect(note).toContain(REASON);
    await dialog.getByRole('button', { name: 'Xác nhận nộp lại' }).click();
    await page.getByTestId('step-done').waitFor();
    expect(await text(page, 'step-done')).toBe('Đã nộp lại báo cáo tự đánh giá. Phiếu đã được khóa.');
    expect(await text(page, 'status')).toBe('Đã nộp');

    // Appraised at 10 points less (89,50 of the 99,50 applicable: index 89,95), below Sông Công's 95.
    const now = await call<AssessmentResponse>(path, { token: secretary });
    const loss = scoresWithLoss(FRAMEWORK, 10);
    const full = scoresWithLoss(FRAMEWORK, 0);
    const items = Object.fromEntries(
      Object.entries(loss)
        .filter(([c]) => c !== NOT_APPLICABLE)
        .map(([c, s]) => [c, s === full[c] ? { score: s } : { score: s, comment: LESS }]),
    );
    const saved = await call<RowSaveResponse>(path + '/appraisal', {
      method: 'PUT',
      token: secretary,
      body: { version: now.version, items },
    });
    await call(path + '/complete', { method: 'POST', token: secretary, body: { version: saved.version } });
    await page.reload();
    await page.getByTestId('score-note').waitFor();
    expect(await text(page, 'score-note')).toBe('Đã hoàn thành thẩm định; chờ Chủ tịch UBND tỉnh phê duyệt kết quả xếp hạng.');
    expect(await page.getByTestId('rank').count()).toBe(0);

    const chair = await token('province_chair', PROVINCE, 'Chủ tịch UBND tỉnh');
    for (const step of ['approve', 'publish'])
      await call(`/cycles/${cycleId}/rankings/${PROVINCE}/${step}`, { method: 'POST', token: chair, body: {} });
    await page.reload();
    await page.getByTestId('rank').waitFor();
    expect(await text(page, 'score-title')).toBe('Kết quả đã công bố');
    await shot(page, 'home-published');
    expect(await text(page, 'rank')).toBe('Xếp hạng: 2/2 (khối phường, Tỉnh Thái Nguyên)');
    expect(await text(page, 'rank-rule')).toMatch(
      /^Xếp hạng theo chỉ số CCHC .*, xếp riêng từng khối; đồng chỉ số thì đồng hạng/,
    );
    await page.context().close();
  });
});
