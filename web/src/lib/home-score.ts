/**
 * What the commune's home says about its score at each step: provisional while the commune still
 * edits (or must resubmit after a return), its submitted self-assessment while the council appraises,
 * then the appraised score (the one that counts, Điều 8) and the published result. The council and the
 * chairman are the cycle's own (shared/labels.ts `appraisingBodyNames`): the province's in a
 * province-level cycle. The deadline only matters until the report is in.
 */
import type { ResultsResponse } from '$shared/api/rankings';
import type { AppraisingBodyNames } from '$shared/labels';
import type { AssessmentStatus } from '$shared/lifecycle';
import { hasReached, isSelfOpen } from '$shared/status-order';

export interface HomeScore {
  /** Which side's totals the card shows. */
  side: 'self' | 'appraised';
  title: string;
  note: string;
}

export function homeScore(status: AssessmentStatus, body: AppraisingBodyNames): HomeScore {
  if (status === 'RETURNED')
    return {
      side: 'self',
      title: 'Kết quả tự chấm',
      note: `Điểm tạm tính; ${body.council} đã trả lại hồ sơ để giải trình, xã phải nộp lại báo cáo.`,
    };
  if (isSelfOpen(status))
    return { side: 'self', title: 'Kết quả tự chấm', note: 'Điểm tạm tính theo các tiêu chí đã chấm; chưa nộp báo cáo.' };
  if (!hasReached(status, 'APPRAISED'))
    return {
      side: 'self',
      title: 'Kết quả tự đánh giá đã nộp',
      note: `${body.council} đang thẩm định; xếp hạng theo chỉ số tính từ điểm thẩm định.`,
    };
  if (!hasReached(status, 'PUBLISHED'))
    return {
      side: 'appraised',
      title: 'Điểm thẩm định',
      note:
        status === 'APPROVED'
          ? `${body.chair} đã phê duyệt kết quả; chờ công bố.`
          : `Đã hoàn thành thẩm định; chờ ${body.chair} phê duyệt kết quả xếp hạng.`,
    };
  return { side: 'appraised', title: 'Kết quả đã công bố', note: 'Kết quả Chỉ số CCHC chính thức theo điểm thẩm định.' };
}

/** The self-assessment deadline applies (and its countdown runs) only until the report is submitted. */
export const deadlineApplies = (status: AssessmentStatus): boolean => isSelfOpen(status);

/** Where the commune stands in its published ranking. */
export interface Placed {
  rank: number;
  /** Communes ranked in the same appraising unit and block. */
  of: number;
  /** The block's label, when the organisation ranks kinds apart. */
  block?: string;
  /** The appraising unit whose chairman approved the ranking: a district, or the province. */
  scope: string;
}

/**
 * The commune's rank as its approving chairman's ranking gives it, from any cycle's public results:
 * within its appraising unit (the district, or the province) and its ranking block, out of the
 * communes ranked there. Null when the commune's ranking is not published.
 */
export function placeOf(r: Pick<ResultsResponse, 'rows' | 'blocks'>, unitId: string): Placed | null {
  const row = r.rows.find((x) => x.unitId === unitId);
  if (!row) return null;
  const of = r.rows.filter((x) => x.districtId === row.districtId && x.block === row.block).length;
  const block = r.blocks.length > 1 ? r.blocks.find((b) => b.id === row.block)?.label : undefined;
  return { rank: row.districtRank, of, ...(block ? { block } : {}), scope: row.districtName };
}
