/** Which appraiser appraises which areas of a district (Điều 6.2): a new assignment and its audit. */
import type { Principal } from './permissions.js';
import type { AuditEntry } from './schemas.js';
import type { Assignments } from './store.js';
import { sameEmail } from './users.js';

type Appraiser = Assignments['appraisers'][number];

/**
 * Whether a stored appraiser is the signed-in user: by the token's e-mail (what the form stores and
 * officials can type), or by the token's sub (what assignments were stored by before, still honoured).
 */
export function namesUser(appraiser: Pick<Appraiser, 'id'>, p: Pick<Principal, 'sub' | 'email'>): boolean {
  return appraiser.id === p.sub || (p.email !== undefined && sameEmail(appraiser.id, p.email));
}

/** One audit entry per appraiser whose areas changed (added, removed, or different areas). */
export function assignmentChanges(
  before: readonly Appraiser[],
  after: readonly Appraiser[],
  actor: { principal: Pick<Principal, 'name' | 'role'>; now: string },
): AuditEntry[] {
  const was = new Map(before.map((x) => [x.id, x]));
  const is = new Map(after.map((x) => [x.id, x]));
  const out: AuditEntry[] = [];
  for (const id of new Set([...was.keys(), ...is.keys()])) {
    const from = was.get(id)?.areas ?? [];
    const to = is.get(id)?.areas ?? [];
    const fromCommunes = was.get(id)?.communes;
    const toCommunes = is.get(id)?.communes;
    if (from.join() !== to.join() || (fromCommunes ?? []).join() !== (toCommunes ?? []).join()) {
      // A subset of communes is recorded beside the areas; without one the entry stays as before (areas only).
      const withCommunes = fromCommunes !== undefined || toCommunes !== undefined;
      out.push({
        at: actor.now,
        by: actor.principal.name,
        role: actor.principal.role,
        action: 'assignment',
        code: is.get(id)?.name ?? was.get(id)?.name ?? id,
        from: withCommunes ? { areas: from, communes: fromCommunes ?? null } : from,
        to: withCommunes ? { areas: to, communes: toCommunes ?? null } : to,
      });
    }
  }
  return out;
}

/** The next version of a district's assignments (none stored yet: version 0), its history extended. */
export function nextAssignments(
  current: Assignments | undefined,
  at: { cycleId: string; districtId: string },
  appraisers: Appraiser[],
  actor: { principal: Pick<Principal, 'name' | 'role'>; now: string },
): Assignments {
  return {
    cycleId: at.cycleId,
    districtId: at.districtId,
    version: (current?.version ?? 0) + 1,
    appraisers,
    history: [...(current?.history ?? []), ...assignmentChanges(current?.appraisers ?? [], appraisers, actor)],
  };
}
