/** `npm start`: the whole product on this machine, data kept under DATA_DIR between runs. */
import './polyfills.js';
import { concurrencyFromEnv, startLocalStack } from './stack.js';

const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? '.data';
let concurrency: number;
try {
  concurrency = concurrencyFromEnv();
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
const stack = await startLocalStack({ port, dataDir, host: process.env.HOST ?? '127.0.0.1', concurrency });
const url = stack.url.replace('127.0.0.1', 'localhost');
process.stdout.write(
  [
    '',
    `CCHC Index đang chạy tại ${url}`,
    `  API: ${url}/api (dữ liệu lưu tại ${dataDir}/)`,
    '',
    'Đăng nhập (chỉ trên máy cục bộ): mở địa chỉ trên, chọn vai trò và đơn vị, bấm "Đăng nhập".',
    '  Ví dụ: "Công chức cấp xã" + "Phường Phan Đình Phùng" để tự chấm điểm; "Chủ tịch UBND cấp xã" để nộp;',
    '  "Thư ký Hội đồng thẩm định tỉnh" để thẩm định; "Chủ tịch UBND tỉnh" để phê duyệt, công bố.',
    '  Kỳ 2024 (cấp huyện thẩm định): "Thư ký Hội đồng thẩm định" + "Thành phố Thái Nguyên".',
    `  Hoặc lấy token: curl -X POST ${url}/api/dev/token -H 'content-type: application/json' -d '{"role":"commune_officer","unitId":"phan-dinh-phung"}'`,
    '',
    'Dừng: Ctrl+C',
    '',
  ].join('\n'),
);

let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    void stack.stop().then(() => process.exit(0));
  });
