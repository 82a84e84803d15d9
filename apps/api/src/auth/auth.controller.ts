import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../../../libs/config/src';
import { APP_CONFIG } from '../infrastructure/tokens';
import { STAFF_ROLES, type Actor } from './actor';
import { CurrentActor, Public, Roles, identityProviderUnavailable } from './auth.guard';
import { ProviderUnavailableError } from './oidc';
import { TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

/** How to sign in (for the dashboard) and who the token says one is. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  @Get('config')
  @Public()
  @ApiOperation({
    summary:
      '登录方式 How to sign in: the OpenID provider’s endpoints and the dashboard’s client (mode "oidc"), or "local" (npm start: paste a token).',
  })
  async signInConfig() {
    const auth = this.config.auth;
    if (auth.mode === 'local') return { mode: 'local' as const };
    const doc = await this.verifier.discovery().catch((err: unknown) => {
      if (!(err instanceof ProviderUnavailableError)) throw err;
      throw identityProviderUnavailable(err);
    });
    return {
      mode: 'oidc' as const,
      issuer: auth.issuer,
      clientId: auth.dashboardClientId ?? null,
      scope: auth.dashboardScope,
      authorizationEndpoint: doc?.authorization_endpoint ?? null,
      tokenEndpoint: doc?.token_endpoint ?? null,
      endSessionEndpoint: doc?.end_session_endpoint ?? null,
    };
  }

  @Get('me')
  @Roles(...STAFF_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前用户 The staff member, role and town the bearer token stands for.' })
  me(@CurrentActor() actor: Actor) {
    return actor;
  }
}
