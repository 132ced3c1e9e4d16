/** "Mở kỳ đánh giá" (issue 22 item 6): the picker offers the active frameworks, newest first; the list names each cycle's framework. */
import { describe, expect, it } from 'vitest';
import { activeFrameworks, frameworkTitle } from '../../src/lib/open-cycle';

const list = [
  { id: 'tn-4203', title: 'Quyết định 4203', status: 'active' as const, years: [2022, 2023, 2024] },
  { id: 'nhap', title: 'Bản nháp 2027', status: 'draft' as const, years: [2027] },
  { id: 'cu', title: 'Bộ cũ', status: 'retired' as const, years: [2030] },
  { id: 'moi', title: 'Bộ tiêu chí 2026', status: 'active' as const, years: [2026] },
  { id: 'khong-nam', title: 'Chưa ghi năm', status: 'active' as const, years: [] },
];

describe('the framework picker', () => {
  it('offers only the active frameworks, the newest year first', () => {
    expect(activeFrameworks(list).map((f) => f.id)).toEqual(['moi', 'tn-4203', 'khong-nam']);
    expect(activeFrameworks([])).toEqual([]);
  });

  it("names a cycle's framework by its title, or by its id when the list lacks it", () => {
    expect(frameworkTitle('moi', list)).toBe('Bộ tiêu chí 2026');
    expect(frameworkTitle('da-xoa', list)).toBe('da-xoa');
  });
});
