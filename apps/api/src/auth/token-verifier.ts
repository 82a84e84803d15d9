import type { AuthConfig } from '../../../../libs/config/src';
import type { Actor } from './actor';
import { verifyToken } from './jwt';
import { OidcVerifier, type Discovery } from './oidc';

/** Turns a bearer token into the Actor it stands for, or throws TokenError (401) / ActorError (403). */
export interface TokenVerifier {
  readonly mode: AuthConfig['mode'];
  verify(token: string): Promise<Actor>;
  /** The provider's discovery document (OIDC mode only), for the dashboard's sign-in. */
  discovery(): Promise<Discovery | undefined>;
}

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

export function createTokenVerifier(auth: AuthConfig): TokenVerifier {
  if (auth.mode === 'oidc') {
    const oidc = new OidcVerifier(auth);
    return { mode: 'oidc', verify: (token) => oidc.verify(token), discovery: () => oidc.document() };
  }
  // LOCAL DEVELOPMENT ONLY: see LocalAuthConfig.
  return {
    mode: 'local',
    verify: (token) => verifyToken(token, auth.secret),
    discovery: async () => undefined,
  };
}
