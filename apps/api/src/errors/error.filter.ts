import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import { ServiceError, isGrpcServiceError } from '@temporalio/client';
import type { Response } from 'express';
import { InvalidCursorError } from '../../../../libs/persistence/src';
import { ApiError, type ApiErrorBody } from './api-error';

const GENERIC: Record<number, [string, string, string]> = {
  400: ['BAD_REQUEST', '请求格式不正确，请检查后重试。', 'The request is malformed; check it and try again.'],
  401: [
    'UNAUTHENTICATED',
    '请先登录（缺少或无效的访问令牌）。',
    'Sign in first: the bearer token is missing or invalid.',
  ],
  403: ['FORBIDDEN', '您无权执行此操作。', 'You are not allowed to do this.'],
  404: ['NOT_FOUND', '未找到所请求的资源。', 'The requested resource does not exist.'],
  503: ['UNAVAILABLE', '服务暂不可用，请稍后重试。', 'The service is unavailable; try again shortly.'],
};

/** Every error leaves the API in the ApiErrorBody shape, whatever threw it. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('ErrorFilter');

  catch(thrown: unknown, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse<Response>();
    const exception = knownError(thrown);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '1');
      const body = exception.getResponse();
      if (
        typeof body === 'object' &&
        body &&
        'error' in body &&
        typeof (body as ApiErrorBody).error === 'object'
      ) {
        response.status(status).json(body);
        return;
      }
      const [code, messageZh, messageEn] = GENERIC[status] ?? [
        'HTTP_' + status,
        '请求失败。',
        exception.message,
      ];
      response
        .status(status)
        .json({ error: { code, messageZh, messageEn, details: body } } satisfies ApiErrorBody);
      return;
    }
    this.log.error(describe(exception));
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      error: {
        code: 'INTERNAL',
        messageZh: '系统内部错误，已记录，请联系运维人员。',
        messageEn: 'Internal error; it has been logged. Contact the operators.',
      },
    } satisfies ApiErrorBody);
  }
}

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/**
 * Errors of the libraries with a meaning for the caller: a foreign cursor is their fault (422); Temporal
 * timing out or unreachable is a moment of overload or a restart, to be retried (503), not a bug (500).
 */
function knownError(thrown: unknown): unknown {
  if (thrown instanceof ServiceError && isGrpcServiceError(thrown.cause)) {
    const code = thrown.cause.code;
    if (code === GRPC_DEADLINE_EXCEEDED || code === GRPC_UNAVAILABLE) {
      return new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'TEMPORAL_UNAVAILABLE',
        '工作流服务暂时繁忙或不可用，请稍后重试（重试办理操作前请先查看案件，它可能已完成）。',
        'The workflow service is busy or unavailable; try again shortly (before repeating an action, look at the case: it may have been done).',
        undefined,
        { grpcCode: code },
      );
    }
  }
  if (thrown instanceof InvalidCursorError) {
    return new ApiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'INVALID_CURSOR',
      '分页游标无效：请使用列表返回的 nextCursor，或不带游标从头查询。',
      'The cursor is not one this list returned; use its nextCursor or start again without a cursor.',
      'cursor',
    );
  }
  return thrown;
}

/** The error with its chain of causes (a Temporal ServiceError says why only in its cause). */
function describe(error: unknown): string {
  const lines: string[] = [];
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    lines.push((depth ? 'caused by: ' : '') + (e instanceof Error ? (e.stack ?? e.message) : String(e)));
    e = e instanceof Error ? e.cause : undefined;
  }
  return lines.join('\n');
}
