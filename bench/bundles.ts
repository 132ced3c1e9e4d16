/**
 * Lambda bundles: size of each route group's bundle (and the lifecycle task function's) (minified ESM, as deployed) and its cold import
 * time in a fresh `node` (median of RUNS), each beside its own floor (floorOf): a bare middy handler doing the same
 * AWS SDK work at import as that function, bundled and measured the same way in the same run, in the same rounds.
 * Bundling options come from infra/bundling.ts, the ones AppFunction gives NodejsFunction.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { FUNCTION_ENTRIES, LIFECYCLE_TASK_ENTRY, ROUTES, type FunctionName } from '../functions/routes.js';
import { esbuildOptionsFor } from '../infra/bundling.js';
import { ACCESS, REPO_ROOT } from '../infra/stacks/province-stack.js';
import type { BenchResult } from './types.js';

const RUNS = 15;
const MAX_KB = 1024;
const MAX_RATIO = 1.5;

/**
 * A function's floor: a bare middy handler with the same AWS SDK work the function does at import. It
 * imports the SDK commands the function's bundle holds (and the presigner where it does) and constructs
 * the clients the function constructs at import, with the same factories (functions/lib/clients.ts):
 * the DynamoDB client and its DocumentClient in every function (functions/lib/context.ts), the S3 client
 * in the one with access to evidence (manage-evidence.ts). The Step Functions client is imported but not
 * constructed, as in the functions: functions/lib/lifecycle.ts makes it on the first callback.
 */
interface Floor {
  source: string;
  name: string;
}

const SDK_COMMAND = /node_modules\/(@aws-sdk\/(?:lib-dynamodb|client-[a-z0-9-]+))\/dist-es\/commands\/(\w+Command)\.js$/;
const PRESIGNER = /node_modules\/@aws-sdk\/s3-request-presigner\//;

const LABELS: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'DynamoDB',
  '@aws-sdk/lib-dynamodb': 'DynamoDB',
  '@aws-sdk/client-s3': 'S3',
  '@aws-sdk/client-sfn': 'SFN',
};

function floorOf(fn: FunctionName | 'lifecycle-task', inputs: string[]): Floor {
  const s3 = fn !== 'lifecycle-task' && ACCESS[fn].evidence !== undefined;
  const presigner = inputs.some((i) => PRESIGNER.test(i));
  const commands = inputs
    .flatMap((i) => {
      const m = SDK_COMMAND.exec(i);
      return m ? [{ pkg: m[1]!, name: m[2]! }] : [];
    })
    .sort((a, b) => `${a.pkg}/${a.name}`.localeCompare(`${b.pkg}/${b.name}`));
  const clientsTs = JSON.stringify(join(REPO_ROOT, 'functions/lib/clients.ts'));
  const source = [
    `import middy from '@middy/core';`,
    `import { makeDocumentClient${s3 ? ', makeS3Client' : ''} } from ${clientsTs};`,
    ...(presigner ? [`import { getSignedUrl } from '@aws-sdk/s3-request-presigner';`] : []),
    ...commands.map((c, i) => `import { ${c.name} as c${i} } from '${c.pkg}';`),
    `const made = [makeDocumentClient()${s3 ? ', makeS3Client()' : ''}];`,
    `const imported = [${[...(presigner ? ['getSignedUrl'] : []), ...commands.map((_, i) => `c${i}`)].join(', ')}];`,
    `export const handler = middy(async () => ({ statusCode: 200, body: String(made.length + imported.length) }));`,
    '',
  ].join('\n');
  const parts = [...new Set(commands.map((c) => LABELS[c.pkg] ?? c.pkg)), ...(presigner ? ['presigner'] : [])];
  return { source, name: `middy trống + SDK (${parts.join(', ')})` };
}

