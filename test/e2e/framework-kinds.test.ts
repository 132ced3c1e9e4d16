/**
 * A framework's row kinds in a real browser (issue 22 item 5; `npm run build:web` must have run): the
 * province activates a copy of the sample framework (choice rows 1.1.1 and 1.2.1, survey row 4.2.5, a
 * bonus and a penalty group, results in percent) and opens a cycle on it. The commune picks an option
 * of a choice row (saved as the option's points) and "Đạt" of a yes-no bonus row, sees the survey row
 * read-only and the bonus and penalty sections; the council's secretary enters the survey row's points.
 * Each side's totals on screen are the server's totals.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { formatFixed2, formatPercent } from '../../shared/format.js';
import { toHundredths } from '../../shared/points.js';
import { apiClient } from './ranking-data.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import type { AssessmentResponse, Cycle, RowSaveResponse } from '../../shared/schemas.js';
import type { FrameworkResponse } from '../../shared/frameworks/wire.js';
import type { RankingResponse } from '../../shared/api/rankings.js';

const COMMUNE = 'phuc-xuan';
const DISTRICT = 'tp-thai-nguyen';
/** A year no other cycle of the seeded stack uses (the seed opens the current year and one before it). */
const YEAR = 2034;
const WEB_BUILD = resolve(import.meta.dirname, '../../web/build/200.html');

let stack: LocalStack;
let chromium: LaunchedBrowser;
let dataDir: string;
let cycleId: string;
let path: string;
let frameworkId: string;

const client = () => apiClient(stack.url);
const api = <T>(p: string, init?: Parameters<ReturnType<typeof apiClient>['call']>[1]) => client().call<T>(p, init);
const token = (role: string, unitId: string | undefined, name: string) => client().token(role, unitId, name);
const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();
const SHOTS = process.env.SCREENSHOT_DIR;
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}
const ctxOpts = { viewport: { width: 1280, height: 900 }, locale: 'vi-VN' };

async function signIn(ctx: BrowserContext, role: 'commune_chair' | 'district_secretary', name: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(stack.url + '/');
  await page.waitForURL(/\/dang-nhap/);
  await page.getByLabel('Vai trò').selectOption(role);
  if (role === 'commune_chair') await page.getByLabel('Xã, phường, thị trấn').selectOption(COMMUNE);
  else await page.getByLabel('Huyện, thành phố, thị xã').selectOption(DISTRICT);
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap'));
  return page;
}

async function waitSaved(page: Page) {
  await expect.poll(() => text(page, 'save-status'), { timeout: 10_000 }).toMatch(/^Đã lưu lúc \d{2}:\d{2}/);
}

/** What the totals bar shows for a side, as the server's totals would read there. */
function shownFrom(t: AssessmentResponse['totals']['self']) {
  const f = (p: number) => formatFixed2(toHundredths(p));
  return {
    main: f(t.main),
    bonus: `+${f(t.bonus)}`,
    penalty: `−${f(t.penalty)}`,
    points: f(t.points),
    index: formatPercent(toHundredths(t.percent)),
  };
}

async function shownOn(page: Page, key: 'total' | 'self' | 'appraised') {
  return {
    main: await text(page, `${key}-main`),
    bonus: await text(page, `${key}-bonus`),
    penalty: await text(page, `${key}-penalty`),
    points: await text(page, `${key}-points`),
    index: await text(page, `${key}-index`),
  };
}

