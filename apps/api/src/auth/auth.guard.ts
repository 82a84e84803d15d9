import {
  HttpStatus,
  Inject,
  Injectable,
  SetMetadata,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AppConfig } from '../../../../libs/config/src';
import { ApiError } from '../errors/api-error';
import { APP_CONFIG } from '../infrastructure/tokens';
import { TokenError, verifyToken, type Actor, type StaffRole } from './jwt';

const PUBLIC = 'jiuzhu:public';
const ROLES = 'jiuzhu:roles';

/** Marks a route that needs no token (health checks). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Restricts a route to these roles. */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ROLES, roles);
/** The verified caller of this request. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<Request & { actor: Actor }>().actor;
});

/** Every route needs a valid bearer token unless marked @Public(); @Roles narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'UNAUTHENTICATED',
        '缺少访问令牌：请在 Authorization 头中提供 Bearer 令牌。',
        'Missing token: send "Authorization: Bearer <token>".',
      );
    }
    try {
      request.actor = verifyToken(token, this.config.jwtSecret);
    } catch (err) {
      const reason = err instanceof TokenError ? err.message : 'invalid token';
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'UNAUTHENTICATED',
        `访问令牌无效（${reason}），请重新登录。`,
        `Invalid token (${reason}); sign in again.`,
      );
    }
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.actor.role)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'ROLE_NOT_PERMITTED',
        `您的角色（${request.actor.role}）无权执行此操作，需要：${roles.join('、')}。`,
        `Your role (${request.actor.role}) may not do this; it needs one of: ${roles.join(', ')}.`,
      );
    }
    return true;
  }
}