/** What the Lambda runtime gives the function (the values only have to be well-formed), source maps as deployed. */
const LAMBDA_ENV = {
  TABLE_NAME: 'bench-table',
  BUCKET_NAME: 'bench-bucket',
  PROVINCE_ID: 'thai-nguyen',
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  NODE_OPTIONS: '--enable-source-maps',
  // The runtime is Node 24, where the SDK warns of nothing; on this machine's Node 20 it would print a
  // NodeVersionSupportWarning (with a stack trace) in every function and every floor.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
/** Set on the functions wired to the lifecycle state machine (infra/constructs/lifecycle.ts). */
const STATE_MACHINE_ENV = { STATE_MACHINE_ARN: 'arn:aws:states:ap-southeast-1:123456789012:stateMachine:bench' };

interface Bundle {
  file: string;
  kb: number;
  /** The bundle's source files, as esbuild's metafile names them. */
  inputs: string[];
  env: Record<string, string>;
  times: number[];
}

async function bundle(dir: string, name: string, entry: string, env: Record<string, string>): Promise<Bundle> {
  mkdirSync(join(dir, name));
  const file = join(dir, name, 'index.mjs');
  const { metafile } = await build({ ...esbuildOptionsFor(entry, file), metafile: true });
  const inputs = Object.keys(Object.values(metafile.outputs).find((o) => o.entryPoint)!.inputs);
  return { file, kb: statSync(file).size / 1024, inputs, env: { ...LAMBDA_ENV, ...env }, times: [] };
}

/** Milliseconds to import the bundle in a fresh node process. */
function coldImportMs(b: Bundle): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(b.file).href)}); process.stdout.write(String(performance.now() - t));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...b.env },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`importing ${b.file} failed: ${r.stderr}`);
  return Number(r.stdout);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(os.tmpdir(), 'cchc-bundles-'));
  // The floors' imports (@middy/core, the presigner) resolve through this link.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  try {
    const deployed: [FunctionName | 'lifecycle-task', string][] = [
      ...[...new Set(ROUTES.map((r) => r.fn))].map((fn): [FunctionName, string] => [fn, FUNCTION_ENTRIES[fn]]),
      ['lifecycle-task', LIFECYCLE_TASK_ENTRY],
    ];
    const floors = new Map<string, Bundle>();
    const functions: { fn: string; bundle: Bundle; floor: Bundle; floorName: string }[] = [];
    for (const [fn, relEntry] of deployed) {
      const entry = join(REPO_ROOT, relEntry);
      if (!existsSync(entry)) {
        console.error(`bench bundles: ${relEntry} does not exist yet, skipped`);
        continue;
      }
      const wired = fn === 'lifecycle-task' || ACCESS[fn].lifecycle !== undefined;
      const b = await bundle(dir, fn, entry, wired ? STATE_MACHINE_ENV : {});
      const { source, name } = floorOf(fn, b.inputs);
      let floor = floors.get(source);
      if (!floor) {
        const floorEntry = join(dir, `floor-${floors.size}.ts`);
        writeFileSync(floorEntry, source);
        floor = await bundle(dir, `floor-${floors.size}`, floorEntry, {});
        floors.set(source, floor);
      }
      functions.push({ fn, bundle: b, floor, floorName: name });
    }
    // Rounds over every bundle, so that a function and its floor see the same machine load.
    const all = [...floors.values(), ...functions.map((f) => f.bundle)];
    for (let i = 0; i < RUNS; i++) for (const b of all) b.times.push(coldImportMs(b));

    const results: BenchResult[] = [];
    for (const { fn, bundle: b, floor, floorName: name } of functions) {
      results.push({
        name: `Gói Lambda ${fn} (ESM, minified)`,
        value: b.kb,
        unit: 'KB',
        baseline: { name, value: floor.kb },
        goal: `≤ ${MAX_KB} KB`,
        met: b.kb <= MAX_KB,
      });
      const ms = median(b.times);
      const floorMs = median(floor.times);
      results.push({
        name: `Nạp nguội Lambda ${fn} (trung vị ${RUNS} lần)`,
        value: ms,
        unit: 'ms',
        baseline: { name, value: floorMs },
        goal: `≤ ${MAX_RATIO}× baseline`,
        met: ms <= MAX_RATIO * floorMs,
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
