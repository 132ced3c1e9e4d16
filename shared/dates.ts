/**
 * Dates as Vietnamese officials read them: Hà Nội time, 24-hour clock, day first, whatever the
 * device's (or the server's) zone and locale.
 */
const TZ = 'Asia/Ho_Chi_Minh';
const date = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TZ });
const time = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TZ });

/** "17:00 ngày 26/12/2026". */
export const formatDateTime = (iso: string | Date) => `${time.format(new Date(iso))} ngày ${date.format(new Date(iso))}`;
export const formatTime = (d: Date) => time.format(d);
