/**
 * shared/dates.ts: Hà Nội time, day first, 24-hour clock; and its formats are made on first use, not on
 * import (every Lambda imports the module: two zoned Intl.DateTimeFormats at import cost its cold start
 * about 25 ms, seen in `npm run bench`'s cold imports).
 */
import { describe, expect, it, vi } from 'vitest';

describe('shared/dates', () => {
  it('writes an instant in Hà Nội time whatever the zone it is given in', async () => {
    const { formatDateTime, formatTime } = await import('../../shared/dates.js');
    // 10:00 UTC is 17:00 in Hà Nội (UTC+7, no daylight saving); 20:30 UTC is 03:30 the next day.
    expect(formatDateTime('2026-12-26T10:00:00Z')).toBe('17:00 ngày 26/12/2026');
    expect(formatDateTime('2026-12-31T20:30:00Z')).toBe('03:30 ngày 01/01/2027');
    expect(formatDateTime('2027-01-07T17:00:00+07:00')).toBe('17:00 ngày 07/01/2027');
    expect(formatTime(new Date('2026-12-08T01:05:00Z'))).toBe('08:05');
  });

  it('makes no Intl.DateTimeFormat on import, and each one once, on first use', async () => {
    vi.resetModules();
    const Original = Intl.DateTimeFormat;
    let made = 0;
    class Counted extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        made++;
      }
    }
    Intl.DateTimeFormat = Counted as typeof Intl.DateTimeFormat;
    try {
      const { formatDateTime } = await import('../../shared/dates.js');
      expect(made).toBe(0);
      expect(formatDateTime('2026-12-26T10:00:00Z')).toBe('17:00 ngày 26/12/2026');
      formatDateTime('2026-12-27T10:00:00Z');
      expect(made).toBe(2);
    } finally {
      Intl.DateTimeFormat = Original;
    }
  });
});
