/**
 * Every action and status the code can write has its Vietnamese label in shared/labels.ts. The actions
 * are taken from the code itself: every literal written as an audit entry's `action` in shared/ and
 * functions/, every event of the lifecycle (the compiler checks that `entry()` only takes AuditAction),
 * and the ranking's steps as the ranking lifecycle accepts them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  actionLabel,
  AUDIT_ACTIONS,
  labelOfAction,
  RANKING_STEPS,
  rankingStatusLabel,
  statusLabel,
  type AuditAction,
} from '../../shared/labels.js';
import {
  ASSESSMENT_STATUSES,
  RANKING_STATUSES,
  rankingTransition,
  type LifecycleEvent,
  type RankingStatus,
} from '../../shared/lifecycle.js';

const root = join(import.meta.dirname, '../..');
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** Actions written as literals: `action: 'x'` in an entry object, and `entry(actor, 'x', …)`. */
function writtenActions(): Set<string> {
  const found = new Set<string>();
  for (const file of [...sources(join(root, 'shared')), ...sources(join(root, 'functions'))]) {
    const text = readFileSync(file, 'utf8');
    // An entry is an object with who (`by`) and what (`action`); other `action`s (permissions, tasks) are not.
    for (const m of text.matchAll(/\{[^{}]*\bby:[^{}]*\baction:\s*'([^']+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/\bentry\(\s*actor,\s*'([^']+)'/g)) found.add(m[1]!);
  }
  return found;
}

function expectLabel(label: string | undefined, key: string) {
  expect(label, key).toBeTruthy();
  expect(label, key).not.toBe(key);
  expect(label, `${key}: ${label}`).toMatch(VIETNAMESE);
}

describe('labels', () => {
  it('has a Vietnamese label for every audit action', () => {
    for (const a of AUDIT_ACTIONS) expectLabel(actionLabel[a], a);
    expect(Object.keys(actionLabel).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it('knows every action the code writes as a literal', () => {
    const written = writtenActions();
    // The scan must see the code's entries, or it would pass on nothing.
    expect(written).toContain('self.score');
    expect(written).toContain('open');
    const missing = [...written].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a));
    expect(missing).toEqual([]);
    for (const a of written) expectLabel(labelOfAction(a), a);
  });

  it('knows every lifecycle event (a step is written under its event)', () => {
    expectTypeOf<LifecycleEvent>().toExtend<AuditAction>();
  });

  it('knows every ranking step, and the steps are the ones the ranking lifecycle takes', () => {
    let status: RankingStatus = 'OPEN';
    for (const s of RANKING_STEPS) {
      status = rankingTransition(status, s);
      expectLabel(actionLabel[s], s);
    }
    expect(status).toBe('REPORTED');
  });

  it('has a Vietnamese label for every assessment and ranking status', () => {
    for (const s of ASSESSMENT_STATUSES) expectLabel(statusLabel[s], s);
    for (const s of RANKING_STATUSES) expectLabel(rankingStatusLabel[s], s);
  });

  it('shows an unknown action as written', () => {
    expect(labelOfAction('something.else')).toBe('something.else');
    expect(labelOfAction('approve')).toBe('Phê duyệt');
  });
});
