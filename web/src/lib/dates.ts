/** "17:00 ngày 26/12/2026", in Hà Nội time whatever the device's zone (the server words its messages the same). */
export { formatDateTime, formatTime } from '$shared/dates';

/** "còn 12 ngày 5 giờ", "còn 3 giờ 20 phút", or undefined once passed. */
export function remaining(deadline: string, now: number): string | undefined {
  const ms = new Date(deadline).getTime() - now;
  if (!(ms > 0)) return undefined;
  const min = Math.floor(ms / 60000);
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  if (d > 0) return `còn ${d} ngày ${h} giờ`;
  if (h > 0) return `còn ${h} giờ ${m} phút`;
  return `còn ${Math.max(m, 1)} phút`;
}

const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];

/**
 * A `datetime-local` value ("2026-09-12T17:00", Hà Nội time) written out the Vietnamese way, 24-hour
 * clock and day first, whatever the browser's locale shows in the field itself ("12/09/2026, 05:00 PM"
 * reads as 12 September only to some): "17:00 thứ Bảy, ngày 12/09/2026". Undefined for anything else.
 */
export function describeLocalInput(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, hh, mm] = m.map(Number) as [number, number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || hh > 23 || mm > 59)
    return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(hh)}:${two(mm)} ${WEEKDAYS[day.getUTCDay()]}, ngày ${two(d)}/${two(mo)}/${y}`;
}
