import { createHmac, timingSafeEqual } from 'node:crypto';

/** Roles of the people who use Jiuzhu (see libs/domain README for the Chinese terms). */
export const STAFF_ROLES = [
  'CASEWORKER',
  'DISTRICT_REVIEWER',
  'DISTRICT_LEADER',
  'FINANCE',
  'SUPERVISOR',
  'ADMINISTRATOR',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is calling: taken from a verified token only, and written into every event they cause. */
export interface Actor {
  id: string;
  name: string;
  role: StaffRole;
  /** A caseworker's town (镇街); caseworkers see and act on their own town's cases only. */
  town?: string;
}

export class TokenError extends Error {}

// HS256 JSON Web Tokens with node:crypto alone: the bureau's identity provider signs with a shared secret.
export function signToken(actor: Actor, secret: string, ttlSeconds = 8 * 3600, now = Date.now()): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const iat = Math.floor(now / 1000);
  const payload = b64url(
    JSON.stringify({
      sub: actor.id,
      name: actor.name,
      role: actor.role,
      town: actor.town,
      iat,
      exp: iat + ttlSeconds,
    }),
  );
  return `${header}.${payload}.${sign(`${header}.${payload}`, secret)}`;
}

export function verifyToken(token: string, secret: string, now = Date.now()): Actor {
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenError('malformed token');
  const [header, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${header}.${payload}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new TokenError('bad signature');
  let head: { alg?: string };
  let claims: { sub?: unknown; name?: unknown; role?: unknown; town?: unknown; exp?: unknown };
  try {
    head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new TokenError('malformed token');
  }
  if (head.alg !== 'HS256') throw new TokenError('unsupported algorithm');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) throw new TokenError('token expired');
  if (typeof claims.sub !== 'string' || !claims.sub) throw new TokenError('token has no subject');
  if (!STAFF_ROLES.includes(claims.role as StaffRole)) throw new TokenError('token has no known role');
  const role = claims.role as StaffRole;
  const town = typeof claims.town === 'string' && claims.town ? claims.town : undefined;
  if (role === 'CASEWORKER' && !town) throw new TokenError('a caseworker token must name the town');
  return { id: claims.sub, name: typeof claims.name === 'string' ? claims.name : claims.sub, role, town };
}

function sign(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}
function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
