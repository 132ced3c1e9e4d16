/**
 * What the public index says of each published year (issue 21, item 11): who approved and published
 * follows the cycle's appraising level, never "cấp huyện" for a province-level cycle.
 */
import { describe, expect, it } from 'vitest';
import { decisionLine, publishedBy, publisherOf, type PublicCycle } from '../../src/lib/results';

const districtYear: PublicCycle = { id: '2024', year: 2024, appraisingLevel: 'district', publishedDistricts: 9 };
const provinceYear: PublicCycle = { id: '2026', year: 2026, appraisingLevel: 'province', publishedDistricts: 1 };

describe('the public index', () => {
  it('a province-level year names the province’s chairman and counts no district', () => {
    expect(publishedBy(provinceYear)).toBe('Chủ tịch UBND tỉnh đã phê duyệt và công bố');
    expect(publishedBy(provinceYear)).not.toMatch(/cấp huyện|1 đơn vị/);
    expect(publisherOf([provinceYear])).toBe('Chủ tịch UBND tỉnh');
  });

  it('a district-level year counts the districts that published; both eras listed name both', () => {
    expect(publishedBy(districtYear)).toBe('9 đơn vị cấp huyện đã công bố');
    expect(publisherOf([districtYear])).toBe('Chủ tịch UBND cấp huyện');
    const both = publisherOf([provinceYear, districtYear]);
    expect(both).toContain('cấp huyện');
    expect(both).toContain('tỉnh');
  });
});

describe('decisionLine', () => {
  it('nothing when the approval recorded neither number nor date', () => {
    expect(decisionLine({ decisionNumber: null, decisionDate: null }, 2026)).toBe('');
    expect(decisionLine({ decisionNumber: '125', decisionDate: '2027-01-15' }, 2026)).toContain('125/QĐ-UBND ngày 15/01/2027');
  });
});
