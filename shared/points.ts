/**
 * Points ↔ hundredths: the one conversion. Inside the domain every score is integer hundredths; the API,
 * the catalog data and what an official types are points with at most two decimals.
 */
export type Hundredths = number;

/** Points (as written in JSON, at most two decimals) to integer hundredths; NaN when not exact. */
export function toHundredths(points: number): Hundredths {
  const h = Math.round(points * 100);
  return Math.abs(h - points * 100) < 1e-8 ? h : Number.NaN;
}

/** Whether `points` has at most two decimals (is exactly some hundredths). */
export const isWholeHundredths = (points: number) => !Number.isNaN(toHundredths(points));

/** Points as an API answer carries them (already two decimals) to hundredths, rounding away float noise. */
export function roundToHundredths(points: number): Hundredths {
  return Math.round(points * 100);
}

export function toPoints(h: Hundredths): number {
  return h / 100;
}
