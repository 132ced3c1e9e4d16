/**
 * The local stack's one directory of users (role, unit, name, e-mail): the demo's people, made from the
 * province's configuration the same way on every machine, with the province's bootstrap users. The
 * sign-in page lets one pick them (their dev token then carries the e-mail), the appraisal function
 * lists and checks assignable users in it (shared/users.ts, in place of Cognito), and e-mail notices
 * address them.
 */
import { Units } from '../functions/lib/units.js';
import type { ProvinceConfig } from '../provinces/types.js';
import { provinceOrganisations } from '../shared/organisation.js';
import { appraiserRole, levelOf, ROLES, secretaryRole, type Role } from '../shared/permissions.js';
import { withoutDiacritics } from '../shared/text.js';
import { sameEmail, type DirectoryUser, type UserDirectory } from '../shared/users.js';

export interface LocalUser {
  email: string;
  name: string;
  role: Role;
  unitId: string;
}

export const slug = (s: string) =>
  withoutDiacritics(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'x';

/** The dev token's `sub`: stable per role, unit and name, so a name typed at sign-in is the same person as picked. */
export const localSub = (role: Role, unitId: string, name: string | undefined) =>
  `local:${role}:${unitId}:${slug(name ?? 'mac-dinh')}`;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang', 'Hồng', 'Thanh'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dung',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hùng',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Ngọc',
  'Phương',
  'Quân',
  'Sơn',
  'Thảo',
  'Trang',
  'Tuấn',
  'Việt',
  'Yến',
];

/** How many assisting-team members each council has in the demo: a province's council checks every commune. */
const APPRAISERS = { district: 3, province: 6 } as const;

function build(p: ProvinceConfig): LocalUser[] {
  const out: LocalUser[] = [];
  const emails = new Set<string>();
  let n = 0;
  const add = (role: Role, unitId: string, name?: string) => {
    // A deterministic walk through the name pools: the same people on every machine.
    const i = n++;
    const person =
      name ?? `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 5 + 3) % MIDDLE.length]} ${GIVEN[(i * 7 + 1) % GIVEN.length]}`;
    let email = `${slug(person).replace(/-/g, '.')}.${unitId}@${p.id}.local`;
    for (let k = 2; emails.has(email); k++) email = `${slug(person).replace(/-/g, '.')}${k}.${unitId}@${p.id}.local`;
    emails.add(email);
    out.push({ email, name: person, role, unitId });
  };
  for (const u of p.bootstrapUsers) {
    emails.add(u.email.toLowerCase());
    out.push({ email: u.email, name: u.name, role: u.role, unitId: u.unitId });
  }
  add('province', p.id);
  const seen = new Set<string>();
  for (const o of provinceOrganisations(p).organisations.filter((x) => x.cyclesRunHere !== false)) {
    const units = Units.of(p, o.id);
    const level = units.appraisingLevel;
    for (const a of units.appraisingUnits) {
      if (seen.has(`${level}:${a.id}`)) continue;
      seen.add(`${level}:${a.id}`);
      add(secretaryRole(level), a.id);
      for (let k = 0; k < APPRAISERS[level]; k++) add(appraiserRole(level), a.id);
      add(level === 'province' ? 'province_chair' : 'district_chair', a.id);
    }
    for (const c of units.communes.values()) {
      if (seen.has(`commune:${c.id}`)) continue;
      seen.add(`commune:${c.id}`);
      add('commune_officer', c.id);
      add('commune_chair', c.id);
    }
  }
  return out;
}

const cache = new WeakMap<ProvinceConfig, LocalUser[]>();
/** Every local user of the province (the configuration is read per call: a test may register another). */
export function localUsers(p: ProvinceConfig): LocalUser[] {
  let all = cache.get(p);
  if (!all) cache.set(p, (all = build(p)));
  return all;
}

const asDirectoryUser = (u: LocalUser): DirectoryUser => ({
  id: u.email,
  email: u.email,
  name: u.name,
  unitId: u.unitId,
  role: u.role,
  sub: localSub(u.role, u.unitId, u.name),
});

const SUB = /^local:([a-z_]+):([^:]+):([a-z0-9-]+)$/;

/**
 * The users directory of the local stack. Locally anyone may also sign in by typing a name; such a
 * user is known by their dev token's sub (local:<role>:<unit>:<name>) and may be assigned by it, as
 * assignments stored before e-mails were.
 */
export function localDirectory(province: () => ProvinceConfig): UserDirectory {
  return {
    async appraisersOf(unitId, role) {
      return localUsers(province())
        .filter((u) => u.unitId === unitId && u.role === role)
        .map(asDirectoryUser);
    },
    async find(id) {
      const v = id.trim();
      const known = localUsers(province()).find((u) => sameEmail(u.email, v) || localSub(u.role, u.unitId, u.name) === v);
      if (known) return asDirectoryUser(known);
      const m = SUB.exec(v);
      const role = m?.[1] as Role | undefined;
      if (!m || !role || !ROLES.includes(role) || levelOf(role) === 'commune') return undefined;
      return { id: v, sub: v, name: m[3]!, unitId: m[2]!, role };
    },
  };
}
