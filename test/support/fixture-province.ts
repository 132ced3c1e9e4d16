/**
 * The test province: registered under the demo's id (`thai-nguyen`, "Tỉnh Thái Nguyên") before any
 * stack of a test process starts (vitest setupFiles), so that the tests never depend on the demo data.
 *
 * - `tn-legacy`: the 36-commune, 9-district layout the demo showed before issue 8 (district level,
 *   current, so `seed: true` opens the same cycle as ever);
 * - `tn-test-2025`: a small province-level organisation valid from 2025-07-01 whose communes were
 *   formed from legacy ones; it ranks phường and xã apart (two ranking blocks). A test opens its
 *   cycle with `organisationId: 'tn-test-2025'`.
 */
import { registerProvince, type ProvinceConfig } from '../../provinces/index.js';
import type { DistrictDefinition, ProvinceLevelOrganisation } from '../../shared/organisation.js';

export const LEGACY_DISTRICTS: DistrictDefinition[] = [
  {
    id: 'tp-thai-nguyen',
    name: 'Thành phố Thái Nguyên',
    communes: [
      { id: 'hoang-van-thu', name: 'Phường Hoàng Văn Thụ', kind: 'phuong' },
      { id: 'phan-dinh-phung', name: 'Phường Phan Đình Phùng', kind: 'phuong' },
      { id: 'quang-trung', name: 'Phường Quang Trung', kind: 'phuong' },
      { id: 'phuc-xuan', name: 'Xã Phúc Xuân', kind: 'xa' },
      { id: 'quyet-thang', name: 'Xã Quyết Thắng', kind: 'xa' },
      { id: 'thinh-duc', name: 'Xã Thịnh Đức', kind: 'xa' },
    ],
  },
  {
    id: 'tp-song-cong',
    name: 'Thành phố Sông Công',
    communes: [
      { id: 'mo-che', name: 'Phường Mỏ Chè', kind: 'phuong' },
      { id: 'thang-loi', name: 'Phường Thắng Lợi', kind: 'phuong' },
      { id: 'ba-xuyen', name: 'Xã Bá Xuyên', kind: 'xa' },
      { id: 'tan-quang', name: 'Xã Tân Quang', kind: 'xa' },
    ],
  },
  {
    id: 'tp-pho-yen',
    name: 'Thành phố Phổ Yên',
    communes: [
      { id: 'ba-hang', name: 'Phường Ba Hàng', kind: 'phuong' },
      { id: 'bai-bong', name: 'Phường Bãi Bông', kind: 'phuong' },
      { id: 'thanh-cong', name: 'Xã Thành Công', kind: 'xa' },
      { id: 'phuc-thuan', name: 'Xã Phúc Thuận', kind: 'xa' },
    ],
  },
  {
    id: 'phu-binh',
    name: 'Huyện Phú Bình',
    communes: [
      { id: 'huong-son', name: 'Thị trấn Hương Sơn', kind: 'thi-tran' },
      { id: 'kha-son', name: 'Xã Kha Sơn', kind: 'xa' },
      { id: 'diem-thuy', name: 'Xã Điềm Thụy', kind: 'xa' },
      { id: 'tan-duc', name: 'Xã Tân Đức', kind: 'xa' },
    ],
  },
  {
    id: 'phu-luong',
    name: 'Huyện Phú Lương',
    communes: [
      { id: 'du', name: 'Thị trấn Đu', kind: 'thi-tran' },
      { id: 'giang-tien', name: 'Thị trấn Giang Tiên', kind: 'thi-tran' },
      { id: 'yen-ninh', name: 'Xã Yên Ninh', kind: 'xa' },
      { id: 'dong-dat', name: 'Xã Động Đạt', kind: 'xa' },
    ],
  },
  {
    id: 'dong-hy',
    name: 'Huyện Đồng Hỷ',
    communes: [
      { id: 'trai-cau', name: 'Thị trấn Trại Cau', kind: 'thi-tran' },
      { id: 'song-cau', name: 'Thị trấn Sông Cầu', kind: 'thi-tran' },
      { id: 'hoa-thuong', name: 'Xã Hóa Thượng', kind: 'xa' },
      { id: 'minh-lap', name: 'Xã Minh Lập', kind: 'xa' },
    ],
  },
  {
    id: 'dai-tu',
    name: 'Huyện Đại Từ',
    communes: [
      { id: 'hung-son', name: 'Thị trấn Hùng Sơn', kind: 'thi-tran' },
      { id: 'quan-chu', name: 'Thị trấn Quân Chu', kind: 'thi-tran' },
      { id: 'la-bang', name: 'Xã La Bằng', kind: 'xa' },
      { id: 'phu-xuyen', name: 'Xã Phú Xuyên', kind: 'xa' },
    ],
  },
  {
    id: 'dinh-hoa',
    name: 'Huyện Định Hóa',
    communes: [
      { id: 'cho-chu', name: 'Thị trấn Chợ Chu', kind: 'thi-tran' },
      { id: 'phu-dinh', name: 'Xã Phú Đình', kind: 'xa' },
      { id: 'bao-cuong', name: 'Xã Bảo Cường', kind: 'xa' },
    ],
  },
  {
    id: 'vo-nhai',
    name: 'Huyện Võ Nhai',
    communes: [
      { id: 'dinh-ca', name: 'Thị trấn Đình Cả', kind: 'thi-tran' },
      { id: 'la-hien', name: 'Xã La Hiên', kind: 'xa' },
      { id: 'than-sa', name: 'Xã Thần Sa', kind: 'xa' },
    ],
  },
];

