/** One structured JSON logger per function; keys appended per request (route, unit, request id). */
type Level = 'debug' | 'info' | 'warn' | 'error';
const threshold: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const minLevel = threshold[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? 20;

export class Logger {
  private keys: Record<string, unknown> = {};
  constructor(private readonly service: string) {}
  appendKeys(k: Record<string, unknown>) {
    Object.assign(this.keys, k);
  }
  resetKeys() {
    this.keys = {};
  }
  private write(level: Level, message: string, extra?: Record<string, unknown>) {
    if (threshold[level] < minLevel) return;
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
