import { bk2021, tn2021, tn2025 } from './thai-nguyen/organisations.js';
import type { ProvinceConfig } from './types.js';

/**
 * The demo province, from the data in thai-nguyen/data/: tn-2021 (9 districts, Decision 4203's
 * district-level appraisal), bk-2021 (Bắc Kạn, kept for `formedFrom`), tn-2025 (since 1 July 2025,
 * 92 communes appraised by the province). The demo's first start seeds a 2024 cycle in tn-2021 and
 * the current year's in tn-2025 (local/seed.ts).
 */
export const thaiNguyen: ProvinceConfig = {
  id: 'thai-nguyen',
  name: 'Tỉnh Thái Nguyên',
  appraisingLevel: 'district',
  frameworkId: 'thai-nguyen-4203-2021',
  env: { region: 'ap-southeast-1' },
  organisations: [tn2021, bk2021, tn2025],
  currentOrganisationId: 'tn-2025',
  demo: { history: { year: 2024, organisationId: 'tn-2021' } },
  bootstrapUsers: [{ email: 'so-noi-vu@example.vn', name: 'Sở Nội vụ', role: 'province', unitId: 'thai-nguyen' }],
};
