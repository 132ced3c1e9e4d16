/**
 * Thái Nguyên's real organisations (issue 21 item 7): every former district a commune of the merged
 * organisation names is found with its name, Bắc Kạn's eight among them (their organisation is kept
 * only for history, so no cycle's units name them), so no screen or file has to show an id.
 */
import { expect, it } from 'vitest';
import { thaiNguyen } from '../../provinces/thai-nguyen.js';
import { formerDistrictsOf, organisationUnits, provinceOrganisations } from '../../shared/organisation.js';

it("names every former district of tn-2025's communes, Bắc Kạn's too", () => {
  const { organisations } = provinceOrganisations(thaiNguyen);
  const merged = organisations.find((o) => o.id === 'tn-2025')!;
  const ids = [...new Set(organisationUnits(merged).flatMap((u) => u.formerDistrictId ?? []))];
  const found = formerDistrictsOf(organisations, 'tn-2025');
  expect(found.map((d) => d.id).sort()).toEqual(ids.sort());
  // Each by the name its organisation gives it (read here straight from the data).
  const districts = organisations.flatMap((o) =>
    o.appraisingLevel === 'district' ? (o.appraisingUnits ?? []).map((d) => ({ ...d, org: o.id })) : [],
  );
  for (const d of found) expect(d.name).toBe(districts.find((x) => x.id === d.id && x.org === d.organisationId)!.name);
  const bk = found.filter((d) => d.organisationId === 'bk-2021');
  expect(bk).toHaveLength(8);
  expect(bk.map((d) => d.name)).toContain('Huyện Chợ Mới');
  expect(bk.map((d) => d.name)).toContain('Thành phố Bắc Kạn');
});
