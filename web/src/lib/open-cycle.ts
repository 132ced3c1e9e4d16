/**
 * "Mở kỳ đánh giá" (Sở Nội vụ): what the form checks before sending, and what the server's refusals
 * mean to the official, in Vietnamese. Pure, so that every message is tested without a browser.
 */
import type { Cycle } from '$shared/schemas';
import { describeLocalInput } from './dates';
import { localInputToIso } from './district';

export interface OpenCycleInput {
  /** As typed. */
  year: string;
  organisationId: string;
  frameworkId: string;
  /** A `datetime-local` value, Hà Nội time. */
  deadline: string;
}

export type OpenCycleField = 'year' | 'organisationId' | 'frameworkId' | 'deadline';
export type OpenCycleErrors = Partial<Record<OpenCycleField, string>>;

/** The year the form proposes: the one after the newest cycle, or this year when there is none. */
export function nextYear(cycles: readonly Pick<Cycle, 'year'>[], now: Date): number {
  const newest = Math.max(0, ...cycles.map((c) => c.year));
  return newest ? Math.max(newest + 1, now.getUTCFullYear()) : now.getUTCFullYear();
}

/** Errors of the form as typed (none: it may be sent). `now` is the instant the official presses the button. */
export function checkOpenCycle(input: OpenCycleInput, cycles: readonly Pick<Cycle, 'year'>[], now: Date): OpenCycleErrors {
  const errors: OpenCycleErrors = {};
  const y = input.year.trim();
  if (!y) errors.year = 'Nhập năm đánh giá.';
  else if (!/^\d{4}$/.test(y) || Number(y) < 2020 || Number(y) > 2100)
    errors.year = 'Năm đánh giá là một số có 4 chữ số, từ 2020 đến 2100.';
  else if (cycles.some((c) => c.year === Number(y)))
    errors.year = `Năm ${y} đã có kỳ đánh giá: mỗi năm chỉ mở một kỳ. Chọn năm khác.`;
  if (!input.organisationId) errors.organisationId = 'Chọn tổ chức đơn vị hành chính của kỳ đánh giá.';
  if (!input.frameworkId) errors.frameworkId = 'Chọn bộ tiêu chí.';
  const iso = localInputToIso(input.deadline);
  if (!input.deadline) errors.deadline = 'Nhập hạn tự đánh giá (ngày và giờ).';
  else if (!iso || !describeLocalInput(input.deadline)) errors.deadline = 'Hạn tự đánh giá không phải một ngày giờ hợp lệ.';
  else if (new Date(iso).getTime() <= now.getTime()) errors.deadline = 'Hạn tự đánh giá phải sau thời điểm hiện tại.';
  return errors;
}

/** The request body of a form without errors. */
export function openCycleBody(input: OpenCycleInput) {
  return {
    year: Number(input.year.trim()),
    frameworkId: input.frameworkId,
    selfAssessmentDeadline: localInputToIso(input.deadline)!,
    organisationId: input.organisationId,
  };
}

const FIELD_OF: Record<string, OpenCycleField> = {
  year: 'year',
  organisationId: 'organisationId',
  frameworkId: 'frameworkId',
  selfAssessmentDeadline: 'deadline',
};

/**
 * A refusal of the server, as the form shows it: beside the field it names (400), or above the form.
 * 409: the year was opened meanwhile (by someone else, or in another tab).
 */
export function explainOpenCycleError(
  e: { status: number; code: string; message: string; details?: unknown },
  year: string,
): { field?: OpenCycleField; message: string } {
  if (e.status === 409)
    return {
      field: 'year',
      message: `Năm ${year.trim()} đã có kỳ đánh giá (có thể vừa được mở ở nơi khác): mỗi năm chỉ mở một kỳ. Tải lại trang để thấy kỳ đó, hoặc chọn năm khác.`,
    };
  if (e.status === 403) return { message: 'Chỉ Sở Nội vụ được mở kỳ đánh giá Chỉ số CCHC. ' + e.message };
  const named = Array.isArray(e.details)
    ? (e.details as { field?: unknown }[]).map((d) => FIELD_OF[String(d.field)]).find((f) => f !== undefined)
    : undefined;
  // The schema's own wording names fields in English ("selfAssessmentDeadline: …"): say it per field.
  const generic = e.message.startsWith('Dữ liệu không hợp lệ');
  if (!named) return { message: generic ? 'Máy chủ không nhận dữ liệu của biểu mẫu; kiểm tra lại các trường.' : e.message };
  return { field: named, message: generic ? FIELD_MESSAGE[named] : e.message };
}

const FIELD_MESSAGE: Record<OpenCycleField, string> = {
  year: 'Năm đánh giá không hợp lệ.',
  organisationId: 'Tổ chức đơn vị hành chính không hợp lệ.',
  frameworkId: 'Bộ tiêu chí không hợp lệ.',
  deadline: 'Hạn tự đánh giá không hợp lệ.',
};

/** What the framework picker needs of a framework (GET /api/frameworks). */
export interface FrameworkChoice {
  id: string;
  title: string;
  status: 'draft' | 'active' | 'retired';
  years: number[];
}

/**
 * The frameworks a cycle may open with: the active ones, newest first (the latest year it covers, then
 * its title), so that the picker's default is the newest. Drafts and retired ones are refused by the server.
 */
export function activeFrameworks<F extends FrameworkChoice>(list: readonly F[]): F[] {
  return list
    .filter((f) => f.status === 'active')
    .sort((a, b) => Math.max(0, ...b.years) - Math.max(0, ...a.years) || a.title.localeCompare(b.title, 'vi'));
}

/** The framework a cycle runs, as the list of cycles names it (its id when the list does not have it). */
export function frameworkTitle(frameworkId: string, list: readonly Pick<FrameworkChoice, 'id' | 'title'>[]): string {
  return list.find((f) => f.id === frameworkId)?.title ?? frameworkId;
}
