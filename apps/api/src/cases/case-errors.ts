import { HttpStatus } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { Rejection } from '../../../../libs/domain/src';
import { NoPolicyInForceError, RulesError } from '../../../../libs/rules/src';
import type { Actor } from '../auth/jwt';
import { ApiError } from '../errors/api-error';

/** Every error of the cases API, as HTTP, in one place. */

/** How a case action's failure reaches the caller. */
export function toApiError(err: unknown): unknown {
  // A rules error raised by an activity (the calculation, the eligibility assessment) arrives wrapped.
  let cause: unknown = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
  while (cause instanceof ActivityFailure) cause = cause.cause;
  if (cause instanceof ApplicationFailure) {
    const message = cause.message;
    // The decider's refusal travels as the failure's structured details.
    if (cause.type === 'CaseActionRejected' && cause.details?.[0])
      return rejectionToApiError(cause.details[0] as Rejection);
    if (cause.type === 'RulesValidationError') {
      const d = (cause.details?.[0] ?? {}) as {
        code?: string;
        messageZh?: string;
        messageEn?: string;
        field?: string;
      };
      return new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        d.code === 'SYSTEM_DECIDED_FIELD' || d.code === 'NO_AID_DUE' ? d.code : 'RULES_VALIDATION',
        d.messageZh ?? message,
        d.messageEn ?? message,
        d.field,
      );
    }
  }
  if (err instanceof WorkflowNotFoundError)
    return new ApiError(
      HttpStatus.CONFLICT,
      'CASE_CLOSED',
      '案件已结束，不能再办理。',
      'The case has ended; no further action is possible.',
    );
  return err;
}

/** A case was started but no worker recorded its submission in time; a repeated request finds it. */
export function workerUnavailable(): ApiError {
  return new ApiError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'WORKER_UNAVAILABLE',
    '案件已提交但尚未被处理，请稍后查询。',
    'The case was submitted but no worker has processed it yet; check again shortly.',
  );
}

export function caseNotFound(caseId: string): ApiError {
  return new ApiError(
    HttpStatus.NOT_FOUND,
    'CASE_NOT_FOUND',
    `未找到案件 ${caseId}。`,
    `Case ${caseId} does not exist.`,
    'caseId',
  );
}

/** Staff of a town see and act on their own town's cases only (保密审查). */
export function wrongTown(actor: Actor, town: string): ApiError | null {
  if (actor.role !== 'CASEWORKER' || town === actor.town) return null;
  return new ApiError(
    HttpStatus.FORBIDDEN,
    'WRONG_TOWN',
    `该案件属于${town}，您只能查看和办理本镇街（${actor.town}）的案件。`,
    `This case belongs to ${town}; you may only see and act on cases of your own town (${actor.town}).`,
  );
}

export function unknownAction(action: string): never {
  throw new ApiError(
    HttpStatus.NOT_FOUND,
    'UNKNOWN_ACTION',
    `没有名为“${action}”的办理操作。`,
    `There is no action "${action}"; see /docs for the list.`,
    'action',
  );
}

/**
 * The decider's rejections as HTTP: bad data is 422 with the field, acting outside one's role or town is
 * 403, a verification request the case does not have is 404, anything else the case's current state does not
 * allow is 409.
 */
export function rejectionToApiError(rejection: Rejection): ApiError {
  const status =
    rejection.code === 'INVALID_DATA' ||
    rejection.code === 'UNKNOWN_COMMAND' ||
    rejection.code === 'SYSTEM_DECIDED_FIELD' ||
    rejection.code === 'OVERRIDE_REASON_REQUIRED' ||
    rejection.code === 'EXTENSION_TOO_LONG' ||
    rejection.code === 'SUSPENSION_GROUND_NOT_LISTED' ||
    rejection.code === 'SUSPENSION_GROUND_NOT_FOR_CATEGORY'
      ? HttpStatus.UNPROCESSABLE_ENTITY
      : rejection.code === 'ROLE_NOT_PERMITTED' ||
          rejection.code === 'WRONG_TOWN' ||
          rejection.code === 'WRONG_DEPARTMENT'
        ? HttpStatus.FORBIDDEN
        : rejection.code === 'VERIFICATION_NOT_FOUND'
          ? HttpStatus.NOT_FOUND
          : HttpStatus.CONFLICT;
  return new ApiError(status, rejection.code, rejection.messageZh, rejection.messageEn, rejection.field);
}

export function idempotencyKeyRequired(): ApiError {
  return new ApiError(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'IDEMPOTENCY_KEY_REQUIRED',
    '请在 Idempotency-Key 请求头中提供 8–128 位的唯一键（如 UUID），以免重复提交产生两个案件。',
    'Send a unique Idempotency-Key header (8-128 characters, e.g. a UUID) so that a repeated submission never creates a second case.',
    'Idempotency-Key',
  );
}

export function idempotencyKeyReused(): ApiError {
  return new ApiError(
    HttpStatus.CONFLICT,
    'IDEMPOTENCY_KEY_REUSED',
    '该 Idempotency-Key 已用于另一份不同的申请，请为新申请使用新的键。',
    'This Idempotency-Key was already used for a different application; use a new key for a new application.',
    'Idempotency-Key',
  );
}

/** No published version covers the application date (or the date is not one). */
export function noPolicyInForce(err: unknown): ApiError {
  const message = err instanceof NoPolicyInForceError || err instanceof RulesError ? err : null;
  return new ApiError(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'NO_POLICY_IN_FORCE',
    message?.messageZh ?? '申请日期无效或不在任何政策有效期内。',
    message?.messageEn ?? 'The application date is invalid or outside every policy version.',
    'applicationDate',
  );
}

export function invalidFilter(field: string, allowed: readonly string[]): ApiError {
  return new ApiError(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'INVALID_FILTER',
    `筛选条件 ${field} 的取值无效，可选：${allowed.join('、')}。`,
    `Filter ${field} must be one of: ${allowed.join(', ')}.`,
    field,
  );
}

export function invalidLimit(): ApiError {
  return new ApiError(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'INVALID_FILTER',
    'limit 须为 1–500 的整数。',
    'limit must be an integer from 1 to 500.',
    'limit',
  );
}

/** A rules preview's refusal (the calculation or the assessment input), with the rules' own details. */
export function rulesPreviewError(err: RulesError): ApiError {
  return new ApiError(
    HttpStatus.UNPROCESSABLE_ENTITY,
    err.code,
    err.messageZh,
    err.messageEn,
    err.field,
    err.toJSON(),
  );
}
