/** Starts `npm start`'s stack in a child process (so the load generator doesn't share its event loop). */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildStack {
  url: string;
  stop(): Promise<void>;
}

/** BENCH_STACK_NODE_ARGS: extra node options for the stack's process (e.g. `--cpu-prof --cpu-prof-dir=…`). */
const nodeArgs = () => (process.env.BENCH_STACK_NODE_ARGS ?? '').split(' ').filter(Boolean);

export async function startChildStack(env: Record<string, string> = {}): Promise<ChildStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs(), '--import', 'tsx', 'local/start.ts'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`local stack did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
      // BENCH_STACK_LOG=1 shows the stack's own log (its errors) while a bench runs.
      if (process.env.BENCH_STACK_LOG) process.stderr.write(d);
    });
    child.on('exit', (code) => fail(new Error(`local stack exited (${code}): ${out}`)));
  });
  return {
    url,
    async stop() {
      await new Promise<void>((ok) => {
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
