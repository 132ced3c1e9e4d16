/**
 * Lambda bundles: size of each route group's bundle (and the lifecycle task function's) (minified ESM, as deployed) and its cold import
 * time in a fresh `node`, beside a bare middy handler bundled and measured the same way in the same run.
 * Bundling options come from infra/bundling.ts, the ones AppFunction gives NodejsFunction.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { FUNCTION_ENTRIES, LIFECYCLE_TASK_ENTRY, ROUTES } from '../functions/routes.js';
import { esbuildOptionsFor } from '../infra/bundling.js';
import { REPO_ROOT } from '../infra/stacks/province-stack.js';
import type { BenchResult } from './types.js';

const RUNS = 5;
const MAX_KB = 1024;
const BASELINE = `import middy from '@middy/core';
export const handler = middy(async () => ({ statusCode: 200, body: 'ok' }));
`;
/** Not a goal, printed to show where a function's import time goes: the SDK clients the handlers load. */
const SDK_ONLY = `import '@aws-sdk/client-dynamodb';
import '@aws-sdk/lib-dynamodb';
import '@aws-sdk/client-s3';
`;

/** What the Lambda runtime gives the function (the values only have to be well-formed), source maps as deployed. */
const LAMBDA_ENV = {
  TABLE_NAME: 'bench-table',
  BUCKET_NAME: 'bench-bucket',
  PROVINCE_ID: 'thai-nguyen',
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  NODE_OPTIONS: '--enable-source-maps',
};

async function bundle(dir: string, name: string, entry: string): Promise<{ file: string; kb: number }> {
  mkdirSync(join(dir, name));
  const file = join(dir, name, 'index.mjs');
  await build(esbuildOptionsFor(entry, file));
  return { file, kb: statSync(file).size / 1024 };
}

/** Milliseconds to import the bundle in a fresh node process (median of RUNS). */
function coldImportMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, ...LAMBDA_ENV },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`importing ${file} failed: ${r.stderr}`);
    times.push(Number(r.stdout));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(os.tmpdir(), 'cchc-bundles-'));
  // @aws-sdk/* stays external (the Lambda runtime provides it); here it resolves through this link,
  // as do the baseline's imports.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  try {
    writeFileSync(join(dir, 'baseline.ts'), BASELINE);
    const baseline = await bundle(dir, 'baseline-middy', join(dir, 'baseline.ts'));
    const baselineMs = coldImportMs(baseline.file);
    writeFileSync(join(dir, 'sdk-only.ts'), SDK_ONLY);
    const sdkOnlyMs = coldImportMs((await bundle(dir, 'sdk-only', join(dir, 'sdk-only.ts'))).file);
    console.error(
      `bench bundles: bare middy ${baselineMs.toFixed(0)} ms; the AWS SDK clients alone (DynamoDB, S3) ${sdkOnlyMs.toFixed(0)} ms`,
    );

    const results: BenchResult[] = [];
    const deployed: [string, string][] = [
      ...[...new Set(ROUTES.map((r) => r.fn))].map((fn): [string, string] => [fn, FUNCTION_ENTRIES[fn]]),
      ['lifecycle-task', LIFECYCLE_TASK_ENTRY],
    ];
    for (const [fn, relEntry] of deployed) {
      const entry = join(REPO_ROOT, relEntry);
      if (!existsSync(entry)) {
        console.error(`bench bundles: ${relEntry} does not exist yet, skipped`);
        continue;
      }
      const { file, kb } = await bundle(dir, fn, entry);
      results.push({
        name: `Gói Lambda ${fn} (ESM, minified)`,
        value: kb,
        unit: 'KB',
        baseline: { name: 'middy trống', value: baseline.kb },
        goal: `≤ ${MAX_KB} KB`,
        met: kb <= MAX_KB,
      });
      const ms = coldImportMs(file);
      results.push({
        name: `Nạp nguội Lambda ${fn} (trung vị ${RUNS} lần)`,
        value: ms,
        unit: 'ms',
        baseline: { name: 'middy trống', value: baselineMs },
        goal: '≤ 2× baseline',
        met: ms <= 2 * baselineMs,
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
