/**
 * The demo province's first start: the current year's cycle in the current organisation (DRAFT for
 * every commune, deadline a few weeks ahead) and, when the province declares one (`demo.history`), an
 * earlier cycle in an earlier organisation, every commune appraised with varied scores and every
 * ranking approved, published (and reported, at district level), so that year over year has history.
 */
import { openCycle } from '../functions/lib/cycles.js';
import type { Lifecycle } from '../functions/lib/lifecycle.js';
import type { Store } from '../functions/lib/store.js';
import { snapshotOf, Units } from '../functions/lib/units.js';
import type { ProvinceConfig } from '../provinces/types.js';
import { applyAppraisal, applySelf, applyStep, newAssessment, type Assessment } from '../shared/assessment.js';
import { getFramework, registerFramework } from '../shared/framework-registry.js';
import type { FrameworkDocument } from '../shared/frameworks/document.js';
import { sampleFramework2026 } from '../shared/frameworks/sample.js';
import { toPoints, type Framework } from '../shared/framework.js';
import { finalRankingStatus, rankingTransition, type RankingStatus } from '../shared/lifecycle.js';
import { RANKING_STEPS } from '../shared/ranking.js';
import type { Principal } from '../shared/permissions.js';
import type { AuditEntry } from '../shared/schemas.js';

const SEED: Principal = { sub: 'seed', name: 'Khởi tạo dữ liệu mẫu', role: 'province', unitId: '' };

export async function seedDemo(store: Store, province: ProvinceConfig, lifecycle: Lifecycle, now = new Date()): Promise<void> {
  if (await store.getMeta('SEED')) return;
  // Decision 4203 as data (seeded on first read), and beside it the sample draft "Bộ tiêu chí mẫu 2026".
  const framework = (await store.getFrameworkDoc(province.frameworkId))?.doc;
  if (!framework) throw new Error(`the demo's framework ${province.frameworkId} is not stored`);
  await store.putFrameworkDoc({ doc: sampleFramework2026(), history: [] }, undefined);
  const history = province.demo?.history;
  if (history && !(await store.getCycle(String(history.year)))) await seedFinishedCycle(store, province, history, framework);
  const year = now.getUTCFullYear();
  // Deadline: 30 days after the first start, 17:00 Hà Nội time.
  const day = new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  await openCycle(
    store,
    snapshotOf(province),
    { year, frameworkId: province.frameworkId, selfAssessmentDeadline: `${day}T17:00:00+07:00` },
    { principal: { ...SEED, unitId: province.id }, now: now.toISOString() },
    lifecycle,
    framework,
  );
  await store.putMeta('SEED', { at: now.toISOString(), year, ...(history ? { history: history.year } : {}) });
}

/** mulberry32: the same demo on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A score in whole hundredths of `max`, as a share drawn around the commune's own level. */
const scoreOf = (max: number, share: number) => toPoints(Math.round(Math.min(1, Math.max(0, share)) * max));

/**
 * A finished cycle written straight in its final state (no lifecycle executions: nothing waits any
 * more): the same pure steps the API takes (applySelf, submit, applyAppraisal, complete, then the
 * ranking steps), each assessment stored once with its steps' audit, then each district's ranking.
 */
