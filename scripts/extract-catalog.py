#!/usr/bin/env python3
"""Regenerates shared/catalog/thai-nguyen-4203-2021.ts from the decision's text (Phụ lục I).

Usage: python3 scripts/extract-catalog.py docs/decision-4203/4203-QD-UBND-2021.txt
The table in the text is one cell a line: code, title, maximum, then empty score cells.
"""
import re
import sys

NOT_APPLICABLE = {'1.8', '1.8.1', '1.8.2', '8.5.1', '8.5.2'}  # rows the decision marks "(nếu có)"
BY_KIND = "{ xa: 'Thực hiện chương trình xây dựng nông thôn mới', phuong: 'Quản lý các hoạt động xây dựng', 'thi-tran': 'Quản lý các hoạt động xây dựng', 'dac-khu': 'Quản lý các hoạt động xây dựng' }"
BY_KIND_NOTE = [
    "    // Decision 4203 (2021) predates the đặc khu (1 July 2025). Row 8.3.1 gives the new-rural programme to",
    "    // \"xã\" alone and construction management to the other kinds (\"phường, thị trấn\"); a đặc khu is not a",
    "    // xã, so it takes the second meaning. No text here settles it: a province's own framework may differ.",
]

text = open(sys.argv[1], encoding='utf-8').read()
body = text[text.index('CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ THUỘC TỈNH THÁI NGUYÊN'):text.index(' PHỤ LỤC II')]
cells = [c.strip() for c in body.split('\n') if c.strip()]
code_re = re.compile(r'^(I|II|III|IV|V|VI|VII|VIII|\d+\.\d+(\.\d+)?)$')
rows, i = [], 0
while i < len(cells):
    if code_re.match(cells[i]) and i + 2 < len(cells) and re.match(r'^[\d,]+$', cells[i + 2]):
        rows.append((cells[i], cells[i + 1], cells[i + 2].replace(',', '.')))
        i += 3
    else:
        i += 1
assert len(rows) == 155, len(rows)
print("// Generated from docs/decision-4203 (Quyết định 4203/QĐ-UBND, Phụ lục I) by scripts/extract-catalog.py;")
print("// titles are verbatim from the decision. Maxima are in points as the decision writes them.")
print("import type { FrameworkDefinition } from '../framework.js';\n")
print("export const thaiNguyen4203: FrameworkDefinition = {")
print("  id: 'thai-nguyen-4203-2021',")
print("  title: 'Chỉ số CCHC của UBND cấp xã thuộc tỉnh Thái Nguyên (Quyết định 4203/QĐ-UBND ngày 30/12/2021)',")
print("  totalPoints: 100,")
print("  notApplicablePolicy: 'rescale',")
print("  classBands: [")
for cls, label, low in [('xuat-sac', 'Xuất sắc', 90), ('tot', 'Tốt', 80), ('kha', 'Khá', 70), ('trung-binh', 'Trung bình', 50), ('yeu', 'Yếu', 0)]:
    print(f"    {{ class: '{cls}', label: '{label}', minIndex: {low} }},")
print("  ],")
print("  rows: [")
for code, title, mx in rows:
    extra = ', notApplicableAllowed: true' if code in NOT_APPLICABLE else ''
    if code == '8.3.1':
        extra += ', titleByUnitKind: ' + BY_KIND
        print('\n'.join(BY_KIND_NOTE))
    title = title.replace("'", "\\'")
    print(f"    {{ code: '{code}', title: '{title}', maxPoints: {mx}{extra} }},")
print("  ],")
print("};")
