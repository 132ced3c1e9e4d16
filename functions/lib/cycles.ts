/** Opening a cycle: its organisation fixed, a DRAFT assessment for every commune, then the cycle itself. */
import { newAssessment } from '../../shared/assessment.js';
import { registerFramework } from '../../shared/framework-registry.js';
import type { Principal } from '../../shared/permissions.js';
import type { CreateCycleRequest, Cycle } from '../../shared/schemas.js';
import type { FrameworkDocument } from '../../shared/frameworks/document.js';
import type { Lifecycle } from './lifecycle.js';
import type { Store } from './store.js';
import { Units, type OrganisationSnapshot } from './units.js';

/**
 * One cycle per year (its id is the year). The organisation's and the framework's snapshots are
 * written first (put if absent, so a retry keeps them), then the assessments and the cycle item last, each write idempotent,
 * so a crash part-way leaves no visible cycle and the same request finishes the job. Then one
 * lifecycle execution starts per commune. Answers undefined when the cycle already exists.
 */
export async function openCycle(
  store: Store,
  snapshot: OrganisationSnapshot,
  input: CreateCycleRequest,
  actor: { principal: Principal; now: string },
  lifecycle: Pick<Lifecycle, 'start'>,
  /** The active framework it runs: its snapshot is kept with the cycle, whatever happens to the framework later. */
  framework: FrameworkDocument,
): Promise<Cycle | undefined> {
  const id = String(input.year);
  if (await store.getCycle(id)) return undefined;
  const units = new Units(await store.putCycleOrganisationIfAbsent(id, snapshot));
  // A retried open keeps the first snapshot, and the assessments and the cycle name its framework.
  const snapshotDoc = await store.putCycleFrameworkIfAbsent(id, framework);
  const frameworkId = snapshotDoc.id;
  // The assessments' summaries are packed against the framework, read from the registry: a framework
  // no cycle of this process has read yet (a new one, or any after a cold start) must be there first.
  registerFramework(snapshotDoc);
  const communes = [...units.communes.values()];
  const audit = [{ at: actor.now, by: actor.principal.name, role: actor.principal.role, action: 'open', to: 'DRAFT' }];
  for (let i = 0; i < communes.length; i += 25) {
    await Promise.all(
      communes.slice(i, i + 25).map((c) =>
        store.createAssessmentIfAbsent(
          newAssessment(
            {
              cycleId: id,
              unitId: c.id,
              unitName: c.name,
              unitKind: c.kind,
              districtId: c.districtId,
              provinceId: c.provinceId,
              frameworkId,
            },
            actor.now,
          ),
          audit,
        ),
      ),
    );
  }
  const cycle: Cycle = {
    id,
    year: input.year,
    frameworkId,
    selfAssessmentDeadline: input.selfAssessmentDeadline,
    status: 'OPEN',
    organisationId: units.org.id,
    appraisingLevel: units.appraisingLevel,
  };
  if (!(await store.putCycleIfAbsent(cycle))) return undefined;
  // One lifecycle execution per commune; starting is idempotent, so a retried open is safe.
  for (let i = 0; i < communes.length; i += 25)
    await Promise.all(communes.slice(i, i + 25).map((c) => lifecycle.start(id, c.id)));
  return cycle;
}
