import { loadConfig } from '../../../../libs/config/src';
import { STAFF_ROLES, signToken, type StaffRole } from './jwt';

// `npm run token -- <role> <user-id> [town] [name]`: mints a bearer token signed with JWT_SECRET, for
// local use and support (in production the bureau's identity provider issues them).
const [role, id, town, name] = process.argv.slice(2);
if (!role || !id || !STAFF_ROLES.includes(role as StaffRole)) {
  console.error(`usage: npm run token -- <${STAFF_ROLES.join('|')}> <user-id> [town] [name]`);
  process.exit(2);
}
const config = loadConfig();
console.log(signToken({ id, role: role as StaffRole, town, name: name ?? id }, config.jwtSecret));
