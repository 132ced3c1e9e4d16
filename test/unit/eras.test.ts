/**
 * Accounts across the 2025 merger, on Thái Nguyên's real organisations: an id can name a district in
 * tn-2021 and a commune in tn-2025 (Huyện Phú Bình, Xã Phú Bình). Outside a cycle both accounts fit
 * their role, and the local sign-in gives a token to every unit of every era cycles run in.
 */
import { describe, expect, it } from 'vitest';
import { eraDirectory, Units } from '../../functions/lib/units.js';
import { devTokenRoute } from '../../local/dev-token.js';
import { thaiNguyen } from '../../provinces/thai-nguyen.js';
import { authorise, type Principal, type Role } from '../../shared/permissions.js';
import { resolveOrganisation } from '../../shared/organisation.js';

const current = Units.of(thaiNguyen, 'tn-2025');
const catalog = eraDirectory(current, [Units.of(thaiNguyen, 'tn-2021'), current]);
const who = (role: Role, unitId: string): Principal => ({ sub: `t:${role}:${unitId}`, name: 'T', role, unitId });

describe('outside a cycle, an account of any era', () => {
  it('fits its role where one id names a district then and a commune now', () => {
    expect(authorise(who('district_secretary', 'phu-binh'), 'catalog.read', { units: catalog }).allowed).toBe(true);
    expect(authorise(who('commune_officer', 'phu-binh'), 'catalog.read', { units: catalog }).allowed).toBe(true);
    // A 2024 commune that the merger did away with still reaches the catalog (its 2024 cycle).
    expect(authorise(who('commune_officer', 'phuc-xuan'), 'catalog.read', { units: catalog }).allowed).toBe(true);
    // …but an id of no era is refused, and a level of no era too.
    expect(authorise(who('commune_officer', 'khong-co'), 'catalog.read', { units: catalog }).allowed).toBe(false);
    expect(authorise(who('district_secretary', 'phuc-xuan'), 'catalog.read', { units: catalog }).allowed).toBe(false);
  });
});

describe('local sign-in', () => {
  const route = devTokenRoute(() => thaiNguyen, 'secret');
  const status = async (role: Role, unitId: string) => (await route({ role, unitId })).statusCode;

  it('gives a token to every commune of the current organisation', async () => {
    const ids = resolveOrganisation(thaiNguyen).communes.map((c) => c.id);
    expect(ids).toHaveLength(92);
    const refused = [];
    for (const id of ids) if ((await status('commune_officer', id)) !== 200) refused.push(id);
    expect(refused).toEqual([]);
  });

  it('names the district and the commune that share an id apart', async () => {
    expect(await status('district_secretary', 'phu-binh')).toBe(200);
    expect(await status('commune_chair', 'phu-binh')).toBe(200);
    expect(await status('district_secretary', 'khong-co')).toBe(400);
  });
});
