/**
 * The one definition of how a Lambda entry is bundled. `AppFunction` hands it to NodejsFunction and
 * `bench/bundles.ts` hands the same options to esbuild directly, so the benchmark measures what ships.
 */
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/** Node major version of the Lambda runtime (NODEJS_24_X); also the esbuild target. */
export const LAMBDA_NODE_MAJOR = 24;

/**
 * ESM output cannot call `require`, but some CommonJS dependencies do (`require('node:crypto')`);
 * the banner gives the bundle a real `require` so those keep working.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __cchcCreateRequire } from 'node:module'; const require = __cchcCreateRequire(import.meta.url);";

/**
 * Nothing is external: the AWS SDK v3 clients are bundled with the function (tree-shaken, minified, one
 * file) instead of being loaded from the runtime's copy. Loading the runtime's SDK means resolving and
 * evaluating hundreds of files at every cold start; the bundled copy evaluates several times faster
 * (bench/bundles.ts measures both) and pins the SDK version the tests ran against.
 */
export const EXTERNAL_MODULES: string[] = [];

export const LAMBDA_BUNDLING = {
  minify: true,
  sourceMap: true,
  // Source maps name the file and line of each frame; the sources' text would more than double the
  // map, which Node reads and parses at every cold start (--enable-source-maps).
  sourcesContent: false,
  target: `node${LAMBDA_NODE_MAJOR}`,
  format: OutputFormat.ESM,
  // Prefer the ESM build of dual packages: smaller output, and no CommonJS wrapper to evaluate.
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  externalModules: EXTERNAL_MODULES,
} as const;

/** The same options in esbuild's own API (used by the bench). */
export function esbuildOptionsFor(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: LAMBDA_BUNDLING.target,
    format: 'esm',
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    banner: { js: LAMBDA_BUNDLING.banner },
    external: [...LAMBDA_BUNDLING.externalModules],
    logLevel: 'warning',
  };
}
