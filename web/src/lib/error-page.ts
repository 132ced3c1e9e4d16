/**
 * What the error page says, in Vietnamese whatever happened: SvelteKit's own errors (an unknown path,
 * a failed load) come with English messages ("Not Found", "Internal Error"); the app's own errors
 * (`error(404, 'Không tìm thấy kỳ đánh giá.')`, the API's messages) are already Vietnamese and are kept.
 */
const KIT_MESSAGES = new Set(['Not Found', 'Internal Error', 'Forbidden', 'Unauthorized', 'Bad Request', 'Method Not Allowed']);

/** The message for an error the app did not describe itself (hooks.client.ts handleError). */
export function unexpectedMessage(status: number): string {
  if (status === 404) return 'Địa chỉ này không có trong hệ thống. Hãy kiểm tra lại đường dẫn.';
  if (status === 403) return 'Bạn không có quyền xem trang này.';
  if (status === 401) return 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.';
  if (status >= 400 && status < 500) return 'Yêu cầu không hợp lệ.';
  return 'Vui lòng thử lại sau ít phút.';
}

export function errorPage(status: number, message: string | undefined): { title: string; detail: string } {
  const title = status === 404 ? 'Không tìm thấy trang' : status === 403 ? 'Không có quyền truy cập' : 'Đã có lỗi xảy ra';
  const m = message?.trim();
  const own = m && !KIT_MESSAGES.has(m) && !m.startsWith('Not found:');
  return { title, detail: own ? m : unexpectedMessage(status) };
}
