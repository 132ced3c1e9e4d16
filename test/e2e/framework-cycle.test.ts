/**
 * Issue 22's "done when", from the framework to the published ranking (`npm run build:web` must have
 * run). The authoring screens have their own test (frameworks.test.ts), the row kinds in the forms
 * theirs (framework-kinds.test.ts); here the province's new framework, written through the API as the
 * editor writes it (a copy of Decision 4203 with a bonus group, a penalty group, a choice row, results in
 * percent), runs a district's whole cycle: four communes self-assess and are appraised (API), then in the
 * browser the chairman sees the ranking in percent with bonus and penalty apart, approves and publishes,
 * and the public page shows the same figures without sign-in; Appendix II carries the three apart.
 *
 * The figures are chosen so that bonus and penalty change the order and a class: by the main criteria
 * alone Tân Quang (98) would rank above Thắng Lợi (97) and Bá Xuyên (90) would be Xuất sắc.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import type { FrameworkResponse, WireNode } from '../../shared/frameworks/wire.js';
import { definitionOfResponse } from '../../shared/frameworks/convert.js';
import type { RankingResponse } from '../../shared/api/rankings.js';
import type { AssessmentResponse, Cycle, RowSaveResponse } from '../../shared/schemas.js';
import { launchChromium, type LaunchedBrowser } from './browser.js';
import { apiClient } from './ranking-data.js';

const WEB_BUILD = resolve(import.meta.dirname, '../../web/build/200.html');
const DISTRICT = 'tp-song-cong';
const YEAR = 2036;

/** Points lost on the main criteria, and the bonus and penalty rows' points (before the caps 2 and 1). */
const PLAN = [
  { unitId: 'mo-che', name: 'Phường Mỏ Chè', loss: 0, bonus: 3, penalty: 2 },
  { unitId: 'thang-loi', name: 'Phường Thắng Lợi', loss: 3, bonus: 2.5, penalty: 0 },
  { unitId: 'tan-quang', name: 'Xã Tân Quang', loss: 2, bonus: 0, penalty: 0 },
  { unitId: 'ba-xuyen', name: 'Xã Bá Xuyên', loss: 10, bonus: 0, penalty: 2 },
];
/** By hand: main + min(bonus, 2) − min(penalty, 1), on 100 points, so the percent is the same figure. */
const EXPECTED = [
  { unitId: 'mo-che', rank: 1, main: 100, bonus: 2, penalty: 1, percent: 100 },
  { unitId: 'thang-loi', rank: 2, main: 97, bonus: 2, penalty: 0, percent: 99 },
  { unitId: 'tan-quang', rank: 3, main: 98, bonus: 0, penalty: 0, percent: 98 },
  { unitId: 'ba-xuyen', rank: 4, main: 90, bonus: 0, penalty: 1, percent: 89 },
];
const vi = (n: number) => n.toFixed(2).replace('.', ',');

let stack: LocalStack;
let chromium: LaunchedBrowser;
let dataDir: string;
let cycleId: string;
const client = () => apiClient(stack.url);

async function signIn(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(stack.url + '/');
  await page.waitForURL(/\/dang-nhap/);
  await page.getByLabel('Vai trò').selectOption('district_chair');
  await page.getByLabel('Huyện, thành phố, thị xã').selectOption(DISTRICT);
  await page.getByLabel('Họ và tên').fill('Hoàng Văn Huyện');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('navigation', { name: 'Chức năng' }).waitFor();
  return page;
}

const leavesOf = (items: WireNode[]): WireNode[] => items.flatMap((n) => (n.children.length === 0 ? [n] : leavesOf(n.children)));

/** Every main leaf at its maximum (1.1.1, a choice row, at its best option), then `loss` points off the last leaves. */
function scores(items: WireNode[], loss: number): Record<string, { score: number }> {
  const leaves = leavesOf(items);
  const out = new Map(leaves.map((l) => [l.code, Math.round(l.maxPoints * 100)]));
  let left = Math.round(loss * 100);
  for (let i = leaves.length - 1; i >= 0 && left > 0; i--) {
    const l = leaves[i]!;
    const take = Math.min(out.get(l.code)!, left);
    out.set(l.code, out.get(l.code)! - take);
    left -= take;
  }
  return Object.fromEntries([...out].map(([code, h]) => [code, { score: h / 100 }]));
}

