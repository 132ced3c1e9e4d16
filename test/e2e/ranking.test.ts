/**
 * Ranking, approval, publication and the province's view in a real browser against the local stack
 * (`npm run build:web` must have run). The district chairman of Định Hóa sees his communes ranked
 * (ties sharing a rank, classes, both totals), approves and publishes through the dialogs; the
 * chairman of Võ Nhai, where appraisal is unfinished, finds approval disabled with the reason; the
 * public page (no sign-in, a fresh browser) shows Định Hóa and nothing unpublished, calling only the
 * public routes; the province's dashboard shows the progress, draws its charts and its workbook
 * leaves the communes not yet appraised out of every class and average. Every expected
 * number below is worked out by hand from the planned totals. Screenshots (360 px and desktop) go
 * to $SCREENSHOT_DIR when set.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import { apiClient, appraiseDistrict } from './ranking-data.js';
import type { Cycle } from '../../shared/schemas.js';

const WEB_BUILD = resolve(import.meta.dirname, '../../web/build/200.html');
const SHOTS = process.env.SCREENSHOT_DIR;
const DISTRICT = 'dinh-hoa';

let stack: LocalStack;
let chromium: LaunchedBrowser;
let dataDir: string;
let cycleId: string;
let year: number;

/** Today in Hà Nội (UTC+7): the approving decision's date (a later one is refused). */
const TODAY = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const TODAY_VI = TODAY.split('-').reverse().join('/');
const ctxOpts = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };
const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);
const texts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** At 360 px the page itself never scrolls sideways; then back to the desktop size. */
async function fitsPhone(page: Page, name: string) {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForTimeout(100);
  expect(await pageWidth(page)).toBeLessThanOrEqual(360);
  await shot(page, `${name}-360`);
  await page.setViewportSize(ctxOpts.viewport);
}

async function signIn(ctx: BrowserContext, role: 'district_chair' | 'province', districtId?: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(stack.url + '/');
  await page.waitForURL(/\/dang-nhap/);
  await page.getByLabel('Vai trò').selectOption(role);
  if (districtId) await page.getByLabel('Huyện, thành phố, thị xã').selectOption(districtId);
  await page.getByLabel('Họ và tên').fill(role === 'province' ? 'Phạm Thị Tỉnh' : 'Hoàng Văn Huyện');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Chức năng' }).waitFor();
  return page;
}

