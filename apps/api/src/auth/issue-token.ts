import { loadConfig, localDataDir, localJwtSecret } from '../../../../libs/config/src';
import { STAFF_ROLES, signToken, type StaffRole } from './jwt';

// `npm run token -- <role> <user-id> [town|department] [name]` (the third is the department code for a
// DEPARTMENT_LIAISON): mints a bearer token signed with JWT_SECRET, for
// local use and support (in production the bureau's identity provider issues them). With no JWT_SECRET it uses
// the secret `npm start` keeps in its data folder, so it works in a second terminal with no variables.
const [role, id, town, name] = process.argv.slice(2);
if (!role || !id || !STAFF_ROLES.includes(role as StaffRole)) {
  console.error(
    `usage: npm run token -- <${STAFF_ROLES.join('|')}> <user-id> [town | department code] [name]`,
  );
  process.exit(2);
}
// Only the token settings matter here, not the database.
const env: NodeJS.ProcessEnv = { DATABASE_URL: 'postgres://unused', ...process.env };
if (!env.OIDC_ISSUER?.trim() && !env.JWT_SECRET?.trim()) {
  const secret = localJwtSecret();
  if (!secret) {
    console.error(
      `JWT_SECRET is not set and ${localDataDir()}/jwt-secret does not exist: run \`npm start\` once ` +
        '(it makes one), or set JWT_SECRET to the secret your API uses.',
    );
    process.exit(2);
  }
  env.JWT_SECRET = secret;
}
const config = loadConfig(env);
if (config.auth.mode !== 'local') {
  console.error(
    'OIDC_ISSUER is set: staff sign in through the identity provider, and local tokens would be refused.',
  );
  process.exit(2);
}
// LOCAL DEVELOPMENT ONLY: the API accepts these only while no issuer is configured.
const liaison = role === 'DEPARTMENT_LIAISON';
signToken(
  { id, role: role as StaffRole, ...(liaison ? { department: town } : { town }), name: name ?? id },
  config.auth.secret,
).then(
  (token) => console.log(token),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
