import { HttpStatus } from '@nestjs/common';
import type { Rejection } from '../../../../libs/domain/src';
import { ApiError } from '../errors/api-error';

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
