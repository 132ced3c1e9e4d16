/**
 * The Lambdas are bundled from functions/ alone: a province's configuration lives in provinces/, and
 * nothing in functions/ may reach into infra/ (the CDK app), which would drag aws-cdk-lib into a bundle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every module specifier of static imports, re-exports and dynamic imports. */
function specifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:^|[\s;])(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of source.matchAll(/(?:^|[\s;])import\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

/** The specifier's target inside the repository, or undefined for a package. */
function target(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return relative(root, resolve(dirname(file), spec))
    .split('\\')
    .join('/');
}

const importsInfra = (file: string, spec: string) => {
  const t = target(file, spec);
  return t === 'infra' || t?.startsWith('infra/') === true;
};

describe('layering', () => {
  it('finds every kind of import (so the scan below can fail)', () => {
    const src = [
      "import { a } from '../../infra/provinces/index.js';",
      "import type { B } from '../../infra/stacks/province-stack.js';",
      "export { c } from '../../infra/app.js';",
      "import '../../infra/bundling.js';",
      "const m = await import('../../infra/constructs/lifecycle.js');",
      "import {\n  d,\n  e,\n} from '../../infra/x.js';",
      // functions/infra would be a folder of functions/, not the CDK app
      "import { f } from '../infra/x.js';",
    ].join('\n');
    const file = join(root, 'functions/lib/x.ts');
    const found = specifiers(src).filter((s) => importsInfra(file, s));
    expect(found).toHaveLength(6);
    expect(importsInfra(join(root, 'functions/x.ts'), '../provinces/index.js')).toBe(false);
    expect(importsInfra(join(root, 'functions/x.ts'), '../infra/app.js')).toBe(true);
  });

  it('nothing in functions/ imports infra/', () => {
    const files = tsFiles(join(root, 'functions'));
    expect(files.length).toBeGreaterThan(10);
    const offending = files.flatMap((f) =>
      specifiers(readFileSync(f, 'utf8'))
        .filter((s) => importsInfra(f, s))
        .map((s) => `${relative(root, f)} → ${s}`),
    );
    expect(offending).toEqual([]);
  });
});
