import { thaiNguyen } from './thai-nguyen.js';
import type { ProvinceConfig } from './types.js';

export type { ProvinceConfig } from './types.js';
// Checked at synth (infra/app.ts) and at start (local/stack.ts).
export { validateProvince } from '../shared/organisation.js';

const PROVINCES: Record<string, ProvinceConfig> = { [thaiNguyen.id]: thaiNguyen };

export function provinceConfig(id: string): ProvinceConfig {
  const p = PROVINCES[id];
  if (!p) throw new Error(`Unknown province "${id}"; known: ${Object.keys(PROVINCES).join(', ')} (provinces/)`);
  return p;
}

export const provinceIds = () => Object.keys(PROVINCES);

/** For benchmarks: a synthetic province, known to this process only (never deployed). */
export function registerProvince(p: ProvinceConfig): void {
  PROVINCES[p.id] = p;
}
