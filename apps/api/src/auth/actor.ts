import { STAFF_ROLE_NAMES } from '../../../../libs/config/src';

/** Roles of the people who use Jiuzhu (see libs/domain README for the Chinese terms). */
export const STAFF_ROLES = STAFF_ROLE_NAMES;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is calling: taken from a verified token only, and written into every event they cause. */
export interface Actor {
  id: string;
  name: string;
  role: StaffRole;
  /** A caseworker's town (镇街); caseworkers see and act on their own town's cases only. */
  town?: string;
  /** A department liaison's department code (policy `verification.departments[].code`); they see only its requests. */
  department?: string;
}

/** The token itself is not acceptable (signature, issuer, audience, expiry, form): 401, sign in again. */
export class TokenError extends Error {}

/** The token is genuine but does not make a Jiuzhu actor (no role, a caseworker without a town): 403. */
export class ActorError extends Error {
  constructor(
    readonly code: 'ROLE_MISSING' | 'ROLE_AMBIGUOUS' | 'TOWN_MISSING' | 'DEPARTMENT_MISSING',
    message: string,
  ) {
    super(message);
  }
}
