/**
 * The pure rules behind what the screens say (issue 10): percentages in one style, the header's
 * identity, the error page in Vietnamese, the commune home's score label and deadline by status, the
 * appraisal's progress over applicable rows, the save status and the warning before leaving when a
 * row holds an invalid value, and the deadline written out day first in 24-hour time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAT_BINS } from '../../src/lib/charts';
import { describeLocalInput } from '../../src/lib/dates';
import { localInputToIso } from '../../src/lib/district';
import { errorPage, unexpectedMessage } from '../../src/lib/error-page';
import { deadlineApplies, homeScore } from '../../src/lib/home-score';
import { progressOf } from '../../src/lib/progress';
import { pct } from '../../src/lib/results';
import { invalidRowsText, leaveWarning } from '../../src/lib/save-text';
import { whoLabel } from '../../src/lib/who';
import { getFramework } from '$shared/framework-registry';
import { appraisingBodyNames } from '$shared/labels';
import { ASSESSMENT_STATUSES } from '$shared/lifecycle';
import { scoreSheet } from '$shared/scoring';

const fw = getFramework('thai-nguyen-4203-2021')!;

describe('percentages', () => {
  it('the dashboard and the heat map legend write them as the form does', () => {
    expect(pct(29.76)).toBe('29,76%');
    expect(pct(7.5)).toBe('7,50%');
    expect(HEAT_BINS.map((b) => b.label)).toEqual([
      'Từ 90%',
      '80 đến dưới 90%',
      '70 đến dưới 80%',
      '50 đến dưới 70%',
      'Dưới 50%',
    ]);
  });

  it('no screen writes a space before a percent sign by hand', () => {
    const root = resolve(import.meta.dirname, '../../src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(svelte|ts)$/.test(name)) files.push(p);
      }
    };
    walk(root);
    const offenders = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${f.slice(root.length + 1)}:${i + 1}` }))
        // A number or an interpolation, then a (no-break) space, then "%"; "(%)" column headers are fine.
        .filter(({ line }) => /[\d}][ \u00a0\u202f]+%|\\u00a0%|\\u202f%/.test(line))
        .map(({ at }) => at),
    );
    expect(offenders).toEqual([]);
  });
});

describe('the header names the role once', () => {
  it('drops the role when the name already says it (the local sign-in names users "role — unit")', () => {
    expect(whoLabel({ name: 'Công chức cấp xã — Xã Phúc Xuân', role: 'commune_officer' })).toEqual({
      name: 'Công chức cấp xã — Xã Phúc Xuân',
    });
  });
  it('shows a person’s name with the role, and the role alone without a name', () => {
    expect(whoLabel({ name: 'Nguyễn Văn An', role: 'commune_officer' })).toEqual({
      name: 'Nguyễn Văn An',
      role: 'Công chức cấp xã',
    });
    expect(whoLabel({ name: ' ', role: 'commune_officer' })).toEqual({ name: 'Công chức cấp xã' });
  });
});

describe('the error page', () => {
  it('replaces SvelteKit’s English messages', () => {
    for (const m of ['Not Found', 'Not found: /khong-co', 'Internal Error', undefined]) {
      const t = errorPage(404, m);
      expect(t.title).toBe('Không tìm thấy trang');
      expect(t.detail).toBe(unexpectedMessage(404));
      expect(t.detail).not.toMatch(/not found/i);
    }
    expect(errorPage(500, 'Internal Error')).toEqual({ title: 'Đã có lỗi xảy ra', detail: 'Vui lòng thử lại sau ít phút.' });
  });
  it('keeps the app’s own Vietnamese message', () => {
    expect(errorPage(404, 'Không tìm thấy kỳ đánh giá.').detail).toBe('Không tìm thấy kỳ đánh giá.');
    expect(errorPage(403, 'Bảng xếp hạng dành cho UBND cấp huyện và Sở Nội vụ.').title).toBe('Không có quyền truy cập');
  });
  it('has a Vietnamese message for every status', () => {
    for (const s of [400, 401, 403, 404, 405, 409, 500, 502, 503])
      expect(unexpectedMessage(s)).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
  });
});

describe('the commune home by status', () => {
  it('calls the score provisional only while the commune edits, and runs the deadline only then', () => {
    const seen = Object.fromEntries(ASSESSMENT_STATUSES.map((s) => [s, homeScore(s, appraisingBodyNames('district'))]));
    for (const s of ['DRAFT', 'RETURNED'] as const) {
      expect(seen[s]!.note).toContain('tạm tính');
      expect(seen[s]!.side).toBe('self');
      expect(deadlineApplies(s)).toBe(true);
    }
    for (const s of ['SUBMITTED', 'IN_APPRAISAL', 'APPRAISED', 'APPROVED', 'PUBLISHED', 'REPORTED'] as const) {
      expect(seen[s]!.note).not.toContain('tạm tính');
      expect(deadlineApplies(s)).toBe(false);
    }
    expect(seen.SUBMITTED!.title).toBe('Kết quả tự đánh giá đã nộp');
    expect(seen.IN_APPRAISAL!.side).toBe('self');
    expect(seen.APPRAISED!).toMatchObject({ side: 'appraised', title: 'Điểm thẩm định' });
    expect(seen.APPROVED!).toMatchObject({ side: 'appraised', title: 'Điểm thẩm định' });
    expect(seen.PUBLISHED!).toMatchObject({ side: 'appraised', title: 'Kết quả đã công bố' });
    expect(seen.REPORTED!.title).toBe('Kết quả đã công bố');
  });
});

describe('progress in the totals bar', () => {
  // 1.8.1 "(nếu có)" marked not applicable, nothing else scored.
  const sheet = scoreSheet(fw, (code) => ({ score: null, notApplicable: code === '1.8.1' }));

  it('the appraisal counts only applicable rows: nothing appraised reads 0/118, not 1/119', () => {
    expect(progressOf('appraisal', sheet, fw.leaves.length)).toEqual({ done: 0, total: 118 });
    const one = scoreSheet(fw, (code) => ({ score: code === '1.1.1' ? 100 : null, notApplicable: code === '1.8.1' }));
    expect(progressOf('appraisal', one, fw.leaves.length)).toEqual({ done: 1, total: 118 });
  });
  it('the self-assessment counts a row marked not applicable as dealt with', () => {
    expect(progressOf('self', sheet, fw.leaves.length)).toEqual({ done: 1, total: 119 });
  });
});

describe('save status and leaving with an invalid value', () => {
  const saved = { kind: 'saved', at: new Date() } as const;

  it('names the rows not saved', () => {
    expect(invalidRowsText([])).toBe('');
    expect(invalidRowsText(['1.2.2'])).toBe('Chưa lưu tiêu chí 1.2.2: điểm không hợp lệ.');
    expect(invalidRowsText(['1.2.2', '3.1.1'])).toBe('Chưa lưu 2 tiêu chí (1.2.2, 3.1.1): điểm không hợp lệ.');
    expect(invalidRowsText(['1.1.1', '1.1.2', '1.2.1', '1.2.2', '1.3.1'])).toBe(
      'Chưa lưu 5 tiêu chí (1.1.1, 1.1.2, 1.2.1, 1.2.2, …): điểm không hợp lệ.',
    );
  });
  it('asks before leaving when a row is invalid, held or failed, not when everything can still be sent', () => {
    expect(leaveWarning([], saved)).toBeUndefined();
    expect(leaveWarning([], { kind: 'pending' })).toBeUndefined();
    expect(leaveWarning(['1.2.2'], saved)).toMatch(/^Chưa lưu tiêu chí 1\.2\.2: điểm không hợp lệ\.[\s\S]*Vẫn rời trang\?$/);
    expect(leaveWarning([], { kind: 'held', message: 'Chưa lưu tiêu chí 2.3.2: cần ghi nhận xét.' })).toContain('2.3.2');
    expect(leaveWarning([], { kind: 'error', message: 'Mất kết nối.', retrying: true })).toContain('Mất kết nối.');
  });
});

describe('the deadline dialog', () => {
  it('writes the chosen date day first in 24-hour time, whatever the browser shows in the field', () => {
    expect(describeLocalInput('2026-09-12T17:00')).toBe('17:00 thứ Bảy, ngày 12/09/2026');
    expect(describeLocalInput('2026-12-27T08:05')).toBe('08:05 Chủ nhật, ngày 27/12/2026');
    expect(describeLocalInput('')).toBeUndefined();
    expect(describeLocalInput('2026-02-30T10:00')).toBeUndefined();
    expect(describeLocalInput('2026-09-12T24:00')).toBeUndefined();
  });
  it('still sends the value as ISO 8601 in Hà Nội time', () => {
    expect(localInputToIso('2026-09-12T17:00')).toBe('2026-09-12T17:00:00+07:00');
  });
});
