import '../local/polyfills.js';
/**
 * `npm run bench`: runs every benchmark module, prints each figure beside its baseline and writes the
 * table into BENCHMARKS.md (between the markers) with the machine it ran on.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import type { Bench, BenchResult } from './types.js';

const modules: Record<string, () => Promise<{ run: Bench }>> = {
  scoring: () => import('./scoring.js'),
  bundles: () => import('./bundles.js'),
  web: () => import('./web.js'),
  save: () => import('./save.js'),
  dashboard: () => import('./dashboard.js'),
};

const only = process.argv.slice(2);
const results: BenchResult[] = [];
for (const [name, load] of Object.entries(modules)) {
  if (only.length > 0 && !only.includes(name)) continue;
  let mod: { run: Bench };
  try {
    mod = await load();
  } catch (e) {
    console.error(`bench ${name}: not available (${(e as Error).message})`);
    continue;
  }
  console.error(`bench ${name}…`);
  const r = await mod.run();
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
if (only.length === 0 && doc.includes(start) && doc.includes(end)) {
  writeFileSync(file, doc.slice(0, doc.indexOf(start) + start.length) + '\n' + table + '\n' + doc.slice(doc.indexOf(end)));
  console.error(`wrote ${file}`);
}
