import type { JWTPayload } from 'jose' with { 'resolution-mode': 'import' };
import { ActorError, STAFF_ROLES, TokenError, type Actor, type StaffRole } from './actor';

/** Where the parts of an Actor are in a verified token (dot paths into the payload). */
export interface ClaimMapping {
  staffId: string;
  name: string;
  role: string;
  town: string;
  /** A department liaison's department (issue 15); default claim `department`. */
  department?: string;
  /** Provider role → Jiuzhu role; a role not in it counts only if it is a Jiuzhu role name itself. */
  roleMap: Record<string, string>;
}

/**
 * The Actor a verified token stands for. The role claim may be a string or a list (Keycloak's realm roles
 * carry `offline_access` and the like besides ours): exactly one Jiuzhu role must be among them, since an
 * action is attributed to one role. A caseworker without a town cannot be confined to one, so is refused.
 */
export function actorFromClaims(payload: JWTPayload, mapping: ClaimMapping): Actor {
  const id = text(claimAt(payload, mapping.staffId));
  if (!id) throw new TokenError(`token has no staff id (claim ${mapping.staffId})`);
  const raw = claimAt(payload, mapping.role);
  const given = (Array.isArray(raw) ? raw : [raw]).filter((r): r is string => typeof r === 'string');
  const roles = [
    ...new Set(given.map((r) => toStaffRole(r, mapping.roleMap)).filter((r) => r !== undefined)),
  ];
  if (roles.length === 0) {
    throw new ActorError(
      'ROLE_MISSING',
      `the token carries no Jiuzhu role in claim ${mapping.role} (one of ${STAFF_ROLES.join(', ')})`,
    );
  }
  if (roles.length > 1) {
    throw new ActorError('ROLE_AMBIGUOUS', `the token carries several Jiuzhu roles (${roles.join(', ')})`);
  }
  const role = roles[0]!;
  const town = text(claimAt(payload, mapping.town));
  if (role === 'CASEWORKER' && !town) {
    throw new ActorError('TOWN_MISSING', `a caseworker's token must name the town (claim ${mapping.town})`);
  }
  const department = text(claimAt(payload, mapping.department ?? 'department'));
  if (role === 'DEPARTMENT_LIAISON' && !department) {
    throw new ActorError(
      'DEPARTMENT_MISSING',
      `a department liaison's token must name the department (claim ${mapping.department ?? 'department'})`,
    );
  }
  return {
    id,
    name: text(claimAt(payload, mapping.name)) ?? id,
    role,
    town,
    ...(role === 'DEPARTMENT_LIAISON' ? { department } : {}),
  };
}

function toStaffRole(value: string, roleMap: Record<string, string>): StaffRole | undefined {
  const mapped = roleMap[value] ?? value;
  return (STAFF_ROLES as readonly string[]).includes(mapped) ? (mapped as StaffRole) : undefined;
}

/** `realm_access.roles` → payload.realm_access.roles; a claim whose own name has dots is found too. */
export function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Keycloak user attributes arrive as a string or, when multivalued, as a list: one value is a town. */
function text(value: unknown): string | undefined {
  if (Array.isArray(value) && value.length === 1) value = value[0];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
