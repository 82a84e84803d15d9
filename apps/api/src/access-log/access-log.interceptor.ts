import {
  HttpStatus,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { tap, type Observable } from 'rxjs';
import type { Actor } from '../auth/actor';
import { ApiError } from '../errors/api-error';
import { AccessLogWriter } from './access-log.writer';
import { LOGS_CASE_READ, type CaseIdsOf } from './logs-case-read.decorator';

/** Records each successful call of an endpoint marked @LogsCaseRead(); refused calls disclosed nothing. */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly writer: AccessLogWriter,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const caseIdsOf = this.reflector.get<CaseIdsOf | undefined>(LOGS_CASE_READ, context.getHandler());
    if (!caseIdsOf) return next.handle();
    if (!this.writer.accepting) {
      // A read that cannot be logged is not served (保密审查: every read must be attributable).
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'ACCESS_LOG_UNAVAILABLE',
        '查阅记录暂时无法写入，为保证每次查阅可追溯，暂停查阅个人信息，请稍后重试。',
        'The access log cannot be written right now; personal data is not shown until every read can be recorded. Try again shortly.',
      );
    }
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const endpoint = `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`;
    return next.handle().pipe(
      tap((result) => {
        const actor = request.actor;
        if (!actor) return;
        const readAt = new Date();
        const caseIds = [...new Set(caseIdsOf(result, request.params as Record<string, string>))];
        this.writer.record(
          caseIds.map((caseId) => ({
            readAt,
            staffId: actor.id,
            staffName: actor.name,
            role: actor.role,
            town: actor.town ?? null,
            caseId,
            endpoint,
          })),
        );
      }),
    );
  }
}
