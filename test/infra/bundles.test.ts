/**
 * What each Lambda bundle holds, built with the options AppFunction deploys with (infra/bundling.ts):
 * what a cold start parses and evaluates. The whole endpoint table (every route group's zod schemas)
 * is only in manage-cycles, which serves the OpenAPI document; the Step Functions client only with the
 * two commands the functions send; the Cognito client only in the appraisal function (ListUsers); the
 * source maps without the sources' text.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile, type OutputFile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ENTRIES, LIFECYCLE_TASK_ENTRY } from '../../functions/routes.js';
import { esbuildOptionsFor } from '../../infra/bundling.js';
import { REPO_ROOT } from '../../infra/stacks/province-stack.js';

const entries: [string, string][] = [...Object.entries(FUNCTION_ENTRIES), ['lifecycle-task', LIFECYCLE_TASK_ENTRY]];
const dir = mkdtempSync(join(tmpdir(), 'cchc-bundle-test-'));
const built = new Map<string, { inputs: string[]; files: OutputFile[] }>();

beforeAll(async () => {
  for (const [fn, entry] of entries) {
    const r = await build({
      ...esbuildOptionsFor(join(REPO_ROOT, entry), join(dir, fn, 'index.mjs')),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const out = Object.values((r.metafile as Metafile).outputs).find((o) => o.entryPoint)!;
    built.set(fn, { inputs: Object.keys(out.inputs), files: r.outputFiles });
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Lambda bundles', () => {
  it('bundles every entry', () => {
    expect([...built.keys()].sort()).toEqual(entries.map(([fn]) => fn).sort());
  });

  it.each(entries.map(([fn]) => fn))('%s: the whole endpoint table only where the OpenAPI document is served', (fn) => {
    const { inputs } = built.get(fn)!;
    expect(inputs).toContain('functions/lib/context.ts');
    const table = inputs.filter((i) => i === 'shared/api/index.ts' || i === 'shared/api/openapi.ts').sort();
    expect(table).toEqual(fn === 'manage-cycles' ? ['shared/api/index.ts', 'shared/api/openapi.ts'].sort() : []);
  });

  it.each(entries.map(([fn]) => fn))('%s: of the Step Functions client, only the commands the functions send', (fn) => {
    const commands = built
      .get(fn)!
      .inputs.filter((i) => i.includes('@aws-sdk/client-sfn/') && i.includes('/commands/') && !i.endsWith('/index.js'))
      .map((i) => i.split('/').pop());
    expect(commands.sort()).toEqual(['SendTaskSuccessCommand.js', 'StartExecutionCommand.js']);
  });

  it.each(entries.map(([fn]) => fn))('%s: the Cognito client only in the function that lists users', (fn) => {
    const cognito = built.get(fn)!.inputs.filter((i) => i.includes('@aws-sdk/client-cognito-identity-provider/'));
    if (fn === 'appraise-assessment') expect(cognito.map((i) => i.split('/').pop())).toContain('ListUsersCommand.js');
    else expect(cognito).toEqual([]);
  });

  it.each(entries.map(([fn]) => fn))('%s: a source map naming the sources, without their text', (fn) => {
    const map = built.get(fn)!.files.find((f) => f.path.endsWith('.map'))!;
    const parsed = JSON.parse(map.text) as { sources: string[]; sourcesContent?: unknown };
    expect(parsed.sources.some((s) => s.endsWith('functions/lib/context.ts'))).toBe(true);
    expect(parsed.sourcesContent).toBeUndefined();
  });
});