beforeAll(async () => {
  if (!existsSync(WEB_BUILD)) throw new Error('web/build is missing: run "npm run build:web" first (npm test does it).');
  dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-ranking-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: true });
  chromium = await launchChromium();

  // Prepared through the API with the local stack's dev tokens (the self-assessment and appraisal
  // screens have their own e2e tests): each commune self-assesses and is appraised at 100 points less
  // a planned loss, so the totals are known by hand.
  //   Định Hóa: Chợ Chu 95 / 92,5 (Xuất sắc); Bảo Cường 88 / 85 and Phú Đình 90 / 85 (Tốt, tied).
  //   Võ Nhai: only Đình Cả appraised, 80 / 67,75 (Trung bình); La Hiên and Thần Sa not yet.
  //   Last year (a second cycle): Định Hóa appraised at 88, 75 and 69.
  const { call, token } = apiClient(stack.url);
  const province = await token('province');
  const cycles = await call<Cycle[]>('/cycles', { token: province });
  const current = cycles.find((c) => c.status === 'OPEN')!;
  cycleId = current.id;
  year = current.year;
  await appraiseDistrict(stack.url, cycleId, DISTRICT, [
    { unitId: 'cho-chu', selfLoss: 5, appraisedLoss: 7.5 },
    { unitId: 'bao-cuong', selfLoss: 12, appraisedLoss: 15 },
    { unitId: 'phu-dinh', selfLoss: 10, appraisedLoss: 15 },
  ]);
  await appraiseDistrict(stack.url, cycleId, 'vo-nhai', [{ unitId: 'dinh-ca', selfLoss: 20, appraisedLoss: 32.25 }]);
  const last = await call<Cycle>('/cycles', {
    method: 'POST',
    token: province,
    body: { year: year - 1, frameworkId: current.frameworkId, selfAssessmentDeadline: current.selfAssessmentDeadline },
  });
  await appraiseDistrict(stack.url, last.id, DISTRICT, [
    { unitId: 'cho-chu', selfLoss: 10, appraisedLoss: 12 },
    { unitId: 'bao-cuong', selfLoss: 20, appraisedLoss: 25 },
    { unitId: 'phu-dinh', selfLoss: 22, appraisedLoss: 31 },
  ]);
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('ranking, approval, publication and the province view in the browser', () => {
  it('Võ Nhai: approval is disabled and names the communes not yet appraised', async () => {
    const ctx = await chromium.browser.newContext(ctxOpts);
    const page = await signIn(ctx, 'district_chair', 'vo-nhai');
    await page.getByRole('link', { name: 'Xếp hạng', exact: true }).click();
    await page.getByTestId('ranking').waitFor();
    expect(await page.getByTestId('ranking-status').innerText()).toBe('Chưa phê duyệt');
    await expect.poll(() => page.getByRole('button', { name: 'Phê duyệt kết quả xếp hạng…' }).isDisabled()).toBe(true);
    // A count by status, the communes themselves folded away (up to 92 of them) until asked for.
    const blocked = page.getByTestId('approve-blocked');
    const why = await blocked.innerText();
    expect(why).toContain('còn 2 đơn vị chưa hoàn thành thẩm định (Đang tự đánh giá: 2)');
    expect(await blocked.getByText('Xã La Hiên: Đang tự đánh giá').isVisible()).toBe(false);
    await blocked.getByText('Xem danh sách 2 đơn vị').click();
    const list = await page.getByTestId('waiting-list').innerText();
    expect(list).toMatch(/Xã La Hiên: Đang tự đánh giá/);
    expect(list).toMatch(/Xã Thần Sa: Đang tự đánh giá/);
    // Only the appraised commune has a (provisional) rank and a class.
    expect(await texts(page, 'tr[data-unit] [data-testid="rank"]')).toEqual(['1', '—', '—']);
    expect(await page.locator('tr[data-unit="dinh-ca"] [data-testid="class"]').innerText()).toBe('Trung bình');
    expect(await texts(page, 'tr[data-unit] [data-testid="not-appraised"]')).toEqual(['Chưa thẩm định', 'Chưa thẩm định']);
    await ctx.close();
  });

  it('Định Hóa: the chairman sees ranks and classes as computed by hand, approves and publishes', async () => {
    const ctx = await chromium.browser.newContext(ctxOpts);
    const page = await signIn(ctx, 'district_chair', DISTRICT);
    await page.getByRole('link', { name: 'Xếp hạng', exact: true }).click();
    await page.waitForURL(new RegExp(`/xep-hang/${cycleId}/${DISTRICT}$`));
    await page.getByTestId('ranking').waitFor();

    // Appraised 92,5 > 85 = 85: ranks 1, 2, 2 (ties by name: Bảo Cường before Phú Đình).
    expect(await page.locator('tr[data-unit]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')))).toEqual([
      'cho-chu',
      'bao-cuong',
      'phu-dinh',
    ]);
    expect(await texts(page, 'tr[data-unit] [data-testid="rank"]')).toEqual(['1', '2', '2']);
    expect(await texts(page, 'tr[data-unit] [data-testid="class"]')).toEqual(['Xuất sắc', 'Tốt', 'Tốt']);
    // Figures for comparison in one style, two decimals (issue 21, item 26).
    expect(await texts(page, 'tr[data-unit] [data-testid="self-points"]')).toEqual(['95,00', '88,00', '90,00']);
    expect(await texts(page, 'tr[data-unit] [data-testid="appraised-points"]')).toEqual(['92,50', '85,00', '85,00']);
    expect(await texts(page, 'tr[data-unit] [data-testid="appraised-index"]')).toEqual(['92,50', '85,00', '85,00']);
    // The rule shown is the one applied: by the index (issue 21, item 2).
    expect(await page.getByTestId('rank-rule').innerText()).toMatch(/^Xếp hạng theo chỉ số CCHC/);
    expect(await page.locator('main').innerText()).not.toContain('đồng điểm thì đồng hạng');
    expect(await page.getByText('Tiêu chí không áp dụng (nếu có) không tính vào điểm tối đa').count()).toBe(1);
    await shot(page, 'ranking-desktop');
    await fitsPhone(page, 'ranking');

    // Appendix II comes as a spreadsheet named from content-disposition.
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải Phụ lục II (.xlsx)' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe(`Phu-luc-II_Huyen-Dinh-Hoa_${year}.xlsx`);

    // Approve: the dialog names the step and lists the ranking it approves; Cancel changes nothing.
    await page.getByRole('button', { name: 'Phê duyệt kết quả xếp hạng…' }).click();
    const approve = page.getByRole('dialog', { name: 'Phê duyệt kết quả xếp hạng' });
    await approve.waitFor();
    expect(await approve.locator('[data-testid="approve-list"] tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^1\s+Thị trấn Chợ Chu\s+92,50$/),
      expect.stringMatching(/^2\s+Xã Bảo Cường\s+85,00$/),
      expect.stringMatching(/^2\s+Xã Phú Đình\s+85,00$/),
    ]);
    await shot(page, 'ranking-approve-dialog');
    await approve.getByRole('button', { name: 'Hủy' }).click();
    expect(await page.getByTestId('ranking-status').innerText()).toBe('Chưa phê duyệt');
    await page.getByRole('button', { name: 'Phê duyệt kết quả xếp hạng…' }).click();
    // The decision's number and date, typed (the keyboard alone) into the dialog, go with the approval.
    await approve.getByLabel('Số quyết định (không bắt buộc)').fill('125');
    await approve.getByLabel('Ngày ký quyết định (không bắt buộc)').fill(TODAY);
    expect(await approve.locator('#decision-date-shown').innerText()).toBe(`Ngày ${TODAY_VI}`);
    await approve.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await expect.poll(() => page.getByTestId('ranking-status').innerText(), { timeout: 10_000 }).toBe('Đã phê duyệt');
    expect(await approve.isVisible()).toBe(false);
    // The result message has the focus (not the next step's button), and says what happened.
    const approved = page.getByTestId('step-done');
    await expect.poll(() => approved.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await approved.innerText()).toBe('Đã phê duyệt kết quả xếp hạng.');
    expect(await approved.getAttribute('role')).toBe('status');
    expect(await page.getByTestId('decision').innerText()).toBe(`Phê duyệt theo Quyết định số 125/QĐ-UBND ngày ${TODAY_VI}`);

    // Publish.
    await page.getByRole('button', { name: 'Công bố kết quả…' }).click();
    const publish = page.getByRole('dialog', { name: 'Công bố Chỉ số CCHC' });
    await publish.getByRole('button', { name: 'Công bố', exact: true }).click();
    // A step settles every commune (and its lifecycle): on a loaded machine that takes more than the poll's default second.
    await expect.poll(() => page.getByTestId('ranking-status').innerText(), { timeout: 10_000 }).toBe('Đã công bố');
    const history = await page.getByTestId('ranking-history').innerText();
    expect(history).toMatch(/Công bố \(Đã phê duyệt → Đã công bố\)/);
    expect(history).toMatch(/Phê duyệt \(Chưa phê duyệt → Đã phê duyệt\)/);
    expect(history).toContain('Hoàng Văn Huyện (Chủ tịch UBND cấp huyện)');
    expect(await page.getByRole('button', { name: 'Báo cáo UBND tỉnh…' }).isEnabled()).toBe(true);
    // Still published after a reload (the server's state, not the page's).
    await page.reload();
    await expect.poll(() => page.getByTestId('ranking-status').innerText()).toBe('Đã công bố');
    await shot(page, 'ranking-published-desktop');

    // District staff get the same analysis for their own district only.
    await page.getByRole('link', { name: 'Phân tích', exact: true }).click();
    await page.getByTestId('progress-table').waitFor();
    expect(await page.locator('[data-testid="progress-table"] tr[data-district]').count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Huyện Định Hóa');
    expect(await page.getByTestId('average-index').innerText()).toBe('87,50'); // (92,5 + 85 + 85) / 3
    await ctx.close();
  });

  it('public page: no sign-in, only published districts, only public routes', async () => {
    const ctx = await chromium.browser.newContext(ctxOpts);
    const page = await ctx.newPage();
    const calls: { path: string; auth: boolean }[] = [];
    page.on('request', (req) => {
      const u = new URL(req.url());
      if (u.pathname.startsWith('/api/')) calls.push({ path: u.pathname, auth: 'authorization' in req.headers() });
    });
    await page.goto(stack.url + '/dang-nhap');
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    calls.length = 0; // the sign-in page's own requests (its list of units) are not the public page's
    await page.getByRole('link', { name: 'Kết quả Chỉ số CCHC đã công bố', exact: true }).click();
    await page.getByTestId('public-cycles').waitFor();
    expect(
      await page
        .locator('[data-testid="public-cycles"] li', { hasText: `Năm ${year}` })
        .getByTestId('published-by')
        .innerText(),
    ).toBe('1 đơn vị cấp huyện đã công bố');
    await page.getByRole('link', { name: `Năm ${year}` }).click();
    await page.getByTestId('published-districts').waitFor();
    expect(await page.getByTestId('published-districts').innerText()).toBe('Huyện Định Hóa');
    const body = await page.locator('main').innerText();
    expect(body).not.toContain('Võ Nhai');
    expect(body).not.toContain('Đình Cả');
    const dinhHoa = page.locator(`section[data-district="${DISTRICT}"]`);
    expect(await dinhHoa.locator('tr[data-unit] [data-testid="rank"]').allInnerTexts()).toEqual(['1', '2', '2']);
    expect(await dinhHoa.locator('tr[data-unit] [data-testid="appraised-points"]').allInnerTexts()).toEqual([
      '92,50',
      '85,00',
      '85,00',
    ]);
    // The "Chỉ số" column, the rule the ranks follow and the decision recorded at approval.
    expect(await dinhHoa.locator('tr[data-unit] [data-testid="appraised-index"]').allInnerTexts()).toEqual([
      '92,50',
      '85,00',
      '85,00',
    ]);
    expect(await page.getByTestId('rank-rule').innerText()).toMatch(/^Xếp hạng theo chỉ số CCHC/);
    expect(await dinhHoa.getByTestId('decision').innerText()).toBe(`Phê duyệt theo Quyết định số 125/QĐ-UBND ngày ${TODAY_VI}`);
    expect(await dinhHoa.locator('tr[data-unit] [data-testid="class"]').allInnerTexts()).toEqual(['Xuất sắc', 'Tốt', 'Tốt']);
    // Search ignores diacritics.
    await page.getByLabel('Tìm theo tên').fill('bao cuong');
    expect(await page.locator('[data-testid="public-ranking"] tr[data-unit]').count()).toBe(1);
    await page.getByLabel('Tìm theo tên').fill('');
    await shot(page, 'public-desktop');
    await fitsPhone(page, 'public');

    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) {
      expect(c.auth, c.path).toBe(false);
      expect(c.path === '/api/public/cycles' || c.path === `/api/cycles/${cycleId}/results`, c.path).toBe(true);
    }
    await ctx.close();
  });

  it('province dashboard: progress, consolidated ranking, charts, exports, 360 px', async () => {
    const ctx = await chromium.browser.newContext({ ...ctxOpts, acceptDownloads: true });
    const page = await signIn(ctx, 'province');
    await page.getByRole('link', { name: 'Tổng hợp toàn tỉnh' }).click();
    await page.getByTestId('progress-table').waitFor();

    // Progress: Định Hóa published (3 communes each submitted, appraised, approved, published).
    const dh = page.locator(`[data-testid="progress-table"] tr[data-district="${DISTRICT}"]`);
    const counts = async (row: typeof dh) =>
      Promise.all(
        ['communes', 'submitted', 'appraised', 'approved', 'published', 'reported'].map((id) => row.getByTestId(id).innerText()),
      );
    expect(await counts(dh)).toEqual(['3', '3', '3', '3', '3', '0']);
    expect(await dh.getByTestId('ranking-status').innerText()).toBe('Đã công bố');
    const vn = page.locator('[data-testid="progress-table"] tr[data-district="vo-nhai"]');
    expect(await counts(vn)).toEqual(['3', '1', '1', '0', '0', '0']);
    expect(await vn.getByTestId('ranking-status').innerText()).toBe('Chưa phê duyệt');
    // (92,5 + 85 + 85 + 67,75) / 4 = 82,5625 → 82,56.
    expect(await page.getByTestId('average-index').innerText()).toBe('82,56');
    // The dashboard states the rule the ranks follow (issue 21, item 2).
    expect(await page.getByTestId('rank-rule').innerText()).toMatch(/^Xếp hạng theo chỉ số CCHC/);

    // Consolidated ranking: 92,5; 85; 85; 67,75 → 1, 2, 2, 4; filters and search.
    const table = page.getByTestId('all-ranking');
    expect(await table.locator('tr[data-unit] [data-testid="rank"]').allInnerTexts()).toEqual(['1', '2', '2', '4']);
    await page.getByLabel('Xếp loại', { exact: true }).selectOption('tot');
    expect(await table.locator('tr[data-unit]').count()).toBe(2);
    await page.getByLabel('Xếp loại', { exact: true }).selectOption('');
    await page.getByLabel('Loại đơn vị').selectOption('thi-tran');
    expect(await table.locator('tr[data-unit]').evaluateAll((r) => r.map((x) => x.getAttribute('data-unit')))).toEqual([
      'cho-chu',
      'dinh-ca',
    ]);
    await page.getByLabel('Loại đơn vị').selectOption('');
    await page.getByLabel('Đơn vị cấp huyện', { exact: true }).selectOption('vo-nhai');
    expect(await table.locator('tr[data-unit]').count()).toBe(1);
    await page.getByLabel('Đơn vị cấp huyện', { exact: true }).selectOption('');
    await page.getByLabel('Tìm theo tên').fill('PHU DINH');
    expect(await table.locator('tr[data-unit]').evaluateAll((r) => r.map((x) => x.getAttribute('data-unit')))).toEqual([
      'phu-dinh',
    ]);
    await page.getByLabel('Tìm theo tên').fill('');

    // CSV: UTF-8 with a BOM, vi-VN numbers quoted.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('section', { has: table }).getByRole('button', { name: 'Tải CSV' }).click(),
    ]);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText.startsWith('\uFEFF')).toBe(true);
    expect(csvText).toContain('"1","1",Thị trấn Chợ Chu,Thị trấn,Huyện Định Hóa,"95,00","92,50","92,50",Xuất sắc');

    // The workbook (issue 10, item 1): communes never appraised count in no class and make no average.
    const [book] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải bảng tổng hợp (.xlsx)' }).click(),
    ]);
    expect(book.suggestedFilename()).toBe(`Tong-hop-CCHC_${year}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await book.path())!) as unknown as ArrayBuffer);
    const sum = wb.getWorksheet('Tổng hợp')!;
    const rowOf = (ws: ExcelJS.Worksheet, col: number, v: string) =>
      ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(col).value === v)!;
    // Số xã, Đã thẩm định, Chỉ số bình quân, then Xuất sắc … Yếu: Võ Nhai's two drafts are in none of them.
    const figures = (name: string) => [3, 4, 5, 7, 8, 9, 10, 11].map((c) => rowOf(sum, 2, name).getCell(c).value);
    expect(figures('Huyện Võ Nhai')).toEqual([3, 1, 67.75, 0, 0, 0, 1, 0]);
    expect(figures('Thành phố Sông Công')).toEqual([4, 0, null, 0, 0, 0, 0, 0]);
    const vo = wb.getWorksheet('Huyện Võ Nhai')!;
    // Class then rank (columns G and F, after the "Chỉ số" column E).
    expect([7, 6].map((c) => rowOf(vo, 2, 'UBND xã La Hiên').getCell(c).value)).toEqual(['Chưa thẩm định', null]);

    // Communes per class per district: Định Hóa 1 Xuất sắc + 2 Tốt, Võ Nhai 1 Trung bình.
    const classes = page.getByTestId('class-chart');
    expect(await classes.locator('figcaption').count()).toBe(1);
    expect(await classes.locator(`svg[data-district="${DISTRICT}"] rect[data-class]`).count()).toBe(2);
    expect(await classes.locator(`svg[data-district="${DISTRICT}"] text`).allTextContents()).toEqual(['1', '2']);
    expect(await classes.locator('svg[data-district="vo-nhai"] rect[data-class="trung-binh"]').count()).toBe(1);
    const legend = await classes.getByRole('list', { name: 'Chú giải' }).innerText();
    expect(legend.replace(/\s+/g, ' ')).toBe('Xuất sắc: 1 Tốt: 2 Khá: 0 Trung bình: 1 Yếu: 0');
    expect(await classes.locator('table th[scope="row"]').count()).toBe(9);

    // Heat map: (province + 2 districts) × 8 areas. All losses fell in area VIII (16 points): Định Hóa
    // kept 48 − 37,5 = 10,5 of 48 → 21,875 → 21,88 %; Võ Nhai lost 32,25 = VIII 16 + VII 12 + VI 4,25.
    const heat = page.getByTestId('area-heatmap');
    expect(await heat.locator('rect[data-cell]').count()).toBe(24);
    expect(await heat.getByRole('list', { name: 'Chú giải' }).locator('li').count()).toBe(6);
    const cell = (id: string) => heat.locator(`rect[data-cell="${id}"] + text`).textContent();
    expect(await cell(`${DISTRICT}:VIII`)).toBe('21,88');
    expect(await cell(`${DISTRICT}:I`)).toBe('100,00');
    expect(await cell('vo-nhai:VI')).toBe('15,00'); // 0,75 of 5
    expect(await cell('vo-nhai:VII')).toBe('0,00');

    // Weaknesses: a bar per listed criterion, province-wide and per district.
    const weak = page.getByTestId('weakness-chart');
    const items = await weak.locator('li').count();
    expect(items).toBeGreaterThan(0);
    expect(await weak.locator('rect[data-bar]').count()).toBe(items);
    await page.getByLabel('Phạm vi').selectOption(DISTRICT);
    expect(await weak.locator('figcaption').innerText()).toContain('Huyện Định Hóa');
    expect(await weak.locator('li[data-code^="8."]').count()).toBe(await weak.locator('li').count());

    // Year over year: last year 88, 75, 69 → 77,33; this year 82,56.
    const years = page.getByTestId('year-chart');
    expect(await years.locator('rect[data-year]').count()).toBe(2);
    expect(await years.locator('svg text').allTextContents()).toEqual(
      expect.arrayContaining(['77,33', '82,56', String(year - 1), String(year)]),
    );

    await shot(page, 'dashboard-desktop');
    await fitsPhone(page, 'dashboard');
    await ctx.close();
  });
});
