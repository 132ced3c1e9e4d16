import '../local/polyfills.js';
/**
 * `npm run bench`: runs every benchmark module, prints each figure beside its baseline and writes the
 * table into BENCHMARKS.md (between the markers) with the machine it ran on.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import type { Bench, BenchResult } from './types.js';
import { registerFramework } from '../shared/framework-registry.js';
import { decision4203Document } from '../shared/frameworks/from-catalog.js';

/**
 * Each module runs in a fresh node process: some load the Lambda handlers in-process (which read their
 * endpoints once per process), and none should measure another's leftovers.
 */
const MODULES = ['scoring', 'frameworks', 'bundles', 'web', 'apidocs', 'save', 'mixed', 'dashboard', 'documents'];
const RESULT_MARK = 'BENCH_RESULTS ';

const only = process.argv.slice(2).filter((a) => a !== '--child');
if (process.argv.includes('--child')) {
  const name = only[0]!;
  // A bench process reads Decision 4203 as a test process does: the stored document (its stack, if it
  // starts one, registers each cycle's own snapshot).
  registerFramework(decision4203Document());
  const mod = (await import(`./${name}.js`)) as { run: Bench };
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(await mod.run())}\n`);
  process.exit(0);
}

const results: BenchResult[] = [];
for (const name of MODULES) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.error(`bench ${name}…`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', name, '--child'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const marked = child.stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (child.status !== 0 || !marked) {
    console.error(`bench ${name}: failed (exit ${child.status})`);
    process.exitCode = 1;
    continue;
  }
  const r = JSON.parse(marked.slice(RESULT_MARK.length)) as BenchResult[];
  for (const x of r) console.log(line(x));
  results.push(...r);
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}
function line(r: BenchResult): string {
  const base = r.baseline
    ? ` | ${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit} (×${(r.value / r.baseline.value).toFixed(2)})`
    : '';
  return `${r.met ? 'ĐẠT ' : 'CHƯA'} ${r.name}: ${fmt(r.value)} ${r.unit}${base} — mục tiêu ${r.goal}`;
}

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on: ${machine}`,
  '',
  '| figure | value | baseline (same run) | ratio | goal | met |',
  '| --- | --- | --- | --- | --- | --- |',
  ...results.map(
    (r) =>
      `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : '—'} | ${r.baseline ? `×${(r.value / r.baseline.value).toFixed(2)}` : '—'} | ${r.goal} | ${r.met ? 'yes' : '**no**'} |`,
  ),
].join('\n');

const file = 'BENCHMARKS.md';
const start = '<!-- bench:start -->';
const end = '<!-- bench:end -->';
const doc = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`;
if (only.length === 0 && !process.exitCode && doc.includes(start) && doc.includes(end)) {
  writeFileSync(file, doc.slice(0, doc.indexOf(start) + start.length) + '\n' + table + '\n' + doc.slice(doc.indexOf(end)));
  console.error(`wrote ${file}`);
}
