import { bk2021, tn2021, tn2025 } from './thai-nguyen/organisations.js';
import type { ProvinceConfig } from './types.js';

/**
 * The demo province. `districts` is Thái Nguyên before the July 2025 reorganisation as the demo has
 * always shown it (9 district-level units); `organisations` is the same province from the data in
 * thai-nguyen/data/ (Xã Thần Sa, Xã Hóa Thượng and Xã Bảo Cường are in `districts` only: the data
 * does not list them).
 */
export const thaiNguyen: ProvinceConfig = {
  id: 'thai-nguyen',
  name: 'Tỉnh Thái Nguyên',
  appraisingLevel: 'district',
  frameworkId: 'thai-nguyen-4203-2021',
  env: { region: 'ap-southeast-1' },
  districts: [
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
  ],
  organisations: [tn2021, bk2021, tn2025],
  currentOrganisationId: 'tn-2025',
  bootstrapUsers: [{ email: 'so-noi-vu@example.vn', name: 'Sở Nội vụ', role: 'province', unitId: 'thai-nguyen' }],
};
