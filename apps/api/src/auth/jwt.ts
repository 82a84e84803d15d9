import type { JWTPayload } from 'jose' with { 'resolution-mode': 'import' };
import { TokenError, type Actor } from './actor';
import { actorFromClaims, type ClaimMapping } from './claims';

export { STAFF_ROLES, ActorError, TokenError, type Actor, type StaffRole } from './actor';

/** jose is an ES module only; Node loads it natively, jest through its transform (see jest.config.ts). */
export const loadJose = () => import('jose');

// LOCAL DEVELOPMENT ONLY (`npm start`, `npm run token`, tests): HS256 with a shared secret. A bureau signs
// its staff in through its OpenID provider instead (oidc.ts); configuration refuses both at once.
const LOCAL_CLAIMS: ClaimMapping = {
  staffId: 'sub',
  name: 'name',
  role: 'role',
  town: 'town',
  department: 'department',
  roleMap: {},
};

export async function signToken(
  actor: Actor,
  secret: string,
  ttlSeconds = 8 * 3600,
  now = Date.now(),
): Promise<string> {
  const { SignJWT } = await loadJose();
  const iat = Math.floor(now / 1000);
  return new SignJWT({ name: actor.name, role: actor.role, town: actor.town, department: actor.department })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(actor.id)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}

export async function verifyToken(token: string, secret: string, now = Date.now()): Promise<Actor> {
  const { jwtVerify } = await loadJose();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(now),
    }));
  } catch (err) {
    throw await tokenErrorFrom(err);
  }
  return actorFromClaims(payload, LOCAL_CLAIMS);
}

/** jose's errors in words a person signing in can act on; anything else is not about the token. */
export async function tokenErrorFrom(err: unknown): Promise<unknown> {
  const { errors } = await loadJose();
  if (err instanceof errors.JWTExpired) return new TokenError('token expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    const reasons: Record<string, string> = {
      iss: 'token from another issuer',
      aud: 'token for another audience',
      nbf: 'token not yet valid',
      sub: 'token has no subject',
      exp: 'token has no expiry',
    };
    return new TokenError(reasons[err.claim] ?? `token claim ${err.claim} is not acceptable`);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return new TokenError('bad signature');
  if (err instanceof errors.JWKSNoMatchingKey)
    return new TokenError('token signed with a key the issuer does not publish');
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported)
    return new TokenError('unsupported algorithm');
  if (
    err instanceof errors.JWSInvalid ||
    err instanceof errors.JWTInvalid ||
    err instanceof errors.JWKSMultipleMatchingKeys
  )
    return new TokenError('malformed token');
  return err;
}