beforeAll(async () => {
  if (!existsSync(WEB_BUILD)) throw new Error('web/build is missing: run "npm run build:web" first (npm test does it).');
  dataDir = mkdtempSync(join(tmpdir(), 'cchc-e2e-fwcycle-'));
  stack = await startLocalStack({ port: 0, dataDir, seed: true });
  chromium = await launchChromium();
  const { call, token } = client();

  // The province's framework for the year: Decision 4203 copied, then edited as the editor saves it.
  const province = await token('province', undefined, 'Sở Nội vụ');
  const copy = await call<FrameworkResponse>('/frameworks', {
    method: 'POST',
    token: province,
    body: { copyFrom: 'thai-nguyen-4203-2021', title: 'Bộ tiêu chí năm 2036 (kiểm thử)' },
  });
  const def = definitionOfResponse(copy);
  const node = (items: WireNode[], code: string): WireNode | undefined => {
    for (const n of items) {
      if (n.code === code) return n;
      const hit = node(n.children, code);
      if (hit) return hit;
    }
    return undefined;
  };
  const row = node(def.sets[0]!.items, '1.1.1')!;
  row.kind = 'choice';
  row.options = [
    { label: 'Ban hành đúng hạn', points: 1 },
    { label: 'Ban hành chậm', points: 0.5 },
    { label: 'Không ban hành', points: 0 },
  ];
  const leaf = (code: string, title: string, maxPoints: number, kind: WireNode['kind']): WireNode => ({
    code,
    title,
    maxPoints,
    kind,
    notApplicableAllowed: false,
    children: [],
  });
  def.display = 'percent';
  def.bonus = { cap: 2, items: [leaf('T.1', 'Sáng kiến cải cách hành chính được công nhận', 3, 'score')] };
  def.penalty = { cap: 1, items: [leaf('P.1', 'Bị cấp có thẩm quyền phê bình về cải cách hành chính', 2, 'yes-no')] };
  const saved = await call<FrameworkResponse>(`/frameworks/${copy.id}`, {
    method: 'PUT',
    token: province,
    body: { version: copy.version, definition: def },
  });
  const active = await call<FrameworkResponse>(`/frameworks/${copy.id}/activate`, {
    method: 'POST',
    token: province,
    body: { version: saved.version },
  });
  const cycle = await call<Cycle>('/cycles', {
    method: 'POST',
    token: province,
    body: { year: YEAR, frameworkId: active.id, selfAssessmentDeadline: `${YEAR}-12-31T17:00:00+07:00` },
  });
  cycleId = cycle.id;

  // Each commune self-assesses and submits; the council appraises as submitted and completes.
  const secretary = await token('district_secretary', DISTRICT, 'Thư ký Hội đồng');
  for (const p of PLAN) {
    const chair = await token('commune_chair', p.unitId, 'Chủ tịch UBND');
    const path = `/cycles/${cycleId}/assessments/${p.unitId}`;
    const a = await call<AssessmentResponse>(path, { token: chair });
    const items = {
      ...scores(active.items, p.loss),
      'T.1': { score: p.bonus },
      'P.1': { score: p.penalty },
    };
    const self = await call<RowSaveResponse>(`${path}/self`, {
      method: 'PUT',
      token: chair,
      body: { version: a.version, items },
    });
    await call(`${path}/submit`, { method: 'POST', token: chair, body: { version: self.version } });
    const submitted = await call<AssessmentResponse>(path, { token: secretary });
    const appraised = await call<RowSaveResponse>(`${path}/appraisal`, {
      method: 'PUT',
      token: secretary,
      body: { version: submitted.version, items },
    });
    await call(`${path}/complete`, { method: 'POST', token: secretary, body: { version: appraised.version } });
  }
});

afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("a province's own framework, from activation to the published ranking in percent", () => {
  it('the chairman sees bonus, penalty and the percent apart, ranks changed by them, approves and publishes; the public page and Appendix II agree', async () => {
    const ctx = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await signIn(ctx);
    await page.goto(`${stack.url}/xep-hang/${cycleId}/${DISTRICT}`);
    const table = page.getByTestId('ranking');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(PLAN.length);
    const shown = [];
    for (let i = 0; i < PLAN.length; i++) {
      const r = rows.nth(i);
      shown.push({
        rank: await r.getByTestId('rank').innerText(),
        bonus: await r.getByTestId('appraised-bonus').innerText(),
        penalty: await r.getByTestId('appraised-penalty').innerText(),
        figure: await r.getByTestId('appraised-index').innerText(),
      });
    }
    expect(shown).toEqual(
      EXPECTED.map((e) => ({ rank: String(e.rank), bonus: vi(e.bonus), penalty: vi(e.penalty), figure: vi(e.percent) })),
    );
    // The figure's column says it is a percent.
    expect(await table.locator('thead').innerText()).toContain('Tỷ lệ (%)');
    // The rule beside the ranks names the percent and the two groups.
    expect(await page.getByTestId('rank-rule').first().innerText()).toMatch(/tỷ lệ phần trăm.*cộng điểm thưởng, trừ điểm trừ/);

    // The server's ranking says the same, and Bá Xuyên's penalty takes it below Xuất sắc.
    const { call, token } = client();
    const chair = await token('district_chair', DISTRICT, 'Hoàng Văn Huyện');
    const ranking = await call<RankingResponse>(`/cycles/${cycleId}/rankings/${DISTRICT}`, { token: chair });
    expect(ranking.framework).toMatchObject({ display: 'percent', bonusCap: 2, penaltyCap: 1 });
    expect(
      ranking.rows.map((r) => ({
        unitId: r.unitId,
        rank: r.rank,
        main: r.appraised.main,
        bonus: r.appraised.bonus,
        penalty: r.appraised.penalty,
        percent: r.appraised.percent,
      })),
    ).toEqual(EXPECTED);
    expect(ranking.rows.find((r) => r.unitId === 'ba-xuyen')!.class).toBe('tot');

    // Approve, then publish, in the browser.
    await page.getByRole('button', { name: 'Phê duyệt kết quả xếp hạng…' }).click();
    const approve = page.getByRole('dialog', { name: 'Phê duyệt kết quả xếp hạng' });
    await approve.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('step-done').innerText(), { timeout: 10_000 })
      .toBe('Đã phê duyệt kết quả xếp hạng.');
    await page.getByRole('button', { name: 'Công bố kết quả…' }).click();
    await page.getByRole('dialog', { name: 'Công bố Chỉ số CCHC' }).getByRole('button', { name: 'Công bố', exact: true }).click();
    await expect.poll(() => page.getByTestId('ranking-status').innerText(), { timeout: 10_000 }).toBe('Đã công bố');
    await ctx.close();

    // The public page, without sign-in: the same figures in percent.
    const anon = await chromium.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const pub = await anon.newPage();
    await pub.goto(`${stack.url}/cong-khai/${cycleId}`);
    await pub.getByTestId('appraised-index').first().waitFor();
    // The province-wide table first (then the district's own, the same four).
    expect(await pub.locator('table').first().getByTestId('appraised-index').allInnerTexts()).toEqual(
      EXPECTED.map((e) => vi(e.percent)),
    );
    expect(await pub.locator('table thead').first().innerText()).toContain('Tỷ lệ (%)');
    await anon.close();

    // Appendix II carries the main criteria, bonus, penalty and the percent apart.
    const res = await fetch(`${stack.url}/api/cycles/${cycleId}/rankings/${DISTRICT}/appendix-2.xlsx`, {
      headers: { authorization: `Bearer ${chair}` },
    });
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const strings = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
    const sheet = (await zip.file('xl/worksheets/sheet1.xml')!.async('string')) + strings;
    for (const header of ['Điểm thưởng', 'Điểm trừ', 'Tỷ lệ (%)']) expect(sheet).toContain(header);
  });
});
