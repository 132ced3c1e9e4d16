/**
 * The local stack's one directory of users (local/users.ts), over the test province's two
 * organisations: everyone the demo needs is there once, with a usable e-mail, and the directory
 * answers the appraisal function as Cognito would (shared/users.ts).
 */
import { describe, expect, it } from 'vitest';
import { Units } from '../../functions/lib/units.js';
import { localDirectory, localSub, localUsers } from '../../local/users.js';
import { appraiserRole, secretaryRole } from '../../shared/permissions.js';
import { provinceOrganisations } from '../../shared/organisation.js';
import { LEGACY_ORG_ID, PROVINCE_ORG_ID, testProvince } from '../support/fixture-province.js';

const users = localUsers(testProvince);
const dir = localDirectory(() => testProvince);

describe('local users directory', () => {
  it('one e-mail per user (whatever the case), each an address; every name in Vietnamese with diacritics', () => {
    const emails = users.map((u) => u.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    for (const u of users) expect(u.email).toMatch(/^[a-z0-9.+-]+@[a-z0-9.-]+$/i);
    const generated = users.filter((u) => !testProvince.bootstrapUsers.some((b) => b.email === u.email));
    for (const u of generated) expect(u.name.split(' ').length, u.name).toBeGreaterThanOrEqual(3);
    expect(generated.filter((u) => /[^\x00-\x7F]/.test(u.name)).length).toBeGreaterThan(generated.length / 2);
  });

  it('every council of every organisation has a secretary, appraisers and a chair; every commune its officer and chair', () => {
    const has = (role: string, unitId: string) => users.some((u) => u.role === role && u.unitId === unitId);
    for (const orgId of [LEGACY_ORG_ID, PROVINCE_ORG_ID]) {
      const units = Units.of(testProvince, orgId);
      const level = units.appraisingLevel;
      for (const a of units.appraisingUnits) {
        expect(has(secretaryRole(level), a.id), `${orgId} ${a.id}`).toBe(true);
        expect(users.filter((u) => u.role === appraiserRole(level) && u.unitId === a.id).length).toBeGreaterThan(1);
        expect(has(level === 'province' ? 'province_chair' : 'district_chair', a.id), a.id).toBe(true);
      }
      for (const c of units.communes.values()) {
        expect(has('commune_officer', c.id), c.id).toBe(true);
        expect(has('commune_chair', c.id), c.id).toBe(true);
      }
    }
    expect(provinceOrganisations(testProvince).organisations.length).toBeGreaterThanOrEqual(2);
    expect(has('province', testProvince.id)).toBe(true);
  });

  it("answers as the users port: a unit's appraisers; a user by e-mail in any case or by sub; a typed appraiser's sub; nobody else", async () => {
    const d = Units.of(testProvince, LEGACY_ORG_ID).appraisingUnits[0]!.id;
    const list = await dir.appraisersOf(d, 'district_appraiser');
    expect(list.map((u) => u.email).sort()).toEqual(
      users
        .filter((u) => u.role === 'district_appraiser' && u.unitId === d)
        .map((u) => u.email)
        .sort(),
    );
    const one = list[0]!;
    expect(one.sub).toBe(localSub('district_appraiser', d, one.name));
    expect(await dir.find(one.email!.toUpperCase())).toEqual(one);
    expect(await dir.find(one.sub)).toEqual(one);
    // Someone who signed in by typing a name: known by their dev token's sub, with its unit and role.
    const typed = await dir.find(localSub('district_appraiser', d, 'Người Tự Gõ'));
    expect(typed).toMatchObject({ unitId: d, role: 'district_appraiser' });
    expect(typed?.email).toBeUndefined();
    for (const nobody of ['khong-co-ai@example.vn', localSub('commune_officer', 'x', 'A'), 'local:nobody:x:y', '', 'abc'])
      expect(await dir.find(nobody), nobody).toBeUndefined();
  });
});
