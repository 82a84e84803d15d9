import type { JWTPayload, JWTVerifyGetKey } from 'jose' with { 'resolution-mode': 'import' };
import type { OidcAuthConfig } from '../../../../libs/config/src';
import type { Actor } from './actor';
import { actorFromClaims } from './claims';
import { loadJose, tokenErrorFrom } from './jwt';

/** The parts of the provider's discovery document the API and the dashboard use. */
export interface Discovery {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  end_session_endpoint?: string;
}

/** The provider cannot be reached (discovery or JWKS): not the caller's fault, 503. */
export class ProviderUnavailableError extends Error {}

/**
 * The API as a resource server of the bureau's OpenID provider. The discovery document is read once (and
 * again after a failure); the JWKS is jose's remote key set: fetched on first use, kept for
 * `jwksMaxAgeSeconds`, and fetched again, at most once per `jwksCooldownSeconds`, when a token names a key
 * id it does not hold. So at key rotation a token signed with the new key is accepted without a restart,
 * and a key the provider no longer publishes stops being accepted at the next fetch.
 */
export class OidcVerifier {
  private discovery: Promise<{ doc: Discovery; keys: JWTVerifyGetKey }> | undefined;

  constructor(private readonly config: OidcAuthConfig) {}

  async verify(token: string): Promise<Actor> {
    const { keys } = await this.discovered();
    const { jwtVerify } = await loadJose();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.config.algorithms,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      const mapped = await tokenErrorFrom(err);
      if (mapped !== err) throw mapped;
      const { errors } = await loadJose();
      // Fetching the key set failed (timeout, network, not a key set): the provider, not the token.
      if (err instanceof errors.JOSEError || err instanceof TypeError) {
        throw new ProviderUnavailableError(
          `the identity provider's keys could not be fetched (${String(err)})`,
        );
      }
      throw err;
    }
    return actorFromClaims(payload, { ...this.config.claims, roleMap: this.config.roleMap });
  }

  /** The discovery document, for the dashboard's sign-in (authorization and token endpoints). */
  async document(): Promise<Discovery> {
    return (await this.discovered()).doc;
  }

  private discovered() {
    this.discovery ??= this.discover().catch((err: unknown) => {
      this.discovery = undefined; // try again on the next request
      throw err;
    });
    return this.discovery;
  }

  private async discover() {
    const url = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let doc: Discovery;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      doc = (await res.json()) as Discovery;
    } catch (err) {
      throw new ProviderUnavailableError(`the discovery document ${url} could not be read (${String(err)})`);
    }
    // OpenID Connect Discovery 1.0 §4.3: the document must name exactly the issuer it was fetched for.
    if (doc.issuer !== this.config.issuer) {
      throw new ProviderUnavailableError(
        `the discovery document at ${url} names issuer "${doc.issuer}", not OIDC_ISSUER "${this.config.issuer}"`,
      );
    }
    if (typeof doc.jwks_uri !== 'string') throw new ProviderUnavailableError(`${url} has no jwks_uri`);
    const { createRemoteJWKSet } = await loadJose();
    const keys = createRemoteJWKSet(new URL(doc.jwks_uri), {
      cooldownDuration: this.config.jwksCooldownSeconds * 1000,
      cacheMaxAge: this.config.jwksMaxAgeSeconds * 1000,
      timeoutDuration: 5000,
    });
    return { doc, keys };
  }
}