async function seedFinishedCycle(
  store: Store,
  province: ProvinceConfig,
  spec: { year: number; organisationId: string },
  framework: FrameworkDocument,
): Promise<void> {
  registerFramework(await store.putCycleFrameworkIfAbsent(String(spec.year), framework));
  const fw = getFramework(framework.id) as Framework;
  const snapshot = await store.putCycleOrganisationIfAbsent(String(spec.year), snapshotOf(province, spec.organisationId));
  const units = new Units(snapshot);
  const cycleId = String(spec.year);
  const level = units.appraisingLevel;
  const steps = RANKING_STEPS.filter((s) => s !== 'report' || level === 'district');
  const random = prng(spec.year * 7919);
  // Dates within the earlier year: submitted in October, appraised in November, ranked in December.
  const at = (month: number, day: number) =>
    `${spec.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T09:00:00+07:00`;
  const leaves = fw.leaves;
  const communes = [...units.communes.values()];
  for (let i = 0; i < communes.length; i += 25)
    await Promise.all(
      communes.slice(i, i + 25).map((c) => {
        const base = 0.62 + random() * 0.33;
        const self = Object.fromEntries(
          leaves.map((l) => [l.code, { score: scoreOf(l.max, base + 0.08 + (random() - 0.5) * 0.2) }]),
        );
        const appraised = Object.fromEntries(
          leaves.map((l) => {
            const score = Math.min(self[l.code]!.score, scoreOf(l.max, base + (random() - 0.5) * 0.3));
            return [l.code, score === self[l.code]!.score ? { score } : { score, comment: 'Tài liệu kiểm chứng chưa đầy đủ' }];
          }),
        );
        const officer: Principal = { sub: 'seed', name: `Công chức ${c.name}`, role: 'commune_officer', unitId: c.id };
        const chair: Principal = { sub: 'seed', name: `Chủ tịch UBND ${c.name}`, role: 'commune_chair', unitId: c.id };
        const secretary: Principal = {
          sub: 'seed',
          name: `Thư ký Hội đồng thẩm định — ${c.districtName}`,
          role: level === 'province' ? 'province_secretary' : 'district_secretary',
          unitId: c.districtId,
        };
        const decider: Principal = {
          sub: 'seed',
          name: `Chủ tịch UBND ${c.districtName}`,
          role: level === 'province' ? 'province_chair' : 'district_chair',
          unitId: c.districtId,
        };
        let a: Assessment = newAssessment(
          {
            cycleId,
            unitId: c.id,
            unitName: c.name,
            unitKind: c.kind,
            districtId: c.districtId,
            provinceId: c.provinceId,
            frameworkId: fw.id,
          },
          at(1, 15),
        );
        const audit: AuditEntry[] = [{ at: at(1, 15), by: SEED.name, role: 'province', action: 'open', to: 'DRAFT' }];
        const apply = (change: { next: Assessment; audit: AuditEntry[] }) => {
          a = change.next;
          audit.push(...change.audit);
        };
        apply(applySelf(fw, a, { version: a.version, items: self }, { principal: officer, now: at(10, 10) }));
        apply(applyStep(fw, a, 'submit', { principal: chair, now: at(10, 20) }));
        apply(applyAppraisal(fw, a, { version: a.version, items: appraised }, { principal: secretary, now: at(11, 15) }));
        apply(applyStep(fw, a, 'complete', { principal: secretary, now: at(11, 25) }));
        steps.forEach((s, k) => apply(applyStep(fw, a, s, { principal: decider, now: at(12, 10 + k * 5) })));
        return store.createAssessmentIfAbsent(a, audit);
      }),
    );
  await Promise.all(
    units.appraisingUnits.map((d) => {
      let status: RankingStatus = 'OPEN';
      const history = steps.map((s, k) => {
        const to = rankingTransition(status, s, level);
        const step = {
          at: at(12, 10 + k * 5),
          by: `Chủ tịch UBND ${d.name}`,
          role: level === 'province' ? 'province_chair' : 'district_chair',
          action: s,
          from: status,
          to,
        };
        status = to;
        return step;
      });
      if (status !== finalRankingStatus(level)) throw new Error('seed: ranking did not reach its end');
      return store.putRanking({ cycleId, districtId: d.id, status, version: history.length, history }, 0);
    }),
  );
  await store.putCycleIfAbsent({
    id: cycleId,
    year: spec.year,
    frameworkId: fw.id,
    selfAssessmentDeadline: at(10, 31),
    status: 'CLOSED',
    organisationId: units.org.id,
    appraisingLevel: level,
  });
}
