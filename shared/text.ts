/** Vietnamese text without its diacritics, for search and for ASCII fallbacks. */

/** "Định Hóa" → "Dinh Hoa": every combining mark removed, đ/Đ (a letter of its own, not a mark) as d/D. */
export function withoutDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Lower case without diacritics, spaces collapsed ("  Định   Hóa " → "dinh hoa"), for search. */
export function fold(s: string): string {
  return withoutDiacritics(s).toLowerCase().replace(/\s+/g, ' ').trim();
}
