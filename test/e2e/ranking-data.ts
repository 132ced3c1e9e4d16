/**
 * Test data for the ranking e2e test (and for looking at the screens by hand): brings communes to
 * APPRAISED through the API with the local stack's dev tokens, with self-assessed and appraised totals
 * chosen in advance. The browser flows are tested elsewhere; here only the outcome matters.
 */
import { getFramework } from '../../shared/framework-registry.js';
import type { AssessmentResponse, RowSaveResponse } from '../../shared/schemas.js';
import type { DevTokenResponse } from '../../shared/api/local.js';

export interface Plan {
  unitId: string;
  /** Points lost against the 100-point maximum, self-assessed and appraised (multiples of 0,25). */
  selfLoss: number;
  appraisedLoss: number;
}

type Json = Record<string, unknown>;

export function apiClient(baseUrl: string) {
  async function call<T>(p: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
    const res = await fetch(baseUrl + '/api' + p, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${p}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }
  const token = async (role: string, unitId?: string, name = 'Chuẩn bị dữ liệu') =>
    (await call<DevTokenResponse>('/dev/token', { method: 'POST', body: { role, ...(unitId ? { unitId } : {}), name } })).token;
  return { call, token };
}

/**
 * Scores every leaf at its maximum, then takes `loss` points off from the last leaves backwards
 * (a whole leaf at a time, the remainder from the next one), so the total is exactly 100 − loss.
 */
export function scoresWithLoss(frameworkId: string, loss: number): Record<string, number> {
  const leaves = getFramework(frameworkId)!.leaves;
  const out: Record<string, number> = Object.fromEntries(leaves.map((l) => [l.code, l.max]));
  let left = Math.round(loss * 100);
  for (let i = leaves.length - 1; i >= 0 && left > 0; i--) {
    const l = leaves[i]!;
    const take = Math.min(l.max, left);
    out[l.code] = l.max - take;
    left -= take;
  }
  return Object.fromEntries(Object.entries(out).map(([k, h]) => [k, h / 100]));
}

/** Self-assesses, submits, appraises and completes each planned commune of `districtId`. */
export async function appraiseDistrict(baseUrl: string, cycleId: string, districtId: string, plans: Plan[]): Promise<void> {
  const { call, token } = apiClient(baseUrl);
  const secretary = await token('district_secretary', districtId, 'Thư ký Hội đồng');
  for (const plan of plans) {
    const chair = await token('commune_chair', plan.unitId, 'Chủ tịch UBND xã');
    const path = `/cycles/${cycleId}/assessments/${plan.unitId}`;
    const a = await call<AssessmentResponse>(path, { token: chair });
    const self = scoresWithLoss(a.frameworkId, plan.selfLoss);
    const saved = await call<RowSaveResponse>(path + '/self', {
      method: 'PUT',
      token: chair,
      body: { version: a.version, items: Object.fromEntries(Object.entries(self).map(([c, s]) => [c, { score: s }])) },
    });
    const submitted = await call<AssessmentResponse>(path + '/submit', {
      method: 'POST',
      token: chair,
      body: { version: saved.version },
    });
    const appraised = scoresWithLoss(a.frameworkId, plan.appraisedLoss);
    const items: Record<string, Json> = {};
    for (const [c, s] of Object.entries(appraised))
      items[c] = s === self[c] ? { score: s } : { score: s, comment: 'Tài liệu kiểm chứng chưa đầy đủ.' };
    const inAppraisal = await call<RowSaveResponse>(path + '/appraisal', {
      method: 'PUT',
      token: secretary,
      body: { version: submitted.version, items },
    });
    await call(path + '/complete', { method: 'POST', token: secretary, body: { version: inAppraisal.version } });
  }
}