beforeAll(async () => {
  if (!existsSync(WEB_BUILD)) throw new Error('web/build is missing: run "npm run build:web" first (npm test does it).');
  dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-kinds-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: true });
  chromium = await launchChromium();

  const province = await token('province', undefined, 'Sở Nội vụ');
  const copy = await api<FrameworkResponse>('/frameworks', {
    method: 'POST',
    token: province,
    body: { copyFrom: 'mau-2026', title: 'Bộ tiêu chí mẫu (kiểm thử giao diện)' },
  });
  frameworkId = copy.id;
  await api(`/frameworks/${encodeURIComponent(frameworkId)}/activate`, {
    method: 'POST',
    token: province,
    body: { version: copy.version },
  });
  const cycle = await api<Cycle>('/cycles', {
    method: 'POST',
    token: province,
    body: { year: YEAR, frameworkId, selfAssessmentDeadline: `${YEAR}-12-31T17:00:00+07:00` },
  });
  cycleId = cycle.id;
  path = `/cycles/${cycleId}/assessments/${COMMUNE}`;
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a framework with choice, survey, bonus and penalty rows in the browser', () => {
  it('the commune picks options, the survey row is read-only; the secretary enters the survey points; totals are the server’s', async () => {
    const ctx = await chromium.browser.newContext(ctxOpts);
    const page = await signIn(ctx, 'commune_chair', 'Chủ tịch UBND xã');
    await page.goto(`${stack.url}/danh-gia/${cycleId}/${COMMUNE}`);
    await page.getByTestId('total-points').waitFor();

    // The choice row 1.1.1 is a select of its options, "Chưa chấm" first; the pick is saved as its points.
    await page.getByRole('button', { name: /^I\./ }).waitFor();
    const choice = page.locator('#s-1-1-1');
    if (!(await choice.isVisible())) await page.getByRole('button', { name: /^I\./ }).click();
    expect(await choice.evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await choice.locator('option').allInnerTexts()).toEqual([
      'Chưa chấm',
      'Ban hành đúng hạn — 1 điểm',
      'Ban hành chậm — 0,5 điểm',
      'Không ban hành — 0 điểm',
    ]);
    await choice.selectOption({ label: 'Ban hành chậm — 0,5 điểm' });
    await waitSaved(page);
    // Guidance beside the row.
    await page.getByTestId('guidance-1.1.1').getByText('Cách thức đánh giá').click();
    expect(await page.getByTestId('guidance-1.1.1').innerText()).toContain('minh họa');

    // The survey row: no field, its points "chưa có".
    await page.getByRole('button', { name: /^IV\./ }).click();
    const survey = page.getByTestId('survey-4.2.5');
    // Rows off screen are not laid out (content-visibility): scrolled to, the text is read once it is.
    await survey.scrollIntoViewIfNeeded();
    await expect.poll(() => survey.innerText(), { timeout: 5_000 }).toMatch(/Điểm lấy từ điều tra xã hội học\s*chưa có/);
    expect(await page.locator('#s-4-2-5').count()).toBe(0);

    // The bonus and penalty sections, with their caps; "Đạt" on T.1 (2 points).
    expect(await text(page, 'group-bonus')).toBe('Điểm thưởng (tính tối đa 3 điểm)');
    expect(await text(page, 'group-penalty')).toBe('Điểm trừ (tính tối đa 5 điểm)');
    await page.getByTestId('group-bonus').click();
    await page.locator('#s-T-1').selectOption({ label: 'Đạt — 2 điểm' });
    await waitSaved(page);
    await shot(page, 'kinds-bonus-desktop');

    // On a phone the selects and the sections fit the screen.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.locator('#s-1-1-1').scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'kinds-choice-360');
    await page.setViewportSize(ctxOpts.viewport);

    const chair = await token('commune_chair', COMMUNE, 'Kiểm tra');
    let a = await api<AssessmentResponse>(path, { token: chair });
    expect(a.items['1.1.1']!.selfScore).toBe(0.5);
    expect(a.items['T.1']!.selfScore).toBe(2);
    expect(a.totals.self.bonus).toBe(2);
    expect(await shownOn(page, 'total')).toEqual(shownFrom(a.totals.self));
    // The index is shown in percent (the sample displays percent), the class the server's.
    expect(await text(page, 'total-index')).toMatch(/^\d+,\d\d%$/);
    const province = await token('province', undefined, 'Sở Nội vụ');
    const fw = await api<FrameworkResponse>(`/frameworks/${encodeURIComponent(frameworkId)}`, { token: province });
    const classOf = (c: string) => fw.classBands.find((b) => b.class === c)!.label;
    expect(await text(page, 'total-class')).toBe(classOf(a.totals.self.class));

    // Every other main row at its maximum through the API, then submitted: the secretary's turn.
    const leaves: { code: string; maxPoints: number; kind?: string }[] = [];
    const walk = (ns: FrameworkResponse['items']) => {
      for (const n of ns) {
        if (n.children.length === 0) leaves.push(n);
        else walk(n.children);
      }
    };
    walk(fw.items);
    const items = Object.fromEntries(
      leaves.filter((l) => l.kind !== 'survey' && l.code !== '1.1.1').map((l) => [l.code, { score: l.maxPoints }]),
    );
    const saved = await api<RowSaveResponse>(path + '/self', {
      method: 'PUT',
      token: chair,
      body: { version: a.version, items },
    });
    await api(path + '/submit', { method: 'POST', token: chair, body: { version: saved.version } });
    await ctx.close();

    // The secretary enters the survey row's points on the appraisal screen.
    const secCtx = await chromium.browser.newContext(ctxOpts);
    const sec = await signIn(secCtx, 'district_secretary', 'Lê Thị Thư');
    await sec.goto(`${stack.url}/tham-dinh/${cycleId}/${COMMUNE}`);
    await sec.getByTestId('appraised-points').waitFor();
    // Until then the screen says the approval waits for the survey row.
    expect(await text(sec, 'survey-missing')).toContain('4.2.5');
    await sec.getByRole('button', { name: /^IV\./ }).click();
    const field = sec.locator('#a-4-2-5');
    await field.fill('0,75');
    // Enter, then Tab away (a second finish of the same field): saved once, no conflict.
    await field.press('Enter');
    await field.press('Tab');
    const secretary = await token('district_secretary', DISTRICT, 'Kiểm tra');
    await expect
      .poll(async () => (await api<AssessmentResponse>(path, { token: secretary })).items['4.2.5']!.appraisedScore, {
        timeout: 10_000,
      })
      .toBe(0.75);
    a = await api<AssessmentResponse>(path, { token: secretary });
    expect(a.items['4.2.5']!.selfScore).toBe(0.75);
    expect(await sec.locator('#ae-4-2-5').textContent()).toBe('');
    await expect.poll(() => sec.getByTestId('survey-missing').count()).toBe(0);
    await shot(sec, 'kinds-survey-secretary');
    // The commune's side now counts the survey's points: the bar shows the server's self totals.
    await expect.poll(() => shownOn(sec, 'self')).toEqual(shownFrom(a.totals.self));
    expect(await shownOn(sec, 'appraised')).toEqual(shownFrom(a.totals.appraised));
    expect(await text(sec, 'self-class')).toBe(classOf(a.totals.self.class));

    // The council takes the commune's scores (survey rows excepted: theirs are set) and completes; the
    // ranking shows the bonus and penalty columns and the figure in percent, as the server ranks it.
    const appraised = Object.fromEntries(
      Object.entries(a.items)
        .filter(([code, it]) => code !== '4.2.5' && it.selfScore !== null)
        .map(([code, it]) => [code, { score: it.selfScore }]),
    );
    const inAppraisal = await api<RowSaveResponse>(path + '/appraisal', {
      method: 'PUT',
      token: secretary,
      body: { version: a.version, items: appraised },
    });
    await api(path + '/complete', { method: 'POST', token: secretary, body: { version: inAppraisal.version } });
    const ranking = await api<RankingResponse>(`/cycles/${cycleId}/rankings/${DISTRICT}`, { token: secretary });
    expect(ranking.framework).toMatchObject({ display: 'percent', bonusCap: 3, penaltyCap: 5 });
    const ranked = ranking.rows.find((x) => x.unitId === COMMUNE)!;
    expect(ranked.appraised.bonus).toBe(2);
    await sec.goto(`${stack.url}/xep-hang/${cycleId}/${DISTRICT}`);
    const tr = sec.locator(`tr[data-unit="${COMMUNE}"]`);
    await tr.waitFor();
    await shot(sec, 'kinds-ranking');
    const heads = await sec.locator('table thead th').allInnerTexts();
    expect(heads).toEqual(expect.arrayContaining(['Điểm thưởng', 'Điểm trừ', 'Tỷ lệ (%)']));
    const f = (p: number) => formatFixed2(toHundredths(p));
    expect({
      bonus: await tr.getByTestId('appraised-bonus').innerText(),
      penalty: await tr.getByTestId('appraised-penalty').innerText(),
      points: await tr.getByTestId('appraised-points').innerText(),
      figure: await tr.getByTestId('appraised-index').innerText(),
    }).toEqual({
      bonus: f(ranked.appraised.bonus),
      penalty: f(ranked.appraised.penalty),
      points: f(ranked.appraised.points),
      figure: f(ranked.appraised.percent),
    });

    // The consolidated view: the same columns; the years before ran 4203 (published as an index).
    await sec.goto(`${stack.url}/tong-hop/${cycleId}`);
    const all = sec.getByTestId('all-ranking');
    await all.waitFor();
    expect(await all.locator('thead th').allInnerTexts()).toEqual(
      expect.arrayContaining(['Điểm thưởng', 'Điểm trừ', 'Tỷ lệ (%)']),
    );
    expect(await all.locator(`tr[data-unit="${COMMUNE}"]`).getByTestId('appraised-bonus').innerText()).toBe(
      f(ranked.appraised.bonus),
    );
    const notes = await sec.getByTestId('framework-note').allInnerTexts();
    expect(notes.length).toBeGreaterThan(0);
    for (const n of notes) expect(n).toMatch(/^Năm \d{4} công bố theo chỉ số \(điểm\), năm 2034 theo tỷ lệ \(%\)\.$/);
    await shot(sec, 'kinds-consolidated');
    await secCtx.close();
  });
});
