/**
 * Colours of the charts, each with the text colour that reads on it (WCAG AA, ≥ 4.5:1); every chart
 * also writes its numbers, so no value is told by colour alone.
 */
import type { ClassCode } from '$shared/framework';
import { formatPercent } from '$shared/format';

const p = (n: number) => formatPercent(n * 100, 0);

export const CLASS_ORDER: ClassCode[] = ['xuat-sac', 'tot', 'kha', 'trung-binh', 'yeu'];

export const classColor: Record<ClassCode, { fill: string; text: string }> = {
  'xuat-sac': { fill: '#1b5e20', text: '#ffffff' },
  tot: { fill: '#8cc07a', text: '#1c2430' },
  kha: { fill: '#f4d35e', text: '#1c2430' },
  'trung-binh': { fill: '#e8964a', text: '#1c2430' },
  yeu: { fill: '#b42318', text: '#ffffff' },
};

/** Achievement % bins of the heat map, aligned with Điều 8's class bands (high first). */
export const HEAT_BINS = [
  { min: 90, label: `Từ ${p(90)}`, fill: '#0b3c7a', text: '#ffffff' },
  { min: 80, label: `80 đến dưới ${p(90)}`, fill: '#1f5fa8', text: '#ffffff' },
  { min: 70, label: `70 đến dưới ${p(80)}`, fill: '#5b8fd0', text: '#1c2430' },
  { min: 50, label: `50 đến dưới ${p(70)}`, fill: '#a9c6ea', text: '#1c2430' },
  { min: 0, label: `Dưới ${p(50)}`, fill: '#e6eef9', text: '#1c2430' },
] as const;

export function heatBin(pct: number) {
  return HEAT_BINS.find((b) => pct >= b.min) ?? HEAT_BINS[HEAT_BINS.length - 1];
}
