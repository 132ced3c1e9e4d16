/**
 * One structured JSON logger per function; keys appended per request (route, unit, request id), kept
 * with the invocation (invocation.ts) so that concurrent ones in one process never mix their keys.
 */
import { invocation } from './invocation.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
const threshold: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const LEVEL = (process.env.LOG_LEVEL as Level | 'silent' | undefined) ?? 'info';

export class Logger {
  /** Outside an invocation (module start, the state machine's tasks). */
  private own: Record<string, unknown> = {};
  private readonly minLevel: number;
  /** `level`: the lowest level written (LOG_LEVEL by default). */
  constructor(
    private readonly service: string,
    level: Level | 'silent' = LEVEL,
  ) {
    this.minLevel = threshold[level] ?? 20;
  }
  private get keys(): Record<string, unknown> {
    return invocation()?.keys ?? this.own;
  }
  appendKeys(k: Record<string, unknown>) {
    Object.assign(this.keys, k);
  }
  resetKeys() {
    const i = invocation();
    if (i) i.keys = {};
    else this.own = {};
  }
  private write(level: Level, message: string, extra?: Record<string, unknown>) {
    if (threshold[level] < this.minLevel) return;
    const line = JSON.stringify({
      level,
      time: new Date().toISOString(),
      service: this.service,
      message,
      ...this.keys,
      ...extra,
    });
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
  }
  debug(m: string, e?: Record<string, unknown>) {
    this.write('debug', m, e);
  }
  info(m: string, e?: Record<string, unknown>) {
    this.write('info', m, e);
  }
  warn(m: string, e?: Record<string, unknown>) {
    this.write('warn', m, e);
  }
  error(m: string, e?: Record<string, unknown>) {
    this.write('error', m, e);
  }
}
