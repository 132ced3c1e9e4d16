const TZ = 'Asia/Ho_Chi_Minh';
const dateTime = new Intl.DateTimeFormat('vi-VN', { dateStyle: 'long', timeStyle: 'short', timeZone: TZ });
const time = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone: TZ });

export const formatDateTime = (iso: string | Date) => dateTime.format(new Date(iso));
export const formatTime = (d: Date) => time.format(d);

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
