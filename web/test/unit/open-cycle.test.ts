/**
 * "Mở kỳ đánh giá" (issue 21 item 6): what the form refuses before sending, in Vietnamese, and what
 * the server's refusals say to the official.
 */
import { describe, expect, it } from 'vitest';
import { checkOpenCycle, explainOpenCycleError, nextYear, openCycleBody, type OpenCycleInput } from '../../src/lib/open-cycle';

const now = new Date('2026-12-08T02:00:00Z');
const ok: OpenCycleInput = {
  year: '2027',
  organisationId: 'tn-2025',
  frameworkId: 'thai-nguyen-4203-2021',
  deadline: '2027-01-07T17:00',
};
const cycles = [{ year: 2024 }, { year: 2026 }];

describe('the form', () => {
  it('proposes the year after the newest cycle, or this year', () => {
    expect(nextYear(cycles, now)).toBe(2027);
    expect(nextYear([], now)).toBe(2026);
    expect(nextYear([{ year: 2020 }], now)).toBe(2026);
  });

  it('sends a complete form as the API takes it (the deadline in Hà Nội time)', () => {
    expect(checkOpenCycle(ok, cycles, now)).toEqual({});
    expect(openCycleBody({ ...ok, year: ' 2027 ' })).toEqual({
      year: 2027,
      frameworkId: 'thai-nguyen-4203-2021',
      selfAssessmentDeadline: '2027-01-07T17:00:00+07:00',
      organisationId: 'tn-2025',
    });
  });

  it.each([
    [{ year: '' }, 'year', 'Nhập năm đánh giá.'],
    [{ year: '27' }, 'year', 'Năm đánh giá là một số có 4 chữ số, từ 2020 đến 2100.'],
    [{ year: '2027,5' }, 'year', 'Năm đánh giá là một số có 4 chữ số, từ 2020 đến 2100.'],
    [{ year: '1999' }, 'year', 'Năm đánh giá là một số có 4 chữ số, từ 2020 đến 2100.'],
    [{ year: '2026' }, 'year', 'Năm 2026 đã có kỳ đánh giá: mỗi năm chỉ mở một kỳ. Chọn năm khác.'],
    [{ organisationId: '' }, 'organisationId', 'Chọn tổ chức đơn vị hành chính của kỳ đánh giá.'],
    [{ frameworkId: '' }, 'frameworkId', 'Chọn bộ tiêu chí.'],
    [{ deadline: '' }, 'deadline', 'Nhập hạn tự đánh giá (ngày và giờ).'],
    [{ deadline: '2027-02-30T17:00' }, 'deadline', 'Hạn tự đánh giá không phải một ngày giờ hợp lệ.'],
    [{ deadline: '2026-12-08T08:59' }, 'deadline', 'Hạn tự đánh giá phải sau thời điểm hiện tại.'],
  ] as const)('refuses %o: %s', (change, field, message) => {
    expect(checkOpenCycle({ ...ok, ...change }, cycles, now)).toEqual({ [field]: message });
  });
});

describe("the server's refusals", () => {
  it('409: the year opened meanwhile, beside the year', () => {
    expect(explainOpenCycleError({ status: 409, code: 'CONFLICT', message: 'Kỳ đánh giá năm 2027 đã được mở.' }, '2027')).toEqual(
      {
        field: 'year',
        message:
          'Năm 2027 đã có kỳ đánh giá (có thể vừa được mở ở nơi khác): mỗi năm chỉ mở một kỳ. Tải lại trang để thấy kỳ đó, hoặc chọn năm khác.',
      },
    );
  });

  it("400 naming a field: its Vietnamese message beside it; the schema's English wording replaced", () => {
    const org = 'Tổ chức "bk-2021" chỉ lưu để tra cứu đơn vị cũ; không mở kỳ đánh giá trên đó';
    expect(
      explainOpenCycleError({ status: 400, code: 'VALIDATION', message: org, details: [{ field: 'organisationId' }] }, '2027'),
    ).toEqual({ field: 'organisationId', message: org });
    expect(
      explainOpenCycleError(
        {
          status: 400,
          code: 'VALIDATION',
          message: 'Dữ liệu không hợp lệ: selfAssessmentDeadline: Invalid ISO datetime',
          details: [{ field: 'selfAssessmentDeadline' }],
        },
        '2027',
      ),
    ).toEqual({ field: 'deadline', message: 'Hạn tự đánh giá không hợp lệ.' });
  });

  it('403: only Sở Nội vụ opens a cycle', () => {
    expect(
      explainOpenCycleError({ status: 403, code: 'FORBIDDEN', message: 'Bạn không có quyền thực hiện thao tác này.' }, '2027')
        .message,
    ).toBe('Chỉ Sở Nội vụ được mở kỳ đánh giá Chỉ số CCHC. Bạn không có quyền thực hiện thao tác này.');
  });
});
