/**
 * The demo's draft (seeded by local/seed.ts beside Decision 4203) "Bộ tiêu chí mẫu 2026": a SAMPLE, copied from Decision 4203, to show what a framework
 * document can hold that 4203 does not: a bonus group (cap 3 points), a penalty group (cap 5 points),
 * two rows scored by choosing an option, one row whose points come from the sociological survey, and
 * results published in percent. It is no real decision: it has no `decision`, its title and every
 * added text say it is a sample, and nothing here is taken from QĐ 2648 or any other decision.
 */
import type { FrameworkDocNode, FrameworkDocument } from './document.js';
import { decision4203Document } from './from-catalog.js';
import { walk } from './document.js';

export const SAMPLE_FRAMEWORK_ID = 'mau-2026';
const SAMPLE_NOTE = 'Nội dung minh họa của bộ tiêu chí mẫu, không trích từ quyết định nào.';

function leaf(code: string, title: string, maxPoints: number, kind: FrameworkDocNode['kind']): FrameworkDocNode {
  return { code, title, maxPoints, kind, guidance: SAMPLE_NOTE, notApplicableAllowed: false, children: [] };
}

export function sampleFramework2026(): FrameworkDocument {
  // A copy clears the decision (API.md: POST /api/frameworks): the sample is no decision's text.
  const { decision: _decision, ...base } = decision4203Document();
  const doc: FrameworkDocument = {
    ...base,
    id: SAMPLE_FRAMEWORK_ID,
    title: 'Bộ tiêu chí mẫu 2026 (mẫu minh họa, sao chép từ Quyết định 4203/QĐ-UBND)',
    years: [2026],
    status: 'draft',
    version: 1,
    basedOn: base.id,
    display: 'percent',
    // 4203's thresholds (90, 80, 70, 50 of 100 points) read as percent: hundredths of a percent.
    classBands: base.classBands.map((b) => ({ ...b })),
    bonus: {
      cap: 300,
      items: [
        leaf('T.1', 'Có sáng kiến cải cách hành chính được cấp có thẩm quyền công nhận (mẫu)', 200, 'yes-no'),
        leaf('T.2', 'Được cấp có thẩm quyền khen thưởng về cải cách hành chính trong năm (mẫu)', 200, 'score'),
      ],
    },
    penalty: {
      cap: 500,
      items: [
        leaf('P.1', 'Có cán bộ, công chức bị xử lý kỷ luật liên quan đến giải quyết thủ tục hành chính (mẫu)', 300, 'yes-no'),
        leaf('P.2', 'Để xảy ra hồ sơ thủ tục hành chính trễ hạn mà không xin lỗi bằng văn bản (mẫu)', 300, 'score'),
      ],
    },
  };
  const byCode = new Map([...walk(doc.sets[0]!.items)].map((n) => [n.code, n]));
  const asChoice = (code: string, options: [string, number][]) => {
    const n = byCode.get(code)!;
    n.kind = 'choice';
    n.options = options.map(([label, points]) => ({ label, points }));
    n.guidance = SAMPLE_NOTE;
  };
  // 1.1.1 (1 point) and 1.2.1 (0,5 point): the options the issue gives as an example of the kind.
  asChoice('1.1.1', [
    ['Ban hành đúng hạn', 100],
    ['Ban hành chậm', 50],
    ['Không ban hành', 0],
  ]);
  asChoice('1.2.1', [
    ['Đủ số lượng, đúng thời gian', 50],
    ['Đủ số lượng nhưng chậm', 25],
    ['Không đủ số lượng', 0],
  ]);
  const survey = byCode.get('4.2.5')!;
  survey.kind = 'survey';
  survey.guidance = `Điểm lấy từ kết quả điều tra xã hội học. ${SAMPLE_NOTE}`;
  return doc;
}
