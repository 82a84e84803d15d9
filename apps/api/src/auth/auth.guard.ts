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
import { ApiError } from '../errors/api-error';
import { ActorError, TokenError, type Actor, type StaffRole } from './actor';
import { ProviderUnavailableError } from './oidc';
import { TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

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
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
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
    request.actor = await this.actorOf(token);
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.actor.role)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'ROLE_NOT_PERMITTED',
        `您的角色（${request.actor.role}）无权执行此操作，需要：${roles.join('、')}。`,
        `Your role (${request.actor.role}) may not do this; it needs one of: ${roles.join(', ')}.`,
      );
    }
    // Issue 15: a department liaison sees only the requests addressed to their department, never a case: only
    // routes that name the role are open to them (保密审查).
    if (request.actor.role === 'DEPARTMENT_LIAISON' && !roles?.includes('DEPARTMENT_LIAISON')) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'ROLE_NOT_PERMITTED',
        '核对部门联络员只能查看和反馈发往本单位的核对请求（/verification-requests）。',
        'A department liaison may only see and answer the verification requests addressed to their department (/verification-requests).',
      );
    }
    return true;
  }

  private async actorOf(token: string): Promise<Actor> {
    try {
      return await this.verifier.verify(token);
    } catch (err) {
      if (err instanceof TokenError) {
        throw new ApiError(
          HttpStatus.UNAUTHORIZED,
          'UNAUTHENTICATED',
          `访问令牌无效（${err.message}），请重新登录。`,
          `Invalid token (${err.message}); sign in again.`,
          undefined,
          { reason: err.message },
        );
      }
      if (err instanceof ActorError) {
        const zh: Record<ActorError['code'], string> = {
          ROLE_MISSING: '您的账号没有本系统的角色，请联系管理员在身份认证系统中分配角色。',
          ROLE_AMBIGUOUS: '您的账号同时拥有多个本系统角色，每次操作只能以一个角色办理，请联系管理员。',
          TOWN_MISSING: '镇街经办人员的账号必须设置所属镇街（town），请联系管理员。',
          DEPARTMENT_MISSING: '核对部门联络员的账号必须设置所属部门（department），请联系管理员。',
        };
        throw new ApiError(
          HttpStatus.FORBIDDEN,
          err.code,
          zh[err.code],
          `${err.message}; ask the administrator.`,
        );
      }
      if (err instanceof ProviderUnavailableError) throw identityProviderUnavailable(err);
      throw err;
    }
  }
}

/** The provider's discovery document or keys cannot be fetched: not the caller's fault, 503. */
export function identityProviderUnavailable(err: ProviderUnavailableError): ApiError {
  return new ApiError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'IDENTITY_PROVIDER_UNAVAILABLE',
    '暂时无法连接身份认证系统，请稍后重试。',
    `The identity provider cannot be reached (${err.message}); try again shortly.`,
  );
}
