/**
 * The district's appraisal in a real browser against the local stack (`npm run build:web` must have
 * run): the secretary returns a submission, the commune sees the reason and the comment, fixes a row,
 * resubmits; an appraiser limited to area II (assigned by the secretary in the browser) scores a row
 * differently from the commune and is asked for a comment; the secretary appraises the rest and
 * completes; the audit view lists the return and the appraiser's change. Totals are checked both ways
 * against figures computed by hand. Screenshots (360 px and desktop) go to $SCREENSHOT_DIR when set.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { getFramework } from '../../shared/framework-registry.js';
import { apiClient } from './ranking-data.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import type { AssessmentResponse, AuditEntry, Cycle, RowSaveResponse } from '../../shared/schemas.js';

const COMMUNE = 'phuc-xuan';
const COMMUNE_NAME = 'Xã Phúc Xuân';
const DISTRICT = 'tp-thai-nguyen';
const APPRAISER = 'Nguyễn Văn An';
const APPRAISER_ID = `local:district_appraiser:${DISTRICT}:nguyen-van-an`;
const WEB_BUILD = resolve(import.meta.dirname, '../../web/build/200.html');
const SHOTS = process.env.SCREENSHOT_DIR;

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

type Role = 'commune_chair' | 'district_secretary' | 'district_appraiser';

async function signIn(ctx: BrowserContext, role: Role, name: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(stack.url + '/');
  await page.waitForURL(/\/dang-nhap/);
  await page.getByLabel('Vai trò').selectOption(role);
  if (role === 'commune_chair') await page.getByLabel('Xã, phường, thị trấn').selectOption(COMMUNE);
  else await page.getByLabel('Huyện, thành phố, thị xã').selectOption(DISTRICT);
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  if (role === 'commune_chair') await page.getByTestId('progress').waitFor();
  else await page.getByRole('heading', { name: /Danh sách xã/ }).waitFor();
  return page;
}

async function waitSaved(page: Page) {
  await expect.poll(() => text(page, 'save-status'), { timeout: 10_000 }).toMatch(/^Đã lưu lúc \d{2}:\d{2}/);
}

/** No element makes the page wider than the viewport. */
const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

const ctxOpts = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };

