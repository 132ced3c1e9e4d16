/**
 * "Báo cáo tự đánh giá của một xã: docx và PDF" (issue 24, item 8: ≤ 500 ms each): the self-assessment
 * report of one commune (119 scored rows, evidence on most, the appendix's 155 rows) built and rendered
 * by each renderer, beside the same renderer writing an empty document (the header and the signature
 * only) in the same run. The first render of each (the fonts read, the modules warmed) is reported in
 * the figure's name; the value is the median of the warm ones, as a warm Lambda serves most requests.
 *
 * The renderers are a foundation not yet wired into a route (functions/lib/documents/README.md).
 */
import type { Assessment } from '../shared/assessment.js';
import { newAssessment } from '../shared/assessment.js';
import type { OfficialDocument } from '../shared/documents.js';
import { getFramework } from '../shared/framework-registry.js';
import { renderDocx } from '../functions/lib/documents/docx.js';
import { renderPdf } from '../functions/lib/documents/pdf.js';
import { selfAssessmentReport } from '../functions/lib/documents/self-assessment-report.js';
import { prng } from './scoring.js';
import type { BenchResult } from './types.js';

const REPETITIONS = 9;
const GOAL_MS = 500;

function commune(): Assessment {
  const fw = getFramework('thai-nguyen-4203-2021')!;
  const rand = prng(24);
  const a = newAssessment(
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
  );
  fw.leaves.forEach((leaf, i) => {
    const self = Math.floor((leaf.max * (0.5 + rand() / 2)) / 25) * 25;
    const files = rand() < 0.85 ? 1 + Math.floor(rand() * 3) : 0;
    a.rows[leaf.code] = {
      self,
      evidence: Array.from({ length: files }, (_, k) => ({
        id: `e${i}-${k}`,
        fileName: `Báo cáo kết quả thực hiện số ${i + k}/BC-UBND.pdf`,
        contentType: 'application/pdf',
        size: 100_000,
        uploadedAt: '2026-10-01T00:00:00Z',
        uploadedBy: 'officer',
      })),
      ...(files === 0 ? { explanation: 'Xã đã thực hiện, hồ sơ đang được hoàn thiện để lưu trữ theo quy định.' } : {}),
    };
  });
  return a;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function time(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

export async function run(): Promise<BenchResult[]> {
  const fw = getFramework('thai-nguyen-4203-2021')!;
  const a = commune();
  const build = () =>
    selfAssessmentReport({
      framework: fw,
      year: 2026,
      assessment: a,
      appraisingBody: 'Hội đồng thẩm định Chỉ số CCHC tỉnh Thái Nguyên',
      settings: { number: '27', date: '2027-01-08', signerName: 'Nguyễn Thị Hồng Nhung' },
      narrative: { difficulties: 'Đội ngũ công chức còn thiếu.', recommendations: 'Đề nghị tổ chức tập huấn.' },
    });
  const report = build();
  const empty: OfficialDocument = { ...report, draft: false, intro: [], sections: [], appendices: [] };
  const results: BenchResult[] = [];
  for (const [label, render] of [
    ['docx', renderDocx],
    ['PDF', renderPdf],
  ] as const) {
    const first = await time(() => render(build()));
    await time(() => render(empty));
    const value: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < REPETITIONS; i++) {
      // Alternating order, so that a slow moment of the machine falls on both alike.
      if (i % 2 === 0) {
        value.push(await time(() => render(build())));
        baseline.push(await time(() => render(empty)));
      } else {
        baseline.push(await time(() => render(empty)));
        value.push(await time(() => render(build())));
      }
    }
    const v = median(value);
    results.push({
      name: `Báo cáo tự đánh giá của một xã (${fw.leaves.length} tiêu chí, phụ lục ${fw.rows.length} dòng) ra ${label} (trung vị ${REPETITIONS} lần; lần đầu ${first.toFixed(0)} ms)`,
      value: v,
      unit: 'ms',
      baseline: { name: `${label} chỉ có phần đầu và chữ ký`, value: median(baseline) },
      goal: `≤ ${GOAL_MS} ms`,
      met: v <= GOAL_MS,
    });
  }
  return results;
}
