/** Named domain errors. functions/lib maps each to the API's error body; the web shows `message`. */
export type ErrorCode =
  'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'LIFECYCLE' | 'INCOMPLETE' | 'TOO_LARGE';

export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LIFECYCLE: 409,
  INCOMPLETE: 422,
  TOO_LARGE: 413,
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInput extends DomainError {
  constructor(message: string, details?: unknown) {
    super('VALIDATION', message, details);
  }
}
export class NotAuthenticated extends DomainError {
  constructor(message = 'Bạn cần đăng nhập.') {
    super('UNAUTHENTICATED', message);
  }
}
export class NotPermitted extends DomainError {
  constructor(message = 'Bạn không có quyền thực hiện thao tác này.', details?: unknown) {
    super('FORBIDDEN', message, details);
  }
}
export class NotFound extends DomainError {
  constructor(message = 'Không tìm thấy dữ liệu yêu cầu.') {
    super('NOT_FOUND', message);
  }
}
export class StaleVersion extends DomainError {
  constructor(message = 'Dữ liệu đã được người khác thay đổi; vui lòng tải lại.', details?: unknown) {
    super('CONFLICT', message, details);
  }
}
export class LifecycleViolation extends DomainError {
  constructor(message: string, details?: unknown) {
    super('LIFECYCLE', message, details);
  }
}
export class Incomplete extends DomainError {
  constructor(message: string, details?: unknown) {
    super('INCOMPLETE', message, details);
  }
}
export class TooLarge extends DomainError {
  constructor(message: string, details?: unknown) {
    super('TOO_LARGE', message, details);
  }
}
