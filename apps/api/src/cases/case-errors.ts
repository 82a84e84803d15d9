import { HttpStatus } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { Rejection } from '../../../../libs/domain/src';
import type { Actor } from '../auth/jwt';
import { ApiError } from '../errors/api-error';
import { rejectionToApiError } from './rejection-status';

/** How a case action's failure reaches the caller: every mapping of the cases API in one place. */
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
