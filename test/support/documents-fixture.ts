/**
 * One commune's assessment for the documents' tests, with every kind of row the report treats apart:
 * full and partial scores, an unscored row, a "(nếu có)" row marked not applicable, rows with and
 * without evidence, with and without an explanation. The expected figures are computed here from the
 * same raw numbers by plain arithmetic, not by the scoring module.
 */
import { newAssessment, type Assessment } from '../../shared/assessment.js';
import type { AssessmentStatus } from '../../shared/lifecycle.js';
import { getFramework } from '../../shared/framework-registry.js';
import type { Framework } from '../../shared/framework.js';

export const fw: Framework = getFramework('thai-nguyen-4203-2021')!;

export const EXPLANATION = 'Xã đã tổ chức thực hiện, đang hoàn thiện hồ sơ lưu trữ';

export function fixtureAssessment(status: AssessmentStatus = 'DRAFT'): Assessment {
  const a: Assessment = {
    ...newAssessment(
      {
        cycleId: '2026',
        unitId: 'phuc-xuan',
        unitName: 'Xã Phúc Xuân',
        unitKind: 'xa',
        districtId: 'd',
        provinceId: 'p',
        frameworkId: fw.id,
      },
      '2026-01-01T00:00:00Z',
    ),
    status,
  };
  const naLeaf = fw.leaves.find((l) => l.notApplicableAllowed)!;
  fw.leaves.forEach((leaf, i) => {
    if (leaf === naLeaf) {
      a.rows[leaf.code] = { notApplicable: true };
      return;
    }
    if (i === 3) return; // unscored
    // Full marks on every third row, half (to the quarter point below) on the others.
    const self = i % 3 === 0 ? leaf.max : Math.floor(leaf.max / 50) * 25;
    const evidence =
      i % 4 === 1
        ? []
        : [
            {
              id: `e${i}`,
              fileName: `Kế hoạch số ${i}/KH-UBND.pdf`,
              contentType: 'application/pdf',
              size: 1000,
              uploadedAt: '',
              uploadedBy: '',
            },
          ];
    a.rows[leaf.code] = { self, evidence, ...(i % 8 === 1 ? { explanation: `${EXPLANATION} (${leaf.code})` } : {}) };
  });
  return a;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

/** The area a leaf code belongs to, by its first number ("3.2.1" → "III"). */
const areaOfCode = (code: string) => ROMAN[Number(code.split('.')[0]) - 1]!;

/** Plain arithmetic over the raw rows: each area's self points and applicable maximum (hundredths). */
export function expectedAreas(a: Assessment) {
  const out = new Map<string, { points: number; applicableMax: number }>();
  for (const leaf of fw.leaves) {
    const area = areaOfCode(leaf.code);
    const e = out.get(area) ?? { points: 0, applicableMax: 0 };
    const r = a.rows[leaf.code];
    if (!r?.notApplicable) {
      e.points += r?.self ?? 0;
      e.applicableMax += leaf.max;
    }
    out.set(area, e);
  }
  return out;
}

/** "6,50": hundredths as vi-VN with two decimals, written independently of shared/format.ts. */
export const vi2 = (h: number) => (h / 100).toFixed(2).replace('.', ',');

/** points / max × 100 in hundredths, half-up, by floating arithmetic (exact at .5 for these sizes). */
export const pct = (points: number, max: number) => Math.round((points * 10000) / max);
