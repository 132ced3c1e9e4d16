/**
 * The names of the files the product produces: one ASCII style for every spreadsheet and CSV (issue
 * 10, item 14: "Phu-luc-II_Thành phố Thái Nguyên_2026.xlsx" mixed both), and a header that carries it.
 */
import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from '../../functions/lib/evidence-files.js';
import { downloadName, fileSlug } from '../../shared/file-names.js';

describe('downloadName', () => {
  it('folds Vietnamese to ASCII, hyphens inside a part, "_" between parts', () => {
    expect(downloadName(['Phu-luc-II', 'Thành phố Thái Nguyên', 2026], 'xlsx')).toBe(
      'Phu-luc-II_Thanh-pho-Thai-Nguyen_2026.xlsx',
    );
    expect(downloadName(['Phu-luc-I', 'Xã Phúc Xuân', 2026], 'xlsx')).toBe('Phu-luc-I_Xa-Phuc-Xuan_2026.xlsx');
    expect(downloadName(['Xep-hang', 'Huyện Định Hóa', 2026], 'csv')).toBe('Xep-hang_Huyen-Dinh-Hoa_2026.csv');
    expect(downloadName(['Tien-do', 'Toàn tỉnh', 2026], 'csv')).toBe('Tien-do_Toan-tinh_2026.csv');
  });

  it('writes the same name whether the text came composed or decomposed, and keeps no character a header or a file system minds', () => {
    const composed = 'Thị trấn Đình Cả';
    expect(fileSlug(composed.normalize('NFD'))).toBe(fileSlug(composed));
    expect(fileSlug(composed)).toBe('Thi-tran-Dinh-Ca');
    expect(fileSlug(' a/b\\c "d" ; e\r\nf ')).toBe('a-b-c-d-e-f');
    expect(downloadName(['Tong-hop-CCHC', '', '  ', 2026], 'xlsx')).toBe('Tong-hop-CCHC_2026.xlsx');
    expect(downloadName([], 'csv')).toBe('tep.csv');
    for (const n of [downloadName(['Phu-luc-II', 'Thành phố Thái Nguyên', 2026], 'xlsx'), downloadName(['Ưu tiên — «x»'], 'csv')])
      expect(n).toMatch(/^[A-Za-z0-9_-]+\.(xlsx|csv)$/);
  });

  it('goes into Content-Disposition unchanged: the ASCII filename and filename* agree (RFC 6266/5987)', () => {
    const name = downloadName(['Phu-luc-II', 'Thành phố Thái Nguyên', 2026], 'xlsx');
    expect(attachmentDisposition(name)).toBe(
      `attachment; filename="Phu-luc-II_Thanh-pho-Thai-Nguyen_2026.xlsx"; filename*=UTF-8''Phu-luc-II_Thanh-pho-Thai-Nguyen_2026.xlsx`,
    );
  });
});
