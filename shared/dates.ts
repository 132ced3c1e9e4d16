/**
 * Dates as Vietnamese officials read them: Hà Nội time, 24-hour clock, day first, whatever the
 * device's (or the server's) zone and locale.
 *
 * The formats are made on first use, not on import: every Lambda imports this module (through the
 * assessment's rules), and two `Intl.DateTimeFormat`s with a zone and a locale cost about 25 ms of a
 * cold start, paid even by invocations that format no date.
 */
const TZ = 'Asia/Ho_Chi_Minh';
let date: Intl.DateTimeFormat | undefined;
let time: Intl.DateTimeFormat | undefined;
const dateFormat = () =>
  (date ??= new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TZ }));
const timeFormat = () =>
  (time ??= new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TZ }));

/** "17:00 ngày 26/12/2026". */
export const formatDateTime = (iso: string | Date) =>
  `${timeFormat().format(new Date(iso))} ngày ${dateFormat().format(new Date(iso))}`;
export const formatTime = (d: Date) => timeFormat().format(d);
