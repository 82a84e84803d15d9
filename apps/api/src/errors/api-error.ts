import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * The one JSON error shape of the API: a stable code, a message in Chinese and in English that says what
 * is wrong and how to fix it, and the offending field when there is one.
 */
export interface ApiErrorBody {
  error: { code: string; messageZh: string; messageEn: string; field?: string; details?: unknown };
}

export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    code: string,
    messageZh: string,
    messageEn: string,
    field?: string,
    details?: unknown,
  ) {
    super({ error: { code, messageZh, messageEn, field, details } } satisfies ApiErrorBody, status);
  }
}
