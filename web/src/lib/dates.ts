const TZ = 'Asia/Ho_Chi_Minh';
const date = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TZ });
const time = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TZ });

/** "17:00 ngày 26/12/2026", in Hà Nội time whatever the device's zone. */
export const formatDateTime = (iso: string | Date) => `${time.format(new Date(iso))} ngày ${date.format(new Date(iso))}`;
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