beforeAll(async () => {
  if (!existsSync(WEB_BUILD)) throw new Error('web/build is missing: run "npm run build:web" first (npm test does it).');
  dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-appraisal-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: true });
  chromium = await launchChromium();

  // Prepared through the API with a chair's dev token (the self-assessment form has its own e2e test):
  // every row at its maximum except 2.3.2 and 3.1.2 (1 of 1,5 each): 99 of 100; then submitted.
  const chair = await token('commune_chair', COMMUNE, 'Chuẩn bị dữ liệu');
  const cycles = await api<Cycle[]>('/cycles', { token: chair });
  cycleId = cycles.find((c) => c.status === 'OPEN')!.id;
  path = `/cycles/${cycleId}/assessments/${COMMUNE}`;
  const a = await api<AssessmentResponse>(path, { token: chair });
  const lower: Record<string, number> = { '2.3.2': 1, '3.1.2': 1 };
  const items = Object.fromEntries(
    getFramework(a.frameworkId)!.leaves.map((l) => [
      l.code,
      { score: lower[l.code] ?? l.max / 100, explanation: `Căn cứ ${l.code}` },
    ]),
  );
  const saved = await api<RowSaveResponse>(path + '/self', {
    method: 'PUT',
    token: chair,
    body: { version: a.version, items },
  });
  await api(path + '/submit', { method: 'POST', token: chair, body: { version: saved.version } });
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('appraisal in the browser', () => {
  it('secretary returns, commune fixes and resubmits, appraiser scores area II, secretary completes; audit lists it', async () => {
    // ---- The secretary opens the commune from the district list, comments on 3.1.2 and returns it.
    const secCtx = await chromium.browser.newContext(ctxOpts);
    const sec = await signIn(secCtx, 'district_secretary', 'Lê Thị Thư');
    const listRow = sec.locator(`tr[data-unit="${COMMUNE}"]`);
    expect(await listRow.getByTestId('status').innerText()).toBe('Đã nộp');
    expect(await listRow.getByTestId('progress').innerText()).toBe('119/119');
    expect(await listRow.getByTestId('self-total').innerText()).toBe('99,00');
    await shot(sec, 'district-list-desktop');
    await sec.setViewportSize({ width: 360, height: 780 });
    expect(await pageWidth(sec)).toBeLessThanOrEqual(360);
    await shot(sec, 'district-list-360');
    await sec.setViewportSize(ctxOpts.viewport);

    await listRow.getByRole('link', { name: COMMUNE_NAME, exact: true }).click();
    await sec.getByTestId('appraised-points').waitFor();
    expect(await text(sec, 'self-points')).toBe('99,00');
    expect(await text(sec, 'self-index')).toBe('99,00');
    expect(await text(sec, 'appraised-points')).toBe('0,00');
    // Nothing appraised yet: no class on that side.
    expect(await text(sec, 'appraised-class')).toBe('Chưa chấm điểm');

    await sec.getByRole('button', { name: /^III\./ }).click();
    const comment312 = 'Chưa có biên bản rà soát thủ tục hành chính; đề nghị bổ sung.';
    await sec.fill('#c-3-1-2', comment312);
    await waitSaved(sec);
    expect(await text(sec, 'status')).toBe('Đang thẩm định');

    // The return dialog: Escape closes it and gives the focus back; then a reason is required.
    const returnButton = sec.getByRole('button', { name: 'Trả lại để giải trình…' });
    await returnButton.click();
    const dialog = sec.getByRole('dialog', { name: 'Trả lại hồ sơ để giải trình' });
    await dialog.waitFor();
    expect(await sec.evaluate(() => document.activeElement?.id)).toBe('return-reason');
    await sec.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await returnButton.evaluate((el) => el === document.activeElement)).toBe(true);
    await returnButton.click();
    await dialog.getByRole('button', { name: 'Trả lại hồ sơ' }).click();
    expect(await dialog.getByRole('alert').innerText()).toContain('Cần nêu lý do');
    const reason = 'Đề nghị giải trình tiêu chí 3.1.2 và bổ sung tài liệu kiểm chứng.';
    await dialog.getByLabel('Lý do trả lại').fill(reason);
    await dialog.getByRole('button', { name: 'Trả lại hồ sơ' }).click();
    await expect.poll(() => text(sec, 'status')).toBe('Trả lại để giải trình');

    // ---- The chair sees the reason and the comment, fixes 3.1.2 and resubmits.
    const chairCtx = await chromium.browser.newContext(ctxOpts);
    const chair = await signIn(chairCtx, 'commune_chair', 'Trần Thị Bình');
    expect(await chair.locator('.alert.warn').first().innerText()).toContain(reason);
    await chair.getByRole('link', { name: /phiếu tự đánh giá/ }).click();
    await chair.getByTestId('total-points').waitFor();
    expect(await text(chair, 'return-reason')).toContain(reason);
    await chair.getByTestId('return-reason').getByRole('link', { name: '3.1.2' }).click();
    const note = chair.locator('[data-code="3.1.2"] [data-testid=appraisal-note]');
    expect(await note.innerText()).toContain(comment312);
    expect(await chair.locator('#s-3-1-2').isEditable()).toBe(true);
    await chair.fill('#s-3-1-2', '1,25');
    await chair.fill('#x-3-1-2', 'Biên bản rà soát số 05/BB-UBND ngày 20/6; đã bổ sung.');
    expect(await text(chair, 'total-points')).toBe('99,25');
    await waitSaved(chair);
    // A resubmission says so, and names the return (issue 21, item 27).
    await chair.getByRole('button', { name: 'Nộp lại báo cáo tự đánh giá…' }).click();
    const resubmit = chair.getByRole('dialog', { name: 'Xác nhận nộp lại báo cáo tự đánh giá' });
    expect(await resubmit.getByTestId('resubmit-note').innerText()).toContain(reason);
    await resubmit.getByRole('button', { name: 'Xác nhận nộp lại' }).click();
    await expect.poll(() => text(chair, 'status')).toBe('Đã nộp');
    await chairCtx.close();

    // ---- The secretary assigns area II to an appraiser (the id is what the appraiser signs in with).
    await sec.goto(stack.url + '/');
    await sec.getByRole('link', { name: 'Phân công thẩm định' }).click();
    await sec.getByLabel('Email của thành viên').fill(APPRAISER_ID);
    await sec.getByLabel('Họ và tên').fill(APPRAISER);
    await sec.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await sec.getByLabel(`Lĩnh vực II cho ${APPRAISER}`).check();
    await sec.getByRole('button', { name: 'Lưu phân công' }).click();
    await sec.getByText('Đã lưu phân công.').waitFor();
    expect(await sec.locator('.history').innerText()).toContain(`${APPRAISER} — lĩnh vực (không) → II`);
    await shot(sec, 'assignments-desktop');

    // ---- The appraiser edits area II only; a score other than the commune's needs a comment.
    const apCtx = await chromium.browser.newContext(ctxOpts);
    const ap = await signIn(apCtx, 'district_appraiser', APPRAISER);
    await ap
      .locator(`tr[data-unit="${COMMUNE}"]`)
      .getByRole('link', { name: `Thẩm định ${COMMUNE_NAME}` })
      .click();
    await ap.getByTestId('assigned-areas').waitFor();
    expect(await text(ap, 'self-points')).toBe('99,25');
    // Area II opens first (the first area this appraiser may score).
    expect(await ap.locator('#a-2-1-1').isEditable()).toBe(true);
    await ap.getByRole('button', { name: /^III\./ }).click();
    expect(await ap.locator('#a-3-1-1').isEditable()).toBe(false);
    expect(await ap.locator('#c-3-1-1').isEditable()).toBe(false);
    // The commune's side is shown beside: its score and explanation.
    expect(await ap.locator('[data-code="3.1.2"] [data-testid=self-score]').innerText()).toBe('1,25');
    expect(await ap.locator('[data-code="3.1.2"]').innerText()).toContain('Biên bản rà soát số 05/BB-UBND');

    await ap.fill('#a-2-1-1', '0,25'); // the same as the commune's: no comment needed
    await ap.fill('#a-2-3-2', '0,75'); // the commune said 1
    await ap.keyboard.press('Tab'); // finished with the field: taken
    expect(await ap.locator('[data-code="2.3.2"] [data-testid=row-diff]').innerText()).toBe('Chênh lệch −0,25');
    expect(await ap.locator('#cm-2-3-2').innerText()).toContain('cần ghi nhận xét');
    expect(await ap.locator('#c-2-3-2').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => text(ap, 'save-status'), { timeout: 10_000 }).toContain('cần ghi nhận xét');
    expect(await text(ap, 'appraised-points')).toBe('1,00');
    await ap.fill('#c-2-3-2', 'Chỉ tổ chức 3/4 hoạt động phổ biến pháp luật theo kế hoạch.');
    await waitSaved(ap);
    expect(await ap.locator('#cm-2-3-2').innerText()).toBe('');
    expect(await text(ap, 'form-progress')).toBe('2/119');
    // The difference counts only the rows appraised so far.
    expect(await text(ap, 'points-diff')).toBe('−0,25');
    await shot(ap, 'appraisal-desktop');
    await ap.setViewportSize({ width: 360, height: 780 });
    await ap.locator('#row-2-3-2').scrollIntoViewIfNeeded();
    expect(await pageWidth(ap)).toBeLessThanOrEqual(360);
    await shot(ap, 'appraisal-360');
    await apCtx.close();

    // ---- The rest is appraised through the API with the secretary's dev token (each row as the
    // commune scored it, so no comments are needed), then the secretary completes in the browser.
    const secToken = await token('district_secretary', DISTRICT, 'Lê Thị Thư');
    const now = await api<{
      version: number;
      frameworkId: string;
      items: Record<string, { selfScore: number | null; appraisedScore: number | null }>;
    }>(path, { token: secToken });
    const rest = Object.fromEntries(
      Object.entries(now.items)
        .filter(([, r]) => r.appraisedScore === null)
        .map(([code, r]) => [code, { score: r.selfScore }]),
    );
    expect(Object.keys(rest)).toHaveLength(117);
    await api(path + '/appraisal', { method: 'PUT', token: secToken, body: { version: now.version, items: rest } });

    await sec.goto(`${stack.url}/tham-dinh/${cycleId}/${COMMUNE}`);
    await sec.getByTestId('appraised-points').waitFor();
    // By hand: self = 100 − 0,5 (2.3.2) − 0,25 (3.1.2) = 99,25; appraised = 99,25 − 0,25 (2.3.2) = 99.
    expect(await text(sec, 'self-points')).toBe('99,25');
    expect(await text(sec, 'self-index')).toBe('99,25');
    expect(await text(sec, 'self-class')).toBe('Xuất sắc');
    expect(await text(sec, 'appraised-points')).toBe('99,00');
    expect(await text(sec, 'appraised-index')).toBe('99,00');
    expect(await text(sec, 'appraised-class')).toBe('Xuất sắc');
    expect(await text(sec, 'points-diff')).toBe('−0,25');
    expect(await text(sec, 'form-progress')).toBe('119/119');
    // A finished score (Enter) moves the appraised total at once, before it is saved (then put back).
    await sec.fill('#a-1-1-1', '0,5');
    await sec.keyboard.press('Enter');
    expect(await text(sec, 'appraised-points')).toBe('98,50');
    await sec.fill('#a-1-1-1', '1');
    await sec.keyboard.press('Enter');
    expect(await text(sec, 'appraised-points')).toBe('99,00');
    await waitSaved(sec);

    await sec.getByRole('button', { name: 'Hoàn thành thẩm định…' }).click();
    const confirm = sec.getByRole('dialog', { name: 'Xác nhận hoàn thành thẩm định' });
    await confirm.waitFor();
    expect(await confirm.getByTestId('complete-totals').innerText()).toMatch(/99\b[\s\S]*99,00[\s\S]*Xuất sắc/);
    await confirm.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
    await expect.poll(() => text(sec, 'status')).toBe('Đã thẩm định');
    expect(await sec.locator('#a-1-1-1').isEditable()).toBe(false);

    // The district list shows both totals.
    await sec.goto(stack.url + '/');
    const done = sec.locator(`tr[data-unit="${COMMUNE}"]`);
    await expect.poll(() => done.getByTestId('status').innerText()).toBe('Đã thẩm định');
    expect(await done.getByTestId('self-total').innerText()).toBe('99,25');
    expect(await done.getByTestId('appraised-total').innerText()).toBe('99,00');
    expect(await done.getByTestId('appraised-class').innerText()).toBe('Xuất sắc');

    // ---- The audit view lists the return with its reason and the appraiser's score change.
    await done.getByRole('link', { name: `Nhật ký của ${COMMUNE_NAME}` }).click();
    const log = sec.getByTestId('audit');
    await log.waitFor();
    const returned = log.locator('li[data-action="return"]');
    expect(await returned.count()).toBe(1);
    expect(await returned.innerText()).toContain(reason);
    // The appraiser's save of 2.3.2 (score and comment) is one change, opened from its summary.
    const saved = log.locator('li[data-change]', { hasText: APPRAISER }).filter({ hasText: /tiêu chí: .*2\.3\.2/ });
    expect(await saved.count()).toBe(1);
    await saved.getByRole('button').click();
    const change = saved.locator('li[data-action="appraisal.score"]', { hasText: 'tiêu chí 2.3.2' });
    expect(await change.count()).toBe(1);
    expect(await change.innerText()).toMatch(/\(trống\)\s*→\s*0,75/);
    expect(await log.locator('li[data-action="complete"]').count()).toBe(1);
    await sec.setViewportSize({ width: 360, height: 780 });
    expect(await pageWidth(sec)).toBeLessThanOrEqual(360);
    await shot(sec, 'audit-360');
    await sec.getByLabel('Mã tiêu chí').fill('2.3.2');
    await expect.poll(() => log.locator('li').count()).toBeLessThan(10);
    await secCtx.close();
  });

  /**
   * Issue 21 on the appraisal form, as an appraiser assigned area II of a commune of another district:
   * an invalid appraised score is never saved as its prefix (item 1); Tab goes from the score to the
   * comment, then to "= tự chấm", and the button ignores a key press begun in the comment (item 4);
   * "lấy điểm tự chấm" fills the area's rows without an appraised score in one change and leaves the
   * others alone, and is offered only in the areas assigned (item 20).
   */
  it('appraised scores: no prefix saved, comment before "= tự chấm", one bulk change per area', async () => {
    const unitId = 'ba-xuyen';
    const chair = await token('commune_chair', unitId, 'Chuẩn bị dữ liệu');
    const apath = `/cycles/${cycleId}/assessments/${unitId}`;
    const fresh = await api<AssessmentResponse>(apath, { token: chair });
    const fw = getFramework(fresh.frameworkId)!;
    const saved = await api<RowSaveResponse>(apath + '/self', {
      method: 'PUT',
      token: chair,
      body: { version: fresh.version, items: Object.fromEntries(fw.leaves.map((l) => [l.code, { score: l.max / 100 }])) },
    });
    await api(apath + '/submit', { method: 'POST', token: chair, body: { version: saved.version } });
    const { token: apToken } = await api<{ token: string }>('/dev/token', {
      method: 'POST',
      body: { role: 'district_appraiser', unitId: 'tp-song-cong', areas: ['II'], name: 'Phạm Văn Thẩm' },
    });
    const read = () => api<AssessmentResponse>(apath, { token: apToken });

    const ctx = await chromium.browser.newContext(ctxOpts);
    await ctx.addInitScript((t) => sessionStorage.setItem('cchc.token', t), apToken);
    const ap = await ctx.newPage();
    await ap.goto(`${stack.url}/tham-dinh/${cycleId}/${unitId}`);
    await ap.getByTestId('assigned-areas').waitFor();
    const field = (code: string) => ap.locator(`#a-${code.replace(/\./g, '-')}`);
    async function typeAt(code: string, chars: string, delay: number) {
      await field(code).click();
      for (const [i, ch] of [...chars].entries()) {
        if (i > 0) await ap.waitForTimeout(delay);
        await ap.keyboard.type(ch);
      }
    }

    // ---- Item 1: every invalid form of entry, at 50 ms and at 1 s a keystroke; a valid one is saved.
    const invalid = [
      { code: '2.2.1', typed: '0,75', delay: 50 }, // over the maximum 0,5
      { code: '2.3.1', typed: '0,333', delay: 1000 },
      { code: '2.4.1', typed: '0,25đ', delay: 50 },
      { code: '2.4.2', typed: '0,', delay: 1000 },
      { code: '2.5', typed: '０,５', delay: 50 },
      { code: '2.6', typed: '0,５', delay: 1000 },
    ];
    for (const c of invalid) await typeAt(c.code, c.typed, c.delay);
    await typeAt('2.1.1', '0,25', 1000); // the commune's score: saved without a comment
    await ap.keyboard.press('Enter');
    await expect.poll(async () => (await read()).items['2.1.1']!.appraisedScore, { timeout: 10_000 }).toBe(0.25);
    let now = await read();
    for (const c of invalid) {
      expect(now.items[c.code]!.appraisedScore, `${c.typed} in ${c.code}`).toBeNull();
      expect(await field(c.code).getAttribute('aria-invalid')).toBe('true');
    }
    expect(await text(ap, 'form-progress')).toBe('1/119');
    expect(await text(ap, 'appraised-points')).toBe('0,25');
    // Cleared again: nothing was saved, so nothing is sent.
    for (const c of invalid) {
      await field(c.code).fill('');
      await ap.keyboard.press('Tab');
    }

    // ---- Item 4: score, then comment, then the button; a Space begun in the comment does not press it.
    await field('2.3.2').fill('1');
    await ap.keyboard.press('Tab');
    expect(await ap.evaluate(() => document.activeElement?.id)).toBe('c-2-3-2');
    await ap.keyboard.type('Thiếu biên bản kiểm tra');
    expect(await ap.inputValue('#c-2-3-2')).toBe('Thiếu biên bản kiểm tra');
    expect(await field('2.3.2').inputValue()).toBe('1');
    await ap.keyboard.press('Tab');
    const agreeButton = ap.getByRole('button', { name: 'Lấy điểm tự chấm 1,5 cho tiêu chí 2.3.2' });
    expect(await agreeButton.evaluate((el) => el === document.activeElement)).toBe(true);
    await ap.locator('#c-2-3-2').focus();
    await ap.keyboard.down(' ');
    await agreeButton.focus();
    await ap.keyboard.up(' ');
    // A click made by a key (detail 0) whose keydown the button never had: ignored.
    await agreeButton.evaluate((el) => el.dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 0 })));
    expect(await field('2.3.2').inputValue()).toBe('1');
    await expect.poll(async () => (await read()).items['2.3.2']!.appraisedScore, { timeout: 10_000 }).toBe(1);

    // ---- Item 20: the rows of area II without an appraised score take the commune's; 2.1.1 and 2.3.2 keep theirs.
    now = await read();
    const areaII = fw.leaves.filter((l) => l.area === 'II').map((l) => l.code);
    const empty = areaII.filter((c) => now.items[c]!.appraisedScore === null);
    expect(empty.length).toBe(areaII.length - 2);
    const auditBefore = await api<AuditEntry[]>(apath + '/audit', { token: apToken });
    const requests: string[] = [];
    ap.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().endsWith('/appraisal')) requests.push(r.postData() ?? '');
    });
    await ap.getByRole('button', { name: `Lấy điểm tự chấm cho ${empty.length} tiêu chí chưa thẩm định` }).click();
    await waitSaved(ap);
    expect(await text(ap, 'agreed-II')).toBe(`Đã lấy điểm tự chấm cho ${empty.length} tiêu chí của lĩnh vực II.`);
    expect(requests).toHaveLength(1);
    expect(Object.keys((JSON.parse(requests[0]!) as { items: object }).items).sort()).toEqual([...empty].sort());
    now = await read();
    for (const c of areaII) {
      const want = c === '2.3.2' ? 1 : now.items[c]!.selfScore;
      expect(now.items[c]!.appraisedScore, c).toBe(want);
    }
    // One change in the audit: every entry it added carries the one version the save made.
    const added = (await api<AuditEntry[]>(apath + '/audit', { token: apToken })).slice(auditBefore.length);
    expect(added.map((e) => e.code).sort()).toEqual([...empty].sort());
    expect(new Set(added.map((e) => e.version)).size).toBe(1);
    expect(await ap.getByRole('button', { name: /^Lấy điểm tự chấm cho/ }).count()).toBe(0);
    // Not offered in an area not assigned.
    await ap.getByRole('button', { name: /^III\./ }).click();
    await field('3.1.1').waitFor();
    expect(
      await ap
        .locator('[data-area="III"]')
        .getByRole('button', { name: /^Lấy điểm tự chấm cho/ })
        .count(),
    ).toBe(0);
    await ctx.close();
  });
});
