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
if (config.auth.mode !== 'local') {
  console.error(
    'OIDC_ISSUER is set: staff sign in through the identity provider, and local tokens would be refused.',
  );
  process.exit(2);
}
// LOCAL DEVELOPMENT ONLY: the API accepts these only while no issuer is configured.
signToken({ id, role: role as StaffRole, town, name: name ?? id }, config.auth.secret).then(
  (token) => console.log(token),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