export const PROVINCE_ORG_ID = 'tn-test-2025';
export const LEGACY_ORG_ID = 'tn-legacy';

export const provinceLevelOrganisation: ProvinceLevelOrganisation = {
  id: PROVINCE_ORG_ID,
  label: 'Thái Nguyên (thử nghiệm) từ 01/7/2025',
  validFrom: '2025-07-01',
  appraisingLevel: 'province',
  rankingBlocks: [
    { id: 'phuong', label: 'Phường', kinds: ['phuong'] },
    { id: 'xa', label: 'Xã và đặc khu', kinds: ['xa', 'dac-khu'] },
  ],
  communes: [
    {
      id: 'p-phan-dinh-phung',
      name: 'Phường Phan Đình Phùng',
      kind: 'phuong',
      formedFrom: ['hoang-van-thu', 'phan-dinh-phung', 'quang-trung'],
      formerDistrictId: 'tp-thai-nguyen',
    },
    {
      id: 'p-song-cong',
      name: 'Phường Sông Công',
      kind: 'phuong',
      formedFrom: ['mo-che', 'thang-loi'],
      formerDistrictId: 'tp-song-cong',
    },
    { id: 'x-phuc-xuan', name: 'Xã Phúc Xuân', kind: 'xa', formedFrom: ['phuc-xuan'], formerDistrictId: 'tp-thai-nguyen' },
    {
      id: 'x-dai-phuc',
      name: 'Xã Đại Phúc',
      kind: 'xa',
      formedFrom: ['quyet-thang', 'thinh-duc'],
      formerDistrictId: 'tp-thai-nguyen',
    },
  ],
};

export const DEPARTMENTS_ORG_ID = 'tn-test-so-nganh';

/**
 * The province-level test organisation again, with two departments (sở, ban, ngành) assessed beside its
 * communes and ranked in a block of their own (issue 22, item 4). Valid from the same day as
 * `tn-test-2025`, listed after it, so that the date lookups still find `tn-test-2025`.
 */
export const departmentsOrganisation: ProvinceLevelOrganisation = {
  ...provinceLevelOrganisation,
  id: DEPARTMENTS_ORG_ID,
  label: 'Thái Nguyên (thử nghiệm) từ 01/7/2025, có sở, ban, ngành',
  rankingBlocks: [
    ...provinceLevelOrganisation.rankingBlocks!,
    { id: 'so-nganh', label: 'Sở, ban, ngành', kinds: ['department'] },
  ],
  departments: [
    { id: 'so-noi-vu', name: 'Sở Nội vụ' },
    { id: 'so-tai-chinh', name: 'Sở Tài chính' },
  ],
};

export const testProvince: ProvinceConfig = {
  id: 'thai-nguyen',
  name: 'Tỉnh Thái Nguyên',
  appraisingLevel: 'district',
  frameworkId: 'thai-nguyen-4203-2021',
  organisations: [
    {
      id: LEGACY_ORG_ID,
      label: 'Thái Nguyên (thử nghiệm) trước 01/7/2025',
      validFrom: '2020-01-01',
      appraisingLevel: 'district',
      appraisingUnits: LEGACY_DISTRICTS,
    },
    provinceLevelOrganisation,
    departmentsOrganisation,
  ],
  currentOrganisationId: LEGACY_ORG_ID,
  bootstrapUsers: [],
};

/** The test province in force (again): a test that edits the configuration restores it with this. */
export function registerTestProvince(p: ProvinceConfig = testProvince): void {
  registerProvince(p);
}
