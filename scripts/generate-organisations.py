#!/usr/bin/env python3
"""Regenerates provinces/thai-nguyen/organisations.ts from provinces/thai-nguyen/data/*.csv.

Usage:
  python3 scripts/generate-organisations.py > provinces/thai-nguyen/organisations.ts
  npx prettier --write provinces/thai-nguyen/organisations.ts
Ids: the name without its kind prefix as an ASCII slug ("Thành phố X" -> "tp-x", "Huyện X" -> "x"),
the demo's id (provinces/thai-nguyen.ts) where district and name match; on a clash of slugs within
tn-2021 + bk-2021 (one namespace, so formedFrom is never ambiguous) or within tn-2025, the code is
appended to every clashing unit but the demo's. Standard library only.
"""
import csv
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
DATA = os.path.join(ROOT, 'provinces', 'thai-nguyen', 'data')


def read(name):
    with open(os.path.join(DATA, name), encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f))


def slug(s):
    s = unicodedata.normalize('NFD', s.replace('đ', 'd').replace('Đ', 'D'))
    s = ''.join(c for c in s if unicodedata.category(c) != 'Mn').lower()
    return re.sub(r'[^a-z0-9]+', '-', s).strip('-')


PREFIXES = [('Thị trấn ', ''), ('Phường ', ''), ('Xã ', ''), ('Thành phố ', 'tp-'), ('Huyện ', ''), ('Thị xã ', 'tx-')]


def base_id(name):
    for prefix, short in PREFIXES:
        if name.startswith(prefix):
            return short + slug(name[len(prefix):])
    raise ValueError('unknown prefix: ' + name)


# The demo's ids: districts `id: '…',\n name: '…',\n communes`, communes `{ id: '…', name: '…', kind`.
demo_src = open(os.path.join(ROOT, 'provinces', 'thai-nguyen.ts'), encoding='utf-8').read()
demo_district = {}  # district name -> id
demo_commune = {}  # (district name, commune name) -> id
for block in re.finditer(r"id: '([^']+)',\s*name: '([^']+)',\s*communes: \[(.*?)\]", demo_src, re.S):
    demo_district[block.group(2)] = block.group(1)
    for c in re.finditer(r"\{ id: '([^']+)', name: '([^']+)', kind:", block.group(3)):
        demo_commune[(block.group(2), c.group(2))] = c.group(1)
assert len(demo_district) == 9, demo_district

old_units = read('thai-nguyen-2024-units.csv')
districts = read('thai-nguyen-2024-districts.csv')
new_units = read('thai-nguyen-2025-units.csv')
assert len(old_units) == 280 and len(districts) == 17 and len(new_units) == 92


def assign(units, key, demo):
    """unit key -> id: the demo's id, else the slug, with the code on a clash."""
    counts = Counter(base_id(u['name']) for u in units)
    taken = {demo[key(u)] for u in units if key(u) in demo}
    ids = {}
    for u in units:
        b = base_id(u['name'])
        if key(u) in demo:
            ids[u['code']] = demo[key(u)]
        elif counts[b] > 1 or b in taken:
            ids[u['code']] = f"{b}-{u['code']}"
        else:
            ids[u['code']] = b
    assert len(set(ids.values())) == len(ids), 'ids not unique'
    return ids


district_id = {d['code']: demo_district.get(d['name'], base_id(d['name'])) for d in districts}
assert len(set(district_id.values())) == len(district_id)
old_id = assign(old_units, lambda u: (u['districtName'], u['name']), demo_commune)
# A commune must not take a district's id either (one namespace per organisation).
assert not set(old_id.values()) & set(district_id.values())
new_id = assign(new_units, lambda u: u['code'], {})
old_by_code = {u['code']: u for u in old_units}

named = {(u['districtName'], u['name']) for u in old_units}
missing = sorted(f'{d}: {n}' for (d, n) in demo_commune if (d, n) not in named)
print('demo communes not in the data: ' + '; '.join(missing), file=sys.stderr)


def q(s):
    return "'" + s.replace('\\', '\\\\').replace("'", "\\'") + "'"


def commune(fields):
    return '{ ' + ', '.join(f'{k}: {v}' for k, v in fields) + ' }'


out = []
w = out.append
w('// Generated from provinces/thai-nguyen/data/*.csv by scripts/generate-organisations.py; do not edit by hand.')
w('// Sources and unconfirmed units: provinces/thai-nguyen/data/README.md.')
w("import type { DistrictLevelOrganisation, ProvinceLevelOrganisation } from '../../shared/organisation.js';")
w('')

ORGS = [
    ('tn2021', 'tn-2021', 'thai-nguyen',
     'Tỉnh Thái Nguyên đến 30/6/2025: 9 huyện, thành phố thẩm định (Quyết định 4203/QĐ-UBND)',
     'Decision 4203 (signed and in force 30/12/2021); the units are the last list before the merger.', False),
    ('bk2021', 'bk-2021', 'bac-kan',
     'Tỉnh Bắc Kạn đến 30/6/2025: 8 huyện, thành phố (trước khi hợp nhất vào tỉnh Thái Nguyên)',
     "Bắc Kạn's units before the merger: another province, so no cycle of this deployment ran on them.", True),
]
for const, oid, prov, label, why, foreign in ORGS:
    w(f'/** {why} */')
    w(f'export const {const}: DistrictLevelOrganisation = {{')
    w(f'  id: {q(oid)},')
    w(f'  label: {q(label)},')
    w("  validFrom: '2021-12-30',")
    if foreign:
        w('  cyclesRunHere: false,')
    w("  appraisingLevel: 'district',")
    w('  appraisingUnits: [')
    for d in sorted((d for d in districts if d['formerProvince'] == prov), key=lambda d: d['code']):
        w(f"    {{ id: {q(district_id[d['code']])}, code: {q(d['code'])}, name: {q(d['name'])}, communes: [")
        for u in old_units:
            if u['districtCode'] == d['code']:
                w('      ' + commune([('id', q(old_id[u['code']])), ('code', q(u['code'])), ('name', q(u['name'])), ('kind', q(u['kind']))]) + ',')
        w('    ] },')
    w('  ],')
    w('};')
    w('')


def former_district(codes):
    """The district holding most of the units (the first listed on a tie)."""
    counts = Counter(old_by_code[c]['districtCode'] for c in codes)
    best = max(counts.values())
    return next(district_id[old_by_code[c]['districtCode']] for c in codes if counts[old_by_code[c]['districtCode']] == best)


w('/** Since 1 July 2025 (Nghị quyết 1683/NQ-UBTVQH15): the province appraises its 92 xã and phường. */')
w('export const tn2025: ProvinceLevelOrganisation = {')
w("  id: 'tn-2025',")
w("  label: 'Tỉnh Thái Nguyên từ 01/7/2025: 92 xã, phường, tỉnh thẩm định (Nghị quyết 1683/NQ-UBTVQH15)',")
w("  validFrom: '2025-07-01',")
w("  appraisingLevel: 'province',")
w('  communes: [')
for u in new_units:
    codes = u['formedFrom'].split(';')
    w('    ' + commune([
        ('id', q(new_id[u['code']])), ('code', q(u['code'])), ('name', q(u['name'])), ('kind', q(u['kind'])),
        ('formedFrom', '[' + ', '.join(q(old_id[c]) for c in codes) + ']'),
        ('formerDistrictId', q(former_district(codes))),
    ]) + ',')
w('  ],')
w('};')
print('\n'.join(out))
